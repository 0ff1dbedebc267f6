/**
 * A strict fake of Excel behind Office.js, for the shell (`src/excel/office.ts`) and the pane's
 * tests. It throws what Excel throws, when Excel throws it (test/excel/fake/*):
 * - a property read before its own `load()` and a `sync()`: `PropertyNotLoaded`, per property;
 * - a sheet that does not exist: `ItemNotFound` at `sync()` (not at `getItem`);
 *   `getItemOrNullObject` gives `isNullObject` after the sync (ExcelApi 1.4);
 * - `worksheets.add` with a bad name (31 characters, `[ ] : * ? / \`): `InvalidArgument`, a
 *   taken one (any case): `ItemAlreadyExists`, both at `sync()`;
 * - a request or a response over 5 MB on Excel on the web: `RequestPayloadSizeLimitExceeded` /
 *   `ResponsePayloadSizeLimitExceeded` (both measured on the RichApi JSON message);
 * - a member of a requirement set newer than the Excel chosen (ExcelApi 1.1, 1.7, 1.14, 1.17…):
 *   `ApiNotFound` at `sync()`, and `isSetSupported` answers for that level;
 * - the clerk still typing in a cell: `InvalidOperationInCellEditMode`.
 * Values are stored as Excel stores them under each cell's number format (fake/coerce.ts:
 * `001182579803` becomes 1182579803 under General, stays text under `@`), number formats and
 * fills are per cell, and document settings are saved only by a `saveAsync` that can fail.
 */
import { formatBox, parseBox } from './fake/address';
import { coerceWrite, GENERAL } from './fake/coerce';
import { FakeContext, PAYLOAD_LIMIT_BYTES, versionAtLeast, type Host, type SyncRecord } from './fake/context';
import type { Book } from './fake/book';
import { FakeSettings } from './fake/settings';
import { cellFor, keyOf, newSheet, readValue, type CellState, type SheetState, type TableState, type Visibility } from './fake/state';
import { FakeWorkbook } from './fake/worksheet';
import type { OfficeHost } from '../../src/excel/office';

export { FakeSettings } from './fake/settings';
export { FakeOfficeError, FakeNotModelled } from './fake/errors';
export { PAYLOAD_LIMIT_BYTES, type SyncRecord } from './fake/context';
export type { CellState, SheetState } from './fake/state';

/** The Excel versions offices run (perpetual licences stop at their release's set). */
export const EXCEL_LEVELS = { 'Excel 2016': '1.1', 'Excel 2019': '1.7', 'Excel LTSC 2021': '1.14', 'Excel LTSC 2024': '1.17' } as const;

export interface FakeExcelOptions {
  /** ExcelApi level, e.g. '1.7' (default 1.17, Office LTSC 2024). */
  api?: string;
  /** 'web' (default) enforces Excel on the web's 5 MB payload limit; 'desktop' has none. */
  platform?: 'web' | 'desktop';
  settings?: FakeSettings;
}

/** getFileAsync's largest slice, and Office's limit of files open at once. */
const MAX_SLICE = 4_194_304;
const MAX_OPEN_FILES = 2;

export class FakeExcel implements Host {
  readonly api: string;
  readonly platform: 'web' | 'desktop';
  readonly settings: FakeSettings;
  editing = false;
  syncs: SyncRecord[] = [];
  /** Requests made by `host().run` (one per `Excel.run`). */
  runs = 0;
  private openFiles = 0;
  private ids = 0;
  readonly book: Book;

  constructor(options: FakeExcelOptions = {}) {
    this.api = options.api ?? '1.17';
    this.platform = options.platform ?? 'web';
    this.settings = options.settings ?? new FakeSettings();
    this.book = { sheets: [], tables: [], activeId: null, selection: null, newId: () => `{fake-${++this.ids}}` };
  }

  /** A blank workbook as Excel opens one: a single empty sheet. */
  static blank(options: FakeExcelOptions = {}): FakeExcel {
    const excel = new FakeExcel(options);
    excel.addSheet('Sheet1');
    return excel;
  }

  get sheets(): SheetState[] {
    return this.book.sheets;
  }

  get tables(): TableState[] {
    return this.book.tables;
  }

  get activeSheet(): string | null {
    return this.book.sheets.find((s) => s.id === this.book.activeId)?.name ?? null;
  }

  /** The selected cell or range as `Sheet!A1`, or null. */
  get selection(): { sheet: string; address: string } | null {
    const sel = this.book.selection;
    const sheet = sel && this.book.sheets.find((s) => s.id === sel.sheetId);
    if (!sel || !sheet) return null;
    return { sheet: sheet.name, address: formatBox(sheet.name, sel.box).split('!')[1] };
  }

  /** Set-up: a sheet holding `rows` as Excel already holds them (strings are text, numbers are
   *  numbers: nothing is coerced). */
  addSheet(name: string, rows: unknown[][] = [], visibility: Visibility = 'Visible'): SheetState {
    const sheet = newSheet(this.book.newId(), name, visibility);
    rows.forEach((row, r) =>
      row.forEach((value, c) => {
        if (value === null || value === undefined || value === '') return;
        if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') throw new TypeError(`A cell holds text, a number or a boolean, not ${String(value)}.`);
        cellFor(sheet, r, c).value = value;
      }),
    );
    this.book.sheets.push(sheet);
    if (!this.book.activeId && visibility === 'Visible') this.book.activeId = sheet.id;
    return sheet;
  }

  sheet(name: string): SheetState {
    const found = this.book.sheets.find((s) => s.name === name);
    if (!found) throw new Error(`The fake has no sheet "${name}".`);
    return found;
  }

  /** The cell's state (value, number format, fill, …), or undefined when never touched. */
  cell(sheet: string, address: string): CellState | undefined {
    const box = parseBox(address);
    return this.sheet(sheet).cells.get(keyOf(box.r0, box.c0));
  }

  /** What `Range.values` reads for the cell ('' when empty). */
  value(sheet: string, address: string): string | number | boolean {
    return readValue(this.cell(sheet, address));
  }

  /** What `Range.numberFormat` reads for the cell. */
  numberFormat(sheet: string, address: string): string {
    return this.cell(sheet, address)?.numberFormat ?? GENERAL;
  }

  /** Set-up: the clerk types `text` into a cell; Excel stores it as it would (fake/coerce.ts). */
  typeInto(sheet: string, address: string, text: string): void {
    const box = parseBox(address);
    const cell = cellFor(this.sheet(sheet), box.r0, box.c0);
    const written = coerceWrite(text, cell.numberFormat ?? GENERAL);
    delete cell.value;
    delete cell.formula;
    if (written.kind === 'value') {
      cell.value = written.value;
      if (written.numberFormat && (cell.numberFormat ?? GENERAL) === GENERAL) cell.numberFormat = written.numberFormat;
    } else if (written.kind === 'formula') cell.formula = written.formula;
  }

  /** Set-up: the clerk's own fill colour on a cell. */
  paint(sheet: string, address: string, color: string | null): void {
    const box = parseBox(address);
    const cell = cellFor(this.sheet(sheet), box.r0, box.c0);
    if (color === null) delete cell.fill;
    else cell.fill = color.toUpperCase();
  }

  /** Syncs that failed, with their error codes. */
  get failedSyncs(): SyncRecord[] {
    return this.syncs.filter((s) => s.error !== undefined);
  }

  /** Largest request and response of any sync so far, in bytes. */
  get largestPayload(): { request: number; response: number } {
    return {
      request: Math.max(0, ...this.syncs.map((s) => s.requestBytes)),
      response: Math.max(0, ...this.syncs.map((s) => s.responseBytes)),
    };
  }

  isSetSupported(name: string, version?: string): boolean {
    if (name !== 'ExcelApi') return false;
    return versionAtLeast(this.api, version ?? '1.1');
  }

  /** `Excel.run`: one request context; what is still queued when the batch returns is sent. */
  async run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    this.runs += 1;
    const context = new FakeContext(this);
    const workbook = new FakeWorkbook(context, this.book);
    const ctx = { workbook, sync: () => context.sync() };
    const result = await batch(ctx as unknown as Excel.RequestContext);
    await context.sync();
    return result;
  }

  /** The workbook as .xlsx bytes, as `getFileAsync(Compressed)` would hand it over (exceljs,
   *  loaded only when a file is asked for: under jsdom its Node build cannot load). */
  async toXlsx(): Promise<Buffer> {
    const { bookToXlsx } = await import('./fake/xlsx');
    return bookToXlsx(this.book);
  }

  private getFileAsync: NonNullable<OfficeHost['getFileAsync']> = (type, options, callback) => {
    const fail = (message: string, code = 5001): void =>
      callback({ status: 'failed', error: { code, name: 'Error', message } } as unknown as Office.AsyncResult<Office.File>);
    if (String(type) !== 'compressed') return fail(`The fake gives only compressed files, not ${String(type)}.`);
    if (!(options.sliceSize > 0 && options.sliceSize <= MAX_SLICE)) return fail(`Slice size ${options.sliceSize} is over 4 MB.`, 5009);
    if (this.openFiles >= MAX_OPEN_FILES) return fail('No more than two documents are allowed to be in memory; close a file first.', 5006);
    this.openFiles += 1;
    void this.toXlsx().then((bytes) => {
      let open = true;
      const sliceCount = Math.max(1, Math.ceil(bytes.length / options.sliceSize));
      const file = {
        size: bytes.length,
        sliceCount,
        getSliceAsync: (index: number, cb: (r: unknown) => void) =>
          setTimeout(() => {
            if (!open || index < 0 || index >= sliceCount) return cb({ status: 'failed', error: { code: 5001, name: 'Error', message: 'No such slice.' } });
            const data = [...bytes.subarray(index * options.sliceSize, (index + 1) * options.sliceSize)];
            cb({ status: 'succeeded', value: { data, index, size: data.length } });
          }, 0),
        closeAsync: (cb?: (r: unknown) => void) =>
          setTimeout(() => {
            if (open) this.openFiles -= 1;
            open = false;
            cb?.({ status: 'succeeded' });
          }, 0),
      };
      callback({ status: 'succeeded', value: file } as unknown as Office.AsyncResult<Office.File>);
    });
  };

  /** Files `getFileAsync` opened and nobody closed. */
  get filesOpen(): number {
    return this.openFiles;
  }

  /** The entry points the shell takes (`new OfficeWorkbookShell(excel.host())`). */
  host(): OfficeHost {
    return {
      run: (batch) => this.run(batch),
      isSetSupported: (name, version) => this.isSetSupported(name, version),
      settings: this.settings,
      getFileAsync: this.getFileAsync,
    };
  }

  /** Installs `Office` and `Excel` globals over this fake, as the Office.js script would, so
   *  `officeHost()` itself is exercised. Returns the undo. */
  install(): () => void {
    const g = globalThis as Record<string, unknown>;
    const before = { Office: g.Office, Excel: g.Excel };
    g.Office = {
      FileType: { Compressed: 'compressed', Pdf: 'pdf', Text: 'text' },
      AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
      context: {
        requirements: { isSetSupported: (name: string, version?: string) => this.isSetSupported(name, version) },
        document: { settings: this.settings, getFileAsync: this.getFileAsync },
      },
    };
    g.Excel = { run: (batch: (context: Excel.RequestContext) => Promise<unknown>) => this.run(batch) };
    return () => {
      g.Office = before.Office;
      g.Excel = before.Excel;
    };
  }
}

export const FIVE_MB = PAYLOAD_LIMIT_BYTES;
