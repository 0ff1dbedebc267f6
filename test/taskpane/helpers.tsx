/** Renders the real pane (App) with injectable services (clock, uploader, queue), as the panel
 *  tests need, over the workbook shell the pane runs on in Excel: the Office.js shell
 *  (src/excel/office.ts) over the strict fake Excel (test/excel/fakeExcel.ts). A panel test file
 *  runs its tests on each Excel version offices have:
 *
 *    describe.each(PANE_EXCELS)('Check panel on %s (ExcelApi %s)', (_name, api) => {
 *      onExcel(api);
 *      it('…', async () => { const workbook = await sampleShell(40, true); … });
 *    });
 *
 *  The preview's own shell is held to the same contract in test/excel/shellContract.test.ts. */
import '../../src/profiles/officialAll';
import { configure, render, screen, type RenderResult } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { generateSample } from '../../src/domain/sample';
import { findUnit, getProfile } from '../../src/profiles';
import { loadProvince } from '../../src/profiles/officialList';
import { FakeWorkbookShell } from '../../src/preview/fakeShell';
import { App, type PanelId } from '../../src/taskpane/App';
import { loadLanguage } from '../../src/taskpane/i18n';
import { inlineChecker } from '../../src/taskpane/lib/checkRunner';
import type { UploadOutcome, Uploader } from '../../src/taskpane/lib/inboxClient';
import { storageTokens, type Services } from '../../src/taskpane/lib/services';
import { SubmitQueue, memoryQueueStore, type QueueStore } from '../../src/taskpane/lib/submitQueue';
import type { WorkbookShell } from '../../src/excel/shell';
import { EXCEL_LEVELS } from '../excel/fakeExcel';
import { officeHandle, type ShellUnderTest } from '../excel/shellHandles';

// English is loaded on demand in the pane (i18n.ts); the panel tests read it at once.
beforeAll(() => loadLanguage('en'));

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

/** The Excel versions the panel tests run on: [name, ExcelApi level]. */
export const PANE_EXCELS = Object.entries(EXCEL_LEVELS) as [string, string][];

/** A workbook the pane works on, and the test's view of it (values, formats, fills, selection). */
export type PaneWorkbook = ShellUnderTest;

let api: string = EXCEL_LEVELS['Excel LTSC 2024'];

/** The tests of the enclosing describe run on an Excel of this ExcelApi level. */
export function onExcel(level: string): void {
  beforeEach(() => {
    api = level;
  });
}

/** The plans the pane is tried on: a seed plan's district (Thị xã Từ Sơn, Bắc Ninh, 2020 Q3) and
 *  today's commune (vn-2025: Phường Nha Trang, Khánh Hoà, 2025 Q3, whose official code 22366 has
 *  no letter, so Excel would make a number of it and of its case IDs if the pane let it). `now`
 *  is after the quarter's deadline, so no date of the sample is in the future. */
export interface PanePlan {
  plan: string;
  unit: string;
  province: string | null;
  year: number;
  commune: string;
  now: Date;
}
export const PANE_PLANS: Record<'bac-ninh-2017' | 'vn-2025', PanePlan> = {
  'bac-ninh-2017': { plan: 'bac-ninh-2017', unit: 'BN-TS', province: null, year: 2020, commune: 'Phường Đông Ngàn', now: NOW },
  'vn-2025': { plan: 'vn-2025', unit: '22366', province: '56', year: 2025, commune: 'Phường Nha Trang', now: new Date(Date.UTC(2025, 10, 2, 3, 0, 0)) },
};

async function sampleSpec(rows: number, errors: boolean, seed: number, plan: PanePlan = PANE_PLANS['bac-ninh-2017']) {
  if (plan.province) await loadProvince(plan.province);
  const profile = getProfile(plan.plan)!;
  const unit = findUnit(profile, plan.unit)!;
  return generateSample({ rows, seed, profile, unit, year: plan.year, quarter: 3, errors }).spec;
}

/** A blank workbook in Excel (one empty sheet), as the clerk opens the pane on it. */
export function emptyWorkbook(): PaneWorkbook {
  return officeHandle(api);
}

/** A register with `rows` cases (the Bắc Ninh plan, BN-TS, 2020 Q3, unless another plan is
 *  given), created in Excel by the pane's own shell, as the Start panel would. */
export async function sampleShell(rows: number, errors = false, seed = 7, plan?: PanePlan): Promise<PaneWorkbook> {
  const workbook = emptyWorkbook();
  await workbook.shell.createTemplate(await sampleSpec(rows, errors, seed, plan));
  return workbook;
}

/** The same Bắc Ninh register in the browser preview's workbook (for the preview's own tests). */
export function previewSample(rows: number, errors = false, seed = 7): FakeWorkbookShell {
  const profile = getProfile('bac-ninh-2017')!;
  const { spec } = generateSample({ rows, seed, profile, unit: findUnit(profile, 'BN-TS')!, year: 2020, quarter: 3, errors });
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

export function renderPane(workbook: PaneWorkbook | WorkbookShell, panel: PanelId, services = makeServices().services, lang: 'vi' | 'en' = 'vi'): RenderResult {
  const shell = 'capabilities' in workbook ? workbook : workbook.shell;
  return render(<App shell={shell} services={services} checker={inlineChecker} initialPanel={panel} initialLanguage={lang} />);
}

export async function tab(name: RegExp): Promise<void> {
  await userEvent.click(screen.getByRole('tab', { name }));
}
