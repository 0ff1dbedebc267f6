/**
 * The Office.js shell. Every operation queues its work and calls `context.sync()` a small,
 * constant number of times whatever the row count (each sync is a round trip to Excel, slow on
 * the web); only writes larger than Excel on the web's 5 MB request limit are split, one sync
 * per chunk. Needs ExcelApi 1.1; newer features are used only when `capabilities` says so.
 */
import { UserError } from '../domain/errors';
import type { Finding } from '../domain/finding';
import { cellAddress, type CellValue, type SheetModel, type WorkbookModel } from '../domain/sheet';
import { blockAddress, chunkBlocks, planBlocks, type WriteBlock } from './batch';
import {
  HIGHLIGHT_FILL,
  HIGHLIGHT_STORE_KEY,
  SETTINGS_KEY,
  type CellWrite,
  type CreateTemplateResult,
  type FileProgress,
  type HighlightStore,
  type PaneSettings,
  type ShellCapabilities,
  type TemplateSpec,
  type WorkbookShell,
  type CapabilityKey,
} from './shell';
import { printSetupOf } from '../domain/template';
import { dressOps, printOps, templateOps } from './templateOps';

/** Document settings as Office.js offers them (saved inside the workbook). */
export interface DocumentSettings {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  remove(name: string): void;
  saveAsync(callback?: (result: { status: string; error?: { message: string } }) => void): void;
}

/** The Office.js entry points the shell needs; injected so tests run a counting fake. */
export interface OfficeHost {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  isSetSupported(name: string, version?: string): boolean;
  settings: DocumentSettings;
  getFileAsync?: (
    type: Office.FileType,
    options: { sliceSize: number },
    callback: (result: Office.AsyncResult<Office.File>) => void,
  ) => void;
}

/** Loaded values above this many cells are fetched in row slices (response size limit). */
export const READ_CELLS_PER_REQUEST = 400_000;
/** Range proxies loaded in one request when reading fills (about 150 bytes each). */
export const FILL_CELLS_PER_REQUEST = 20_000;
/** getFileAsync's largest slice (4 MB). */
export const FILE_SLICE_BYTES = 4_194_304;

export function officeHost(): OfficeHost {
  return {
    run: (batch) => Excel.run(batch),
    isSetSupported: (name, version) => Office.context.requirements.isSetSupported(name, version),
    settings: Office.context.document.settings as unknown as DocumentSettings,
    getFileAsync:
      typeof Office.context.document.getFileAsync === 'function'
        ? (type, options, callback) => Office.context.document.getFileAsync(type, options, callback)
        : undefined,
  };
}

export function detectCapabilities(host: Pick<OfficeHost, 'isSetSupported' | 'getFileAsync'>): ShellCapabilities {
  const excel = (version: string): boolean => {
    try {
      return host.isSetSupported('ExcelApi', version);
    } catch {
      return false;
    }
  };
  return {
    dropdowns: excel('1.8'),
    freezePanes: excel('1.7'),
    formatting: excel('1.2'),
    printLayout: excel('1.9'),
    fileAccess: typeof host.getFileAsync === 'function',
  };
}

/** Office.js returns '' for an empty cell; the sheet model uses null. */
function fromExcel(value: unknown): CellValue {
  if (value === '' || value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return String(value);
}

function trimRows(rows: CellValue[][]): CellValue[][] {
  let end = rows.length;
  while (end > 0 && rows[end - 1].every((v) => v === null)) end--;
  return rows.slice(0, end);
}

function worstFinding(findings: readonly Finding[]): Map<string, Map<string, Finding['severity']>> {
  const order = { fatal: 0, error: 1, warning: 2, info: 3 } as const;
  const cells = new Map<string, Map<string, Finding['severity']>>();
  for (const f of findings) {
    if (!f.sheet || !f.cell) continue;
    let sheet = cells.get(f.sheet);
    if (!sheet) cells.set(f.sheet, (sheet = new Map()));
    const prev = sheet.get(f.cell);
    if (!prev || order[f.severity] < order[prev]) sheet.set(f.cell, f.severity);
  }
  return cells;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out.length > 0 ? out : [[]];
}

const OUR_FILLS = new Set(Object.values(HIGHLIGHT_FILL).map((c) => c.toUpperCase()));

export class OfficeWorkbookShell implements WorkbookShell {
  readonly capabilities: ShellCapabilities;

  constructor(private readonly host: OfficeHost = officeHost()) {
    this.capabilities = detectCapabilities(host);
  }

  /** Three syncs: sheet names, used-range sizes, then all values in one batch (row slices
   *  only when a sheet holds more than READ_CELLS_PER_REQUEST cells). */
  async readWorkbook(): Promise<WorkbookModel> {
    return this.host.run(async (context) => {
      const worksheets = context.workbook.worksheets;
      worksheets.load('items/name,items/visibility');
      await context.sync();
      const used = worksheets.items.map((ws) => ws.getUsedRange().load('rowIndex,columnIndex,rowCount,columnCount'));
      await context.sync();
      type Slice = { sheet: number; row0: number; range: Excel.Range };
      const requests: Slice[][] = [[]];
      let cells = 0;
      worksheets.items.forEach((ws, sheet) => {
        const u = used[sheet];
        const rowsPerSlice = Math.max(1, Math.floor(READ_CELLS_PER_REQUEST / Math.max(1, u.columnCount)));
        for (let r = 0; r < u.rowCount; r += rowsPerSlice) {
          const rows = Math.min(rowsPerSlice, u.rowCount - r);
          if (cells > 0 && cells + rows * u.columnCount > READ_CELLS_PER_REQUEST) {
            requests.push([]);
            cells = 0;
          }
          const address = `${cellAddress(u.rowIndex + r, u.columnIndex)}:${cellAddress(u.rowIndex + r + rows - 1, u.columnIndex + u.columnCount - 1)}`;
          const slice = { sheet, row0: u.rowIndex + r, range: ws.getRange(address) };
          requests[requests.length - 1].push(slice);
          cells += rows * u.columnCount;
        }
      });
      const models: SheetModel[] = worksheets.items.map((ws) => ({
        name: ws.name,
        visibility: (ws.visibility === 'VeryHidden' ? 'veryHidden' : ws.visibility === 'Hidden' ? 'hidden' : 'visible') as SheetModel['visibility'],
        rows: [],
      }));
      for (const request of requests) {
        for (const slice of request) slice.range.load('values');
        await context.sync();
        for (const slice of request) {
          const col0 = used[slice.sheet].columnIndex;
          const rows = models[slice.sheet].rows;
          slice.range.values.forEach((values, i) => {
            const row: CellValue[] = new Array(col0).fill(null);
            for (const v of values) row.push(fromExcel(v));
            rows[slice.row0 + i] = row;
          });
        }
      }
      for (const model of models) {
        for (let r = 0; r < model.rows.length; r++) if (!model.rows[r]) model.rows[r] = [];
        model.rows = trimRows(model.rows);
      }
      return { sheets: models };
    });
  }

  async createTemplate(spec: TemplateSpec): Promise<CreateTemplateResult> {
    const skipped: CapabilityKey[] = (['dropdowns', 'freezePanes', 'formatting', 'printLayout'] as const).filter((k) => !this.capabilities[k]);
    await this.host.run(async (context) => {
      const worksheets = context.workbook.worksheets;
      worksheets.load('items/name');
      await context.sync();
      const existing = new Set(worksheets.items.map((ws) => ws.name.normalize('NFC').toLowerCase()));
      const clash = spec.sheets.find((s) => existing.has(s.name.normalize('NFC').toLowerCase()));
      if (clash) {
        throw new UserError(
          'bad_argument',
          `Sổ làm việc đã có trang "${clash.name}". Hãy mở một sổ làm việc trống (Tệp > Mới) rồi tạo sổ theo dõi.`,
          `The workbook already has a sheet "${clash.name}". Open a blank workbook (File > New) and create the register there.`,
        );
      }
      const sheets = spec.sheets.map((s) => worksheets.add(s.name));
      const writes = spec.sheets.map((s) => {
        const cells: CellWrite[] = [];
        s.rows.forEach((row, row0) => row.forEach((value, col0) => value !== null && cells.push({ row0, col0, value })));
        return cells;
      });
      const byName = new Map(spec.sheets.map((s, i) => [s.name, sheets[i]]));
      const blocks = writes.flatMap((w, i) => planBlocks(w, spec.sheets[i].name));
      await this.writeChunks(context, (name) => byName.get(name) as Excel.Worksheet, blocks);
      spec.sheets.forEach((s, i) => {
        templateOps(sheets[i], s, this.capabilities);
        dressOps(sheets[i], s, this.capabilities);
      });
      // Open on the registry (the sheet with the table), where the clerk starts typing.
      sheets[Math.max(0, spec.sheets.findIndex((s) => s.table))].activate();
      await context.sync();
    });
    // The print set-up goes in a request of its own: a host that refuses part of it (page
    // layout varies most between Excel versions) keeps the register, and the clerk is told to
    // set the page up by hand.
    if (this.capabilities.printLayout) {
      try {
        await this.host.run(async (context) => {
          const worksheets = context.workbook.worksheets;
          for (const s of spec.sheets) if (s.visibility === 'visible') printOps(worksheets.getItem(s.name), printSetupOf(s), this.capabilities);
          await context.sync();
        });
      } catch {
        skipped.push('printLayout');
      }
    }
    return { skipped: [...skipped] };
  }

  /** Queues the writes; one sync per extra request chunk (none for a write under 4 MB), the
   *  caller's final sync sends the last chunk. */
  private async writeChunks(context: Excel.RequestContext, sheetOf: (name: string) => Excel.Worksheet, blocks: WriteBlock[]): Promise<void> {
    const requests = chunkBlocks(blocks);
    for (let i = 0; i < requests.length; i++) {
      for (const part of requests[i]) sheetOf(part.sheet as string).getRange(blockAddress(part)).values = part.values;
      if (i < requests.length - 1) await context.sync();
    }
  }

  async writeCells(sheet: string, writes: readonly CellWrite[]): Promise<void> {
    if (writes.length === 0) return;
    await this.host.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      await this.writeChunks(context, () => ws, planBlocks(writes, sheet));
      await context.sync();
    });
  }

  private readStore(): HighlightStore {
    const raw = this.host.settings.get(HIGHLIGHT_STORE_KEY);
    if (typeof raw !== 'string') return {};
    try {
      return JSON.parse(raw) as HighlightStore;
    } catch {
      return {};
    }
  }

  private saveDocumentSettings(): Promise<void> {
    return new Promise((resolve, reject) =>
      this.host.settings.saveAsync((result) =>
        result.status === 'failed' ? reject(new Error(result.error?.message ?? 'settings not saved')) : resolve(),
      ),
    );
  }

  /** Two syncs per 20,000 cells: read the clerk's fills, then colour the findings' cells. */
  async highlight(findings: readonly Finding[]): Promise<number> {
    const cells = worstFinding(findings);
    const store = this.readStore();
    const list: { sheet: string; address: string; severity: Finding['severity'] }[] = [];
    for (const [sheet, byCell] of cells) for (const [address, severity] of byCell) list.push({ sheet, address, severity });
    await this.host.run(async (context) => {
      const sheets = new Map<string, Excel.Worksheet>();
      const ws = (name: string): Excel.Worksheet => {
        let sheet = sheets.get(name);
        if (!sheet) sheets.set(name, (sheet = context.workbook.worksheets.getItem(name)));
        return sheet;
      };
      for (const part of chunk(list, FILL_CELLS_PER_REQUEST)) {
        const fills = part.map((c) => ws(c.sheet).getRange(c.address).format.fill.load('color'));
        await context.sync();
        part.forEach((c, i) => {
          const remembered = (store[c.sheet] ??= {});
          // A cell already coloured by us keeps the clerk's fill remembered the first time.
          if (!(c.address in remembered)) {
            const color = fills[i].color;
            remembered[c.address] = color && !OUR_FILLS.has(color.toUpperCase()) ? color : null;
          }
          fills[i].color = HIGHLIGHT_FILL[c.severity];
        });
        await context.sync();
      }
    });
    this.host.settings.set(HIGHLIGHT_STORE_KEY, JSON.stringify(store));
    await this.saveDocumentSettings();
    return list.length;
  }

  /** Two syncs per 20,000 cells; a cell the clerk re-coloured since keeps the clerk's colour. */
  async clearHighlights(): Promise<void> {
    const store = this.readStore();
    const list: { sheet: string; address: string; original: string | null }[] = [];
    for (const [sheet, byCell] of Object.entries(store)) for (const [address, original] of Object.entries(byCell)) list.push({ sheet, address, original });
    if (list.length > 0) {
      await this.host.run(async (context) => {
        const existing = context.workbook.worksheets;
        existing.load('items/name');
        const parts = chunk(list, FILL_CELLS_PER_REQUEST);
        for (const part of parts) {
          const fills = part.map((c) => existing.getItem(c.sheet).getRange(c.address).format.fill.load('color'));
          await context.sync();
          part.forEach((c, i) => {
            const now = fills[i].color;
            if (!now || !OUR_FILLS.has(now.toUpperCase())) return;
            if (c.original === null || c.original.toUpperCase() === '#FFFFFF') fills[i].clear();
            else fills[i].color = c.original;
          });
          await context.sync();
        }
      });
    }
    this.host.settings.remove(HIGHLIGHT_STORE_KEY);
    await this.saveDocumentSettings();
  }

  async selectCell(sheet: string, address: string): Promise<void> {
    await this.host.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      ws.activate();
      ws.getRange(address).select();
      await context.sync();
    });
  }

  async readSettings(): Promise<PaneSettings> {
    const raw = this.host.settings.get(SETTINGS_KEY);
    if (typeof raw !== 'string') return {};
    try {
      return JSON.parse(raw) as PaneSettings;
    } catch {
      return {};
    }
  }

  async saveSettings(settings: PaneSettings): Promise<void> {
    this.host.settings.set(SETTINGS_KEY, JSON.stringify(settings));
    await this.saveDocumentSettings();
  }

  /** The workbook as saved (.xlsx), read slice by slice; the file is always closed (Office
   *  keeps at most two open and fails the next getFileAsync otherwise). */
  async getCompressedFile(onProgress?: (p: FileProgress) => void): Promise<Uint8Array> {
    const getFile = this.host.getFileAsync;
    if (!getFile) {
      throw new UserError(
        'internal',
        'Excel này không cho phép lấy tệp từ ngăn tác vụ. Hãy lưu tệp rồi tải lên tại trang /upload/ của hộp thư tỉnh.',
        'This Excel does not let the pane read the file. Save it and upload it on the inbox page /upload/.',
      );
    }
    const file = await new Promise<Office.File>((resolve, reject) =>
      getFile(Office.FileType.Compressed, { sliceSize: FILE_SLICE_BYTES }, (r) =>
        r.status === Office.AsyncResultStatus.Succeeded ? resolve(r.value) : reject(new Error(r.error.message)),
      ),
    );
    try {
      const parts: Uint8Array[] = [];
      let loaded = 0;
      for (let i = 0; i < file.sliceCount; i++) {
        const data = await new Promise<ArrayLike<number>>((resolve, reject) =>
          file.getSliceAsync(i, (r) => (r.status === Office.AsyncResultStatus.Succeeded ? resolve(r.value.data as ArrayLike<number>) : reject(new Error(r.error.message)))),
        );
        const bytes = Uint8Array.from(data);
        parts.push(bytes);
        loaded += bytes.length;
        onProgress?.({ loaded, total: file.size });
      }
      const out = new Uint8Array(loaded);
      let offset = 0;
      for (const p of parts) {
        out.set(p, offset);
        offset += p.length;
      }
      return out;
    } finally {
      await new Promise<void>((resolve) => file.closeAsync(() => resolve()));
    }
  }
}
