/**
 * The Office.js shell. Every operation queues its work and calls `context.sync()` a small,
 * constant number of times whatever the row count (each sync is a round trip to Excel, slow on
 * the web); only what would exceed Excel on the web's 5 MB per request or per response is split
 * (values written, values read, fills), one sync per extra piece. Text is written as text, and
 * Excel's errors reach the clerk as words (officeErrors.ts). Needs ExcelApi 1.1; newer features
 * are used only when `capabilities` says so.
 */
import { UserError } from '../domain/errors';
import type { Finding } from '../domain/finding';
import { cellAddress, type CellValue, type SheetModel, type WorkbookModel } from '../domain/sheet';
import { blockAddress, chunkBlocks, planBlocks, textRuns, type WriteBlock } from './batch';
import { excelError, isPayloadLimit } from './officeErrors';
import { readJsonSetting, saveDocumentSettings, type DocumentSettings } from './documentSettings';
import { clearCellHighlights, highlightCells } from './highlights';
import { compressedFile, type GetFileAsync } from './officeFile';

export type { DocumentSettings } from './documentSettings';
export { FILL_CELLS_PER_REQUEST } from './highlights';
export { FILE_SLICE_BYTES } from './officeFile';
import {
  SETTINGS_KEY,
  type CellWrite,
  type CreateTemplateResult,
  type FileProgress,
  type PaneSettings,
  type ShellCapabilities,
  type TemplateSpec,
  type WorkbookShell,
  type CapabilityKey,
} from './shell';
import { printSetupOf, TEXT_FORMAT } from '../domain/templateFormat';
import { dressOps, formatOps, printOps, templateOps } from './templateOps';

/** The Office.js entry points the shell needs; injected so tests run a counting fake. */
export interface OfficeHost {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  isSetSupported(name: string, version?: string): boolean;
  settings: DocumentSettings;
  getFileAsync?: GetFileAsync;
}

/** Cells whose values one request loads. A register's cells take about 17 bytes each once
 *  JSON-encoded (measured on `vr sample`'s registers), so 200,000 cells (a register of 8,000
 *  rows) come back in about 3.4 MB, under Excel on the web's 5 MB; a request that still comes
 *  back too large (long notes) is read again in halves. */
export const READ_CELLS_PER_REQUEST = 200_000;

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

/** A read request in two: its slices split between two requests, or one slice's rows in half;
 *  null when it is a single row (nothing smaller to ask for). */
function halve<T extends { row0: number; rows: number }>(request: T[]): T[][] | null {
  if (request.length > 1) return [request.slice(0, Math.ceil(request.length / 2)), request.slice(Math.ceil(request.length / 2))];
  const [slice] = request;
  if (!slice || slice.rows < 2) return null;
  const top = Math.ceil(slice.rows / 2);
  return [[{ ...slice, rows: top }], [{ ...slice, row0: slice.row0 + top, rows: slice.rows - top }]];
}

export class OfficeWorkbookShell implements WorkbookShell {
  readonly capabilities: ShellCapabilities;

  constructor(private readonly host: OfficeHost = officeHost()) {
    this.capabilities = detectCapabilities(host);
  }

  /** Every Excel request goes through here: a known Excel error becomes the clerk's message. */
  private async excel<T>(batch: (context: Excel.RequestContext) => Promise<T>, sheet?: string): Promise<T> {
    try {
      return await this.host.run(batch);
    } catch (error) {
      throw excelError(error, sheet);
    }
  }

  /** Three syncs: sheet names, used-range sizes, then all values in one batch (row slices of
   *  READ_CELLS_PER_REQUEST cells for a larger workbook; a slice Excel on the web finds too
   *  large for one response is read again in halves). */
  async readWorkbook(): Promise<WorkbookModel> {
    return this.excel(async (context) => {
      const worksheets = context.workbook.worksheets;
      worksheets.load('items/name,items/visibility');
      await context.sync();
      // Values only (ExcelApi 1.2): the template formats 2,000 rows ahead, which would make
      // every blank formatted row part of the used range.
      const used = worksheets.items.map((ws) => (this.capabilities.formatting ? ws.getUsedRange(true) : ws.getUsedRange()).load('rowIndex,columnIndex,rowCount,columnCount'));
      await context.sync();
      type Slice = { sheet: number; row0: number; rows: number };
      const queue: Slice[][] = [[]];
      let cells = 0;
      worksheets.items.forEach((_ws, sheet) => {
        const u = used[sheet];
        const rowsPerSlice = Math.max(1, Math.floor(READ_CELLS_PER_REQUEST / Math.max(1, u.columnCount)));
        for (let r = 0; r < u.rowCount; r += rowsPerSlice) {
          const rows = Math.min(rowsPerSlice, u.rowCount - r);
          if (cells > 0 && cells + rows * u.columnCount > READ_CELLS_PER_REQUEST) {
            queue.push([]);
            cells = 0;
          }
          queue[queue.length - 1].push({ sheet, row0: u.rowIndex + r, rows });
          cells += rows * u.columnCount;
        }
      });
      const models: SheetModel[] = worksheets.items.map((ws) => ({
        name: ws.name,
        visibility: (ws.visibility === 'VeryHidden' ? 'veryHidden' : ws.visibility === 'Hidden' ? 'hidden' : 'visible') as SheetModel['visibility'],
        rows: [],
      }));
      while (queue.length > 0) {
        const request = queue.shift() as Slice[];
        if (request.length === 0) continue;
        const ranges = request.map((slice) => {
          const u = used[slice.sheet];
          const address = `${cellAddress(slice.row0, u.columnIndex)}:${cellAddress(slice.row0 + slice.rows - 1, u.columnIndex + u.columnCount - 1)}`;
          return worksheets.items[slice.sheet].getRange(address).load('values');
        });
        try {
          await context.sync();
        } catch (error) {
          const halves = isPayloadLimit(error) ? halve(request) : null;
          if (!halves) throw error;
          queue.unshift(...halves);
          continue;
        }
        request.forEach((slice, i) => {
          const col0 = used[slice.sheet].columnIndex;
          const rows = models[slice.sheet].rows;
          ranges[i].values.forEach((values, j) => {
            const row: CellValue[] = new Array(col0).fill(null);
            for (const v of values) row.push(fromExcel(v));
            rows[slice.row0 + j] = row;
          });
        });
      }
      for (const model of models) {
        for (let r = 0; r < model.rows.length; r++) if (!model.rows[r]) model.rows[r] = [];
        model.rows = trimRows(model.rows);
      }
      return { sheets: models };
    });
  }

  /** Two syncs for any number of rows (sheet names; then the sheets, their formats, values,
   *  tables and dress), more only for values over one request's budget, and a third for the
   *  print set-up. */
  async createTemplate(spec: TemplateSpec): Promise<CreateTemplateResult> {
    const skipped: CapabilityKey[] = (['dropdowns', 'freezePanes', 'formatting', 'printLayout'] as const).filter((k) => !this.capabilities[k]);
    await this.excel(async (context) => {
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
        // Blank cells go in as '' (nothing to clear on a new sheet): rows stay whole, so a table
        // is one rectangle of values instead of one range per run between its empty cells.
        s.rows.forEach((row, row0) => row.forEach((value, col0) => cells.push({ row0, col0, value })));
        return cells;
      });
      const byName = new Map(spec.sheets.map((s, i) => [s.name, sheets[i]]));
      const blocks = writes.flatMap((w, i) => planBlocks(w, spec.sheets[i].name));
      await this.writeChunks(context, (name) => byName.get(name) as Excel.Worksheet, blocks, {
        // Number formats before any value: under Text an ID keeps its leading zero.
        before: () => spec.sheets.forEach((s, i) => formatOps(sheets[i], s)),
        after: () => {
          spec.sheets.forEach((s, i) => {
            templateOps(sheets[i], s, this.capabilities);
            dressOps(sheets[i], s, this.capabilities);
          });
          // Open on the registry (the sheet with the table), where the clerk starts typing.
          sheets[Math.max(0, spec.sheets.findIndex((s) => s.table))].activate();
        },
      });
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

  /**
   * Queues the writes in requests under the 5 MB limit; one sync per extra request (none for a
   * write under REQUEST_BUDGET_BYTES), the caller's final sync sends the last. Each block's text
   * that Excel would turn into something else gets the Text format first, so a string lands as
   * that string: an ID keeps its leading zeros, `=…` stays text. `before` and `after` queue
   * work that goes with the first and the last request.
   */
  private async writeChunks(
    context: Excel.RequestContext,
    sheetOf: (name: string) => Excel.Worksheet,
    blocks: WriteBlock[],
    around: { before?: () => void; after?: () => void } = {},
  ): Promise<void> {
    const requests = blocks.length > 0 ? chunkBlocks(blocks) : [[]];
    for (let i = 0; i < requests.length; i++) {
      if (i === 0) around.before?.();
      for (const part of requests[i]) {
        const ws = sheetOf(part.sheet as string);
        for (const run of textRuns(part)) ws.getRange(`${cellAddress(run.row0, run.col0)}:${cellAddress(run.row0 + run.rows - 1, run.col0)}`).numberFormat = [[TEXT_FORMAT]];
        ws.getRange(blockAddress(part)).values = part.values;
      }
      if (i === requests.length - 1) around.after?.();
      else await context.sync();
    }
  }

  async writeCells(sheet: string, writes: readonly CellWrite[]): Promise<void> {
    if (writes.length === 0) return;
    await this.excel(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      await this.writeChunks(context, () => ws, planBlocks(writes, sheet));
      await context.sync();
    }, sheet);
  }

  async highlight(findings: readonly Finding[]): Promise<number> {
    return highlightCells((batch) => this.excel(batch), this.host.settings, findings);
  }

  async clearHighlights(): Promise<void> {
    await clearCellHighlights((batch) => this.excel(batch), this.host.settings);
  }

  /** One sync. A cell on a hidden sheet (`_meta`) cannot be shown: the clerk is told so. */
  async selectCell(sheet: string, address: string): Promise<void> {
    try {
      await this.excel(async (context) => {
        const ws = context.workbook.worksheets.getItem(sheet);
        ws.activate();
        ws.getRange(address).select();
        await context.sync();
      }, sheet);
    } catch (error) {
      if ((error as { code?: unknown })?.code !== 'InvalidOperation') throw error;
      throw new UserError(
        'excel_failed',
        `Ô ${address} nằm ở trang tính ẩn "${sheet}" (trang kỹ thuật của mẫu), nên không mở được. Nội dung cần sửa đã nêu trong thông báo.`,
        `Cell ${address} is on the hidden sheet "${sheet}" (the template's own data), so it cannot be shown. The message says what to fix.`,
      );
    }
  }

  async readSettings(): Promise<PaneSettings> {
    return readJsonSetting<PaneSettings>(this.host.settings, SETTINGS_KEY, {});
  }

  async saveSettings(settings: PaneSettings): Promise<void> {
    this.host.settings.set(SETTINGS_KEY, JSON.stringify(settings));
    await saveDocumentSettings(this.host.settings);
  }

  /** The workbook as Excel saves it (.xlsx). */
  getCompressedFile(onProgress?: (p: FileProgress) => void): Promise<Uint8Array> {
    return compressedFile(this.host.getFileAsync, onProgress);
  }
}
