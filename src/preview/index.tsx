/**
 * Browser preview: the same pane code (App) over a fake in-browser workbook, with a grid that
 * shows the sheets, the selected cell and the highlights. Query options: `?api=1.7` pretends an
 * Excel without ExcelApi 1.8 (dropdowns off), `?lang=en`, `?inbox=URL` presets the inbox (same origin, or
 * loopback in development: see inboxParam.ts),
 * `?sample=N` loads an N-row synthetic register (of `?profile=…&unit=…&year=…&quarter=…`, by
 * default Thị xã Từ Sơn, quarter 3/2020), `?today=yyyy-mm-dd` sets the pane's clock to that day
 * (a demonstration or a test on a fixed date; the time of day still runs). `window.__vrPreview`
 * lets tests and the benchmark drive it.
 */
import '../profiles/officialAll';
import React from 'react';
import { createRoot } from 'react-dom/client';
import { FluentProvider, makeStyles, tokens, webLightTheme } from '@fluentui/react-components';
import { App } from '../taskpane/App';
import { workerChecker } from '../taskpane/lib/checkRunner';
import { browserServices } from '../taskpane/lib/services';
import { parseIsoDay } from '../domain/dates';
import { getProfile, findUnit } from '../profiles';
import { loadAllProvinces } from '../profiles/officialList';
import { FakeWorkbookShell } from './fakeShell';
import { presetInbox } from './inboxParam';
import { Grid } from './Grid';

const useStyles = makeStyles({
  layout: { display: 'flex', height: '100vh', backgroundColor: tokens.colorNeutralBackground2 },
  grid: { flexGrow: 1, minWidth: 0, backgroundColor: tokens.colorNeutralBackground1 },
  pane: {
    width: '320px',
    flexShrink: 0,
    overflowY: 'auto',
    borderLeft: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
});

const params = new URLSearchParams(window.location.search);
const api = params.get('api');
const older = api !== null && Number(api) < 1.8;
const shell = new FakeWorkbookShell({ dropdowns: !older, freezePanes: api === null || Number(api) >= 1.7, formatting: api === null || Number(api) >= 1.2, printLayout: api === null || Number(api) >= 1.9, fileAccess: true });
const inbox = presetInbox(params.get('inbox'), window.location);
if (inbox) void shell.saveSettings({ inboxUrl: inbox });

async function loadSample(rows: number, seed = 1, errors = false, profileId = 'bac-ninh-2017', unitCode = 'BN-TS', year = 2020, quarter = 3): Promise<void> {
  const { generateSample } = await import('../domain/sample');
  const profile = getProfile(profileId);
  if (profile?.unit_list === 'vn-official') await loadAllProvinces();
  const unit = profile && findUnit(profile, unitCode);
  if (!profile || !unit) throw new Error(`unknown profile/unit ${profileId}/${unitCode}`);
  const { spec } = generateSample({ rows, seed, profile, unit, year, quarter, errors });
  shell.sheets = [];
  await shell.createTemplate(spec);
}

/** The clock the pane reads: the real one, or `?today=` at the time of day now. */
function clock(): () => Date {
  const today = params.get('today');
  if (!today) return () => new Date();
  const day = parseIsoDay(today).getTime();
  const started = Date.now();
  const startOfDay = started - (((started % 86_400_000) + 86_400_000) % 86_400_000);
  return () => new Date(day + (Date.now() - startOfDay));
}
const services = browserServices({ now: clock() });

const checker = workerChecker('check.worker.js');
(window as unknown as { __vrPreview: unknown }).__vrPreview = { shell, loadSample, checker };

function Preview(): React.JSX.Element {
  const styles = useStyles();
  return (
    <div className={styles.layout}>
      <section className={styles.grid} aria-label="Trang tính / Worksheet">
        <Grid shell={shell} />
      </section>
      <aside className={styles.pane} aria-label="Ngăn tác vụ / Task pane" data-testid="pane">
        <App
          shell={shell}
          services={services}
          checker={checker}
          initialLanguage={params.get('lang') === 'en' ? 'en' : 'vi'}
        />
      </aside>
    </div>
  );
}

const sample = Number(params.get('sample') ?? 0);
const ready =
  sample > 0
    ? loadSample(sample, 1, false, params.get('profile') ?? undefined, params.get('unit') ?? undefined, Number(params.get('year') ?? 0) || undefined, Number(params.get('quarter') ?? 0) || undefined)
    : Promise.resolve();
void ready.then(() =>
  createRoot(document.getElementById('root') as HTMLElement).render(
    <FluentProvider theme={webLightTheme}>
      <Preview />
    </FluentProvider>,
  ),
);
