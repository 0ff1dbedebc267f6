/**
 * Task pane entry (loaded by boot.js once the webview is known to be modern): waits for
 * Office.js, then renders the pane over the Office.js shell. Outside Excel it says so.
 */
import { createRoot } from 'react-dom/client';
import { OfficeWorkbookShell } from '../excel/office';
import { App } from './App';
import { workerChecker } from './lib/checkRunner';
import { browserServices } from './lib/services';

function plain(text: string): void {
  const root = document.getElementById('root');
  if (root) root.textContent = text;
}

const NOT_IN_EXCEL =
  'Trang này chạy bên trong Excel (Trang đầu > Sổ theo dõi). Để xem thử ngoài Excel, mở preview.html. / ' +
  'This page runs inside Excel (Home > Register). To try it outside Excel, open preview.html.';

if (typeof Office === 'undefined') {
  plain(NOT_IN_EXCEL);
} else {
  Office.onReady((info) => {
    if (info.host !== Office.HostType.Excel) {
      plain(NOT_IN_EXCEL);
      return;
    }
    const container = document.getElementById('root') as HTMLElement;
    const uiLanguage = (Office.context.displayLanguage || 'vi').toLowerCase().startsWith('vi') ? 'vi' : undefined;
    createRoot(container).render(
      <App
        shell={new OfficeWorkbookShell()}
        services={browserServices()}
        checker={workerChecker('check.worker.js')}
        initialLanguage={uiLanguage}
      />,
    );
  });
}
