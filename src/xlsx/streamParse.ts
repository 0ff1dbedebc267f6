/**
 * Reads and parses a workbook in one pass over its file (`vr validate`, the inbox's judge): the
 * registry's and the support log's rows become records as the lean scanner reads them, so their
 * grid is never kept (at 100,000 people: the grid of both tables, ≈100 MB, and a second pass over
 * it). `_meta` is read first (the parse needs the plan and the unit), the other sheets whole, as
 * `readXlsxFast` reads them. The result is the ParsedWorkbook `parseWorkbook(readXlsxFast(…))`
 * makes, record for record (test/xlsx/streamParse.test.ts); a sheet whose rows are out of order
 * is left to that way.
 */
import { beginParse, type ParsedWithCells, type TableParser } from '../domain/parse';
import type { Profile } from '../domain/schema/profile';
import { SHEET, normaliseKey, type CellValue, type SheetModel } from '../domain/sheet';
import { emptySheet, openWorkbook, readSheet } from './fastRead';

/** Rows kept in a streamed table's sheet model: those of the header search (parse.ts). */
const HEAD_ROWS = 10;

/** A streamed sheet's rows were not in ascending order (a hand-made or damaged file). */
export class RowsOutOfOrder extends Error {
  constructor(readonly sheet: string) {
    super(`rows out of order in ${sheet}`);
  }
}

/** An error of the parse itself (not of the file), carried through the reader unchanged. */
export class ParseFailure extends Error {
  constructor(readonly error: unknown) {
    super('parse failed');
  }
}

function firstNamed(sheets: readonly SheetModel[], name: string): number {
  const wanted = normaliseKey(name);
  return sheets.findIndex((s) => normaliseKey(s.name) === wanted);
}

/** Feeds a sheet's rows, as scanned, to a table parser; keeps the header-search rows in `sheet`. */
function feeder(sheet: SheetModel, parser: TableParser<string, unknown>): (row0: number, cells: CellValue[]) => void {
  let last = -1;
  return (row0, cells) => {
    if (row0 <= last) throw new RowsOutOfOrder(sheet.name);
    last = row0;
    if (row0 < HEAD_ROWS) {
      while (sheet.rows.length < row0) sheet.rows.push([]);
      sheet.rows[row0] = cells;
    }
    try {
      parser.add(row0, cells);
    } catch (error) {
      throw new ParseFailure(error);
    }
  };
}

/** Reads and parses a (guarded) .xlsx buffer; `profile` overrides `_meta.profile` as in
 *  `parseWorkbook`. Throws what `readXlsxFast` throws, plus RowsOutOfOrder and ParseFailure. */
export async function readParsedXlsx(buf: Buffer, profile?: Profile): Promise<ParsedWithCells> {
  const wb = await openWorkbook(buf);
  try {
    const sheets = wb.refs.map(emptySheet);
    if (sheets.length === 0) throw new Error('no sheets in workbook.xml');
    const meta = firstNamed(sheets, SHEET.meta);
    const registry = firstNamed(sheets, SHEET.registry);
    const support = firstNamed(sheets, SHEET.support);
    const order = meta < 0 ? sheets.map((_, i) => i) : [meta, ...sheets.map((_, i) => i).filter((i) => i !== meta)];
    let parse: ReturnType<typeof beginParse> | null = null;
    for (const i of order) {
      if (i !== registry && i !== support) {
        sheets[i].rows = await readSheet(wb, wb.refs[i]);
        continue;
      }
      // `_meta` is in: the parse knows its plan and unit (and names every sheet already).
      try {
        parse ??= beginParse({ sheets }, profile);
      } catch (error) {
        throw new ParseFailure(error);
      }
      const parser = i === registry ? parse.registry : parse.support;
      await readSheet(wb, wb.refs[i], feeder(sheets[i], parser as TableParser<string, unknown>));
    }
    try {
      parse ??= beginParse({ sheets }, profile);
      return parse.finish();
    } catch (error) {
      throw new ParseFailure(error);
    }
  } finally {
    wb.zip.close();
  }
}
