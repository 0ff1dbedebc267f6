/**
 * The exceljs file shell, read side: an .xlsx becomes the sheet model (`WorkbookModel`).
 * Never the in-memory reader: it needs ~2 GB for a 100k-row register (architecture.md,
 * measured); streaming keeps memory bounded. Dates come back as UTC-midnight
 * `Date`s, rich text as plain text, formulas as their cached result.
 */
import { Readable } from 'stream';
import type ExcelJS from 'exceljs';
import { UserError } from '../domain/errors';
import { MAX_ROWS, type CellValue, type SheetModel, type SheetVisibility, type WorkbookModel } from '../domain/sheet';
import { parseWorkbook, type ParsedWithCells } from '../domain/parse';
import type { Profile } from '../domain/schema/profile';
import { streamReaderClass } from './exceljsParts';
import { SharedPart, TooManyRows, readXlsxFast } from './fastRead';
import { guardXlsxBuffer, readInputBuffer, sharedPartError, type GuardOptions } from './guard';
import { ParseFailure, RowsOutOfOrder, readParsedXlsx } from './streamParse';

export type ReadOptions = GuardOptions;

interface StreamSheet {
  id?: number | string;
  name?: string;
  state?: string;
  [Symbol.asyncIterator](): AsyncIterator<ExcelJS.Row>;
}

/** Flattens what exceljs gives for one cell into the sheet model's `CellValue`. */
export function toCellValue(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) return (v.richText as { text?: string }[]).map((run) => run.text ?? '').join('');
    if ('formula' in v || 'sharedFormula' in v) return toCellValue(v.result);
    if ('error' in v) return String(v.error);
    if ('text' in v) return toCellValue(v.text);
    if ('result' in v) return toCellValue(v.result);
  }
  return String(value);
}

function visibilityOf(state: string | undefined): SheetVisibility {
  if (state === 'veryHidden') return 'veryHidden';
  if (state === 'hidden') return 'hidden';
  return 'visible';
}

function tooManyRows(displayName: string, sheet: string): UserError {
  return new UserError(
    'too_many_rows',
    `Trang tính "${sheet}" của tệp ${displayName} có quá ${MAX_ROWS.toLocaleString('vi-VN')} dòng (giới hạn của Excel): tệp không hợp lệ.`,
    `Sheet "${sheet}" of ${displayName} has more than ${MAX_ROWS.toLocaleString('en-US')} rows (Excel's limit): the file is invalid.`,
  );
}

async function readSheet(ws: StreamSheet, displayName: string): Promise<SheetModel> {
  const name = (ws.name ?? `Sheet${ws.id ?? ''}`).normalize('NFC');
  const rows: CellValue[][] = [];
  for await (const row of ws as AsyncIterable<ExcelJS.Row>) {
    const row0 = row.number - 1;
    if (row.number > MAX_ROWS) throw tooManyRows(displayName, name);
    const values = row.values as unknown[];
    const cells: CellValue[] = [];
    let last = -1;
    for (let col = 1; col < values.length; col++) {
      const v = toCellValue(values[col]);
      cells.push(v);
      if (v !== null) last = col - 1;
    }
    cells.length = last + 1;
    if (cells.length === 0) continue;
    while (rows.length < row0) rows.push([]);
    rows[row0] = cells;
  }
  return { name, rows, visibility: visibilityOf(ws.state) };
}

/** Reads a guarded .xlsx buffer. `displayName` names the file in every message. The lean
 *  scanner (fastRead.ts) reads; exceljs's streaming reader is the fallback for a file the
 *  scanner cannot make sense of. */
export async function readWorkbookBuffer(buf: Buffer, opts: ReadOptions = {}): Promise<WorkbookModel> {
  const displayName = opts.displayName ?? 'tệp / file';
  await guardXlsxBuffer(buf, { ...opts, displayName });
  if (process.env.VR_READER !== 'exceljs') {
    try {
      return await readXlsxFast(buf);
    } catch (error) {
      if (error instanceof TooManyRows) throw tooManyRows(displayName, error.sheet);
      if (error instanceof SharedPart) throw sharedPartError(displayName);
    }
  }
  return readWithExceljs(buf, displayName);
}

async function readWithExceljs(buf: Buffer, displayName: string): Promise<WorkbookModel> {
  // Loaded only for the rare file the lean scanner cannot read.
  const WorkbookReader = streamReaderClass();
  const reader = new WorkbookReader(Readable.from([buf]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const sheets: SheetModel[] = [];
  try {
    for await (const ws of reader as unknown as AsyncIterable<StreamSheet>) {
      sheets.push(await readSheet(ws, displayName));
    }
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(
      'corrupt',
      `Tệp ${displayName} bị hỏng hoặc không đọc được: hãy mở bằng Excel, lưu lại, hoặc dùng bản sao lưu.`,
      `${displayName} is damaged or unreadable: open it in Excel and save it again, or use a backup.`,
    );
  }
  // The stream yields worksheets in zip order; the workbook order is that of workbook.xml.
  const order = ((reader as unknown as { model?: { sheets?: { name: string }[] } }).model?.sheets ?? []).map((s) =>
    s.name.normalize('NFC'),
  );
  const rank = (name: string): number => {
    const i = order.indexOf(name);
    return i < 0 ? order.length : i;
  };
  sheets.sort((a, b) => rank(a.name) - rank(b.name));
  return { sheets };
}

/** Reads an .xlsx file from disk after every guard of `guard.ts`. */
export async function readWorkbookFile(file: string, opts: ReadOptions = {}): Promise<WorkbookModel> {
  const displayName = opts.displayName ?? file;
  const buf = await readInputBuffer(file, { ...opts, displayName });
  return readWorkbookBuffer(buf, { ...opts, displayName });
}

export type ReadParsedOptions = ReadOptions & {
  /** The plan to parse with instead of `_meta.profile` (the inbox: the unit's plan). */
  profile?: Profile;
};

/** Reads and parses a guarded .xlsx buffer: `parseWorkbook(await readWorkbookBuffer(buf))`, in
 *  one streaming pass that keeps no grid of the registry and the support log (streamParse.ts).
 *  A file the streaming pass cannot take goes the way `readWorkbookBuffer` goes. */
export async function readParsedWorkbookBuffer(buf: Buffer, opts: ReadParsedOptions = {}): Promise<ParsedWithCells> {
  const displayName = opts.displayName ?? 'tệp / file';
  await guardXlsxBuffer(buf, { ...opts, displayName });
  if (process.env.VR_READER !== 'exceljs') {
    try {
      return await readParsedXlsx(buf, opts.profile);
    } catch (error) {
      if (error instanceof ParseFailure) throw error.error;
      if (error instanceof TooManyRows) throw tooManyRows(displayName, error.sheet);
      if (error instanceof SharedPart) throw sharedPartError(displayName);
      // Rows out of order: the grid puts each row in its place first.
      if (error instanceof RowsOutOfOrder) return parseWorkbook(await readWorkbookBuffer(buf, { ...opts, displayName }), opts.profile);
    }
  }
  return parseWorkbook(await readWithExceljs(buf, displayName), opts.profile);
}

/** Reads and parses an .xlsx file from disk after every guard of `guard.ts`. */
export async function readParsedWorkbookFile(file: string, opts: ReadParsedOptions = {}): Promise<ParsedWithCells> {
  const displayName = opts.displayName ?? file;
  const buf = await readInputBuffer(file, { ...opts, displayName });
  return readParsedWorkbookBuffer(buf, { ...opts, displayName });
}
