/**
 * The exceljs file shell, write side: renders a `TemplateSpec` (the same spec the Office.js
 * shell renders) and applies computed cell writes (`vr fill`). Every file is written to a
 * temporary file in the target folder and renamed into place, so a crash or a full disk never
 * leaves a half-written workbook and an input file is only ever replaced whole.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import type ExcelJS from 'exceljs';
import { DATE_FORMAT } from '../domain/dates';
import { UserError } from '../domain/errors';
import { TEXT_FORMAT, type TemplateSpec } from '../domain/template';
import { columnLetter, type CellValue } from '../domain/sheet';
import { isDeepStrictEqual } from 'util';
import { streamWriterClass, workbookClass } from './exceljsParts';
import { dressRow, dressSheet, stylesByRow } from './print';
import { printOptionsOf, renderTemplate as renderWith, type DataValidationsApi, type WriteOptions } from './render';
import { patchSheetXml } from './sheetPatch';
import { deflateStoredParts, patchZip } from './zipPatch';

export { DATE_FORMAT };

export type { WriteOptions } from './render';
export type { CellWrite } from './sheetPatch';
import type { CellWrite } from './sheetPatch';

/** The template rendered in memory (src/xlsx/render.ts), with exceljs's workbook class loaded
 *  alone (exceljsParts.ts): `vr new` does not load the readers. */
export function renderTemplate(spec: TemplateSpec, opts: WriteOptions = {}): ExcelJS.Workbook {
  return renderWith(spec, opts, workbookClass());
}

/** The workbook as .xlsx bytes. exceljs packs the parts uncompressed and Node's zlib deflates
 *  them (the same parts; exceljs's own deflate runs in JavaScript and took a third of `vr new`). */
export async function templateToBuffer(spec: TemplateSpec, opts: WriteOptions = {}): Promise<Buffer> {
  const stored = await renderTemplate(spec, opts).xlsx.writeBuffer({ zip: { compression: 'STORE' } });
  return deflateStoredParts(Buffer.from(stored as ArrayBuffer));
}

/** Writes `data` to `target` through a temporary sibling file and a rename (atomic on one
 *  file system). The temporary file is removed if anything fails. */
export async function writeFileAtomic(target: string, data: Buffer): Promise<void> {
  const dir = path.dirname(path.resolve(target));
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
  try {
    const handle = await fs.open(temp, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    const reason = (error as NodeJS.ErrnoException).code ?? 'unknown';
    throw new UserError(
      'write_failed',
      `Không ghi được tệp ${target} (${reason}): kiểm tra thư mục có tồn tại, còn chỗ trống và có quyền ghi.`,
      `Could not write ${target} (${reason}): check the folder exists, has free space and is writable.`,
    );
  }
}

/** Above this many rows the in-memory writer needs gigabytes: stream instead. */
export const STREAMING_ROWS = Number(process.env.VR_STREAM_ROWS ?? 20_000);

export async function writeTemplateFile(spec: TemplateSpec, target: string, opts: WriteOptions = {}): Promise<void> {
  const rows = spec.sheets.reduce((n, s) => n + s.rows.length, 0);
  if (rows > STREAMING_ROWS) await writeTemplateStreaming(spec, target, opts);
  else await writeFileAtomic(target, await templateToBuffer(spec, opts));
}

/**
 * The streaming writer for very large registers (stress samples, consolidation): the same
 * sheets, dropdowns, frozen headers, date formats and very hidden `_meta`, row by row in
 * constant memory. exceljs cannot stream an Excel table, so the registry range is a plain
 * range with an auto-filter instead.
 */
export async function writeTemplateStreaming(spec: TemplateSpec, target: string, opts: WriteOptions = {}): Promise<void> {
  const dir = path.dirname(path.resolve(target));
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
  try {
    const WorkbookWriter = streamWriterClass();
    const workbook = new WorkbookWriter({ filename: temp, useStyles: true, useSharedStrings: true });
    workbook.creator = opts.creator ?? 'vr';
    for (const sheet of spec.sheets) {
      const ws = workbook.addWorksheet(sheet.name, {
        state: sheet.visibility === 'veryHidden' ? 'veryHidden' : sheet.visibility === 'hidden' ? 'hidden' : 'visible',
        views: sheet.freezeRows ? [{ state: 'frozen', ySplit: sheet.freezeRows, xSplit: 0 }] : [],
        ...printOptionsOf(sheet),
      });
      const columnFormats = new Map<number, string>([...(sheet.textColumns ?? []).map((t): [number, string] => [t.col0, TEXT_FORMAT]), ...(sheet.dateColumns ?? []).map((d): [number, string] => [d.col0, d.numFmt])]);
      ws.columns = (sheet.columnWidths ?? []).map((width, col0) => {
        const numFmt = columnFormats.get(col0);
        return { width, style: numFmt ? { numFmt } : {} };
      });
      const validations = (ws as unknown as { dataValidations: DataValidationsApi }).dataValidations;
      for (const v of sheet.validations ?? []) {
        const letter = columnLetter(v.col0);
        validations.add(`${letter}${v.fromRow0 + 1}:${letter}${v.toRow0 + 1}`, { type: 'list', allowBlank: true, formulae: [v.listFormula.replace(/^=/, '')], showErrorMessage: true, errorStyle: 'warning' });
      }
      if (sheet.table) {
        const t = sheet.table;
        ws.autoFilter = `${columnLetter(t.firstCol0)}${t.headerRow0 + 1}:${columnLetter(t.lastCol0)}${t.headerRow0 + 1}`;
      }
      const bold = new Set(sheet.boldRows ?? []);
      const formats = new Map<number, { col0: number; numFmt: string }[]>();
      for (const f of sheet.cellFormats ?? []) formats.set(f.row0, [...(formats.get(f.row0) ?? []), f]);
      const dress = sheet.dress;
      const dressStyles = dress ? stylesByRow(dress) : null;
      if (dress) dressSheet(ws, dress);
      sheet.rows.forEach((values, row0) => {
        const row = ws.getRow(row0 + 1);
        values.forEach((value, col0) => {
          if (value === null || value === undefined) return;
          const cell = row.getCell(col0 + 1);
          cell.value = value;
          if (value instanceof Date) cell.numFmt = columnFormats.get(col0) ?? DATE_FORMAT;
        });
        for (const f of formats.get(row0) ?? []) row.getCell(f.col0 + 1).numFmt = f.numFmt;
        if (bold.has(row0)) row.font = { bold: true };
        if (dress && dressStyles) dressRow(row, dress, dressStyles);
        row.commit();
      });
      ws.commit();
    }
    await workbook.commit();
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    if (error instanceof UserError) throw error;
    const reason = (error as NodeJS.ErrnoException).code ?? 'unknown';
    throw new UserError(
      'write_failed',
      `Không ghi được tệp ${target} (${reason}): kiểm tra thư mục có tồn tại, còn chỗ trống và có quyền ghi.`,
      `Could not write ${target} (${reason}): check the folder exists, has free space and is writable.`,
    );
  }
}

/**
 * Applies computed cell writes to one sheet of an existing workbook and writes the result to
 * `outPath` (which may be the input: it is replaced atomically). Only that sheet's XML changes;
 * every other part of the file is copied byte for byte (zipPatch.ts). The result is read back
 * and compared with the intended workbook; if anything differs (an unusual file), the
 * workbook is re-saved through exceljs instead.
 */
export async function applyCellWrites(
  input: Buffer | string,
  sheetName: string,
  writes: readonly CellWrite[],
  outPath: string,
): Promise<void> {
  // The reader side is loaded here, not with the module: `vr new` writes and never reads.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const buffer = typeof input === 'string' ? await (require('./guard') as typeof import('./guard')).readInputBuffer(input) : input;
  const data = (await patchedWorkbook(buffer, sheetName, writes)) ?? (await resavedWorkbook(buffer, sheetName, writes));
  await writeFileAtomic(outPath, data);
}

function trimRows(rows: CellValue[][]): CellValue[][] {
  return rows.map((row) => {
    const out = row.map((v) => (v === '' ? null : v));
    while (out.length && out[out.length - 1] === null) out.pop();
    return out;
  });
}

async function patchedWorkbook(buffer: Buffer, sheetName: string, writes: readonly CellWrite[]): Promise<Buffer | null> {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { readXlsxFast, sheetParts } = require('./fastRead') as typeof import('./fastRead');
    const wanted = sheetName.normalize('NFC');
    const part = (await sheetParts(buffer)).get(wanted);
    if (!part) return null;
    let formula = false;
    const patched = await patchZip(buffer, (name, read) => {
      if (name !== part) return null;
      const result = patchSheetXml(read().toString('utf8'), writes);
      formula = result.overwroteFormula;
      return Buffer.from(result.xml, 'utf8');
    });
    if (formula) return null; // calcChain.xml would be stale: let exceljs rebuild the file
    const before = await readXlsxFast(buffer);
    const after = await readXlsxFast(patched);
    const target = before.sheets.find((s) => s.name === wanted);
    if (!target) return null;
    for (const w of writes) {
      while (target.rows.length <= w.row0) target.rows.push([]);
      const row = target.rows[w.row0];
      while (row.length <= w.col0) row.push(null);
      row[w.col0] = w.value;
    }
    const same = isDeepStrictEqual(
      before.sheets.map((s) => ({ ...s, rows: trimRows(s.rows) })),
      after.sheets.map((s) => ({ ...s, rows: trimRows(s.rows) })),
    );
    return same ? patched : null;
  } catch {
    return null;
  }
}

async function resavedWorkbook(buffer: Buffer, sheetName: string, writes: readonly CellWrite[]): Promise<Buffer> {
  const Workbook = workbookClass();
  const workbook = new Workbook();
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  const ws = workbook.worksheets.find((w) => w.name.normalize('NFC') === sheetName.normalize('NFC'));
  if (!ws) {
    throw new UserError(
      'not_template',
      `Không có trang tính "${sheetName}" trong tệp: hãy dùng mẫu sổ theo dõi (vr new).`,
      `Sheet "${sheetName}" is missing: use the registry template (vr new).`,
    );
  }
  for (const write of writes) ws.getCell(write.row0 + 1, write.col0 + 1).value = write.value;
  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}
