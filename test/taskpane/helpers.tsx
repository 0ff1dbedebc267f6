/** Renders the real pane (App) over the preview's in-memory workbook, with injectable
 *  services (clock, uploader, queue), as the panel tests need. */
import { configure, render, screen, type RenderResult } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { generateSample } from '../../src/domain/sample';
import { findUnit, getProfile } from '../../src/profiles';
import { FakeWorkbookShell } from '../../src/preview/fakeShell';
import { App, type PanelId } from '../../src/taskpane/App';
import { inlineChecker } from '../../src/taskpane/lib/checkRunner';
import type { UploadOutcome, Uploader } from '../../src/taskpane/lib/inboxClient';
import { storageTokens, type Services } from '../../src/taskpane/lib/services';
import { SubmitQueue, memoryQueueStore, type QueueStore } from '../../src/taskpane/lib/submitQueue';
import type { WorkbookShell } from '../../src/excel/shell';

// Lazy panels compile on first use under ts-jest: allow for it on a busy 2-core machine.
configure({ asyncUtilTimeout: 15000 });
jest.setTimeout(120_000);

// jsdom has no layout, hence no ResizeObserver; Fluent's TabList measures overflow with one.
if (typeof window !== 'undefined' && !('ResizeObserver' in window)) {
  (window as unknown as { ResizeObserver: unknown }).ResizeObserver = class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  };
}

/** After the sample's period (2020 Q3) and its deadline, so no date is "in the future". */
export const NOW = new Date(Date.UTC(2020, 10, 2, 3, 0, 0));

export function sampleShell(rows: number, errors = false, seed = 7): FakeWorkbookShell {
  const profile = getProfile('bac-ninh-2017')!;
  const unit = findUnit(profile, 'BN-TS')!;
  const { spec } = generateSample({ rows, seed, profile, unit, year: 2020, quarter: 3, errors });
  const shell = new FakeWorkbookShell();
  void shell.createTemplate(spec);
  return shell;
}

export interface Harness {
  services: Services;
  uploads: { inboxUrl: string; token: string; bytes: Uint8Array; filename: string }[];
  store: QueueStore;
}

export function makeServices(answer: (n: number) => UploadOutcome = () => ({ kind: 'unreachable', status: 0 }), store: QueueStore = memoryQueueStore(), now = () => NOW): Harness {
  const uploads: Harness['uploads'] = [];
  const upload: Uploader = async (req) => {
    uploads.push({ inboxUrl: req.inboxUrl, token: req.token, bytes: req.bytes, filename: req.filename });
    req.onProgress?.(1);
    return answer(uploads.length);
  };
  const tokens = storageTokens(null);
  const services: Services = {
    now,
    tokens,
    upload,
    fetchSubmissions: async () => null,
    queue: new SubmitQueue(store, upload, (unit) => tokens.get(unit), () => now().getTime()),
  };
  return { services, uploads, store };
}

export function renderPane(shell: WorkbookShell, panel: PanelId, services = makeServices().services, lang: 'vi' | 'en' = 'vi'): RenderResult {
  return render(<App shell={shell} services={services} checker={inlineChecker} initialPanel={panel} initialLanguage={lang} />);
}

export async function tab(name: RegExp): Promise<void> {
  await userEvent.click(screen.getByRole('tab', { name }));
}
