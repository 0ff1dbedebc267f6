/**
 * `Excel.Range` as the fake models it: values (stored as Excel stores them, fake/coerce.ts),
 * number formats per cell, merge, select, clear. Every member states its requirement set;
 * reads need a load and a sync. Its format and validation are in format.ts.
 */
import { cellCount, formatBox, overlaps, type Box } from './address';
import { coerceWrite, GENERAL } from './coerce';
import { FakeObject, type FakeContext, type FakePath, type PropSpec } from './context';
import { FakeNotModelled, FakeOfficeError } from './errors';
import { cellFor, eachCell, keyOf, readValue, type CellState, type SheetState } from './state';
import { FakeDataValidation, FakeRangeFormat } from './format';
import type { Book } from './book';

export interface RangeTarget {
  sheet: SheetState;
  box: Box;
}

/** Excel refuses to read more than five million cells of one range. */
export const READ_CELL_LIMIT = 5_000_000;

const rowsOf = (box: Box): number => box.r1 - box.r0 + 1;
const colsOf = (box: Box): number => box.c1 - box.c0 + 1;

function readCells(t: RangeTarget): void {
  if (cellCount(t.box) > READ_CELL_LIMIT) throw new FakeOfficeError('RangeExceedsLimit', `${cellCount(t.box)} cells.`);
}

function grid<V>(t: RangeTarget, fn: (cell: CellState | undefined) => V): V[][] {
  readCells(t);
  const out: V[][] = [];
  for (let r = t.box.r0; r <= t.box.r1; r++) {
    const row: V[] = [];
    for (let c = t.box.c0; c <= t.box.c1; c++) row.push(fn(t.sheet.cells.get(keyOf(r, c))));
    out.push(row);
  }
  return out;
}

/**
 * Applies a 2-D input to the range: the same shape as the range, or 1×1 (Excel applies it to
 * every cell, as the Office tutorial's `column.getRange().numberFormat = [['€#,##0.00']]` does);
 * `null` in the array leaves that cell as it is; a bare `null` is invalid.
 */
function applyMatrix(t: RangeTarget, input: unknown, what: string, fn: (r0: number, c0: number, value: unknown) => void): void {
  if (input === null || input === undefined) throw new FakeOfficeError('InvalidArgument', `${what} cannot be set to ${String(input)}.`);
  const rows = rowsOf(t.box);
  const cols = colsOf(t.box);
  if (!Array.isArray(input)) {
    eachCell(t.box, (r, c) => fn(r, c, input));
    return;
  }
  const matrix = input as unknown[][];
  if (matrix.length === 1 && Array.isArray(matrix[0]) && matrix[0].length === 1) {
    eachCell(t.box, (r, c) => matrix[0][0] !== null && fn(r, c, matrix[0][0]));
    return;
  }
  if (matrix.length !== rows || matrix.some((row) => !Array.isArray(row) || row.length !== cols)) {
    throw new FakeOfficeError(
      'InvalidArgument',
      `The number of rows or columns in the input array (${matrix.length}×${Array.isArray(matrix[0]) ? matrix[0].length : '?'}) doesn't match the size or dimensions of the range (${rows}×${cols}).`,
    );
  }
  matrix.forEach((row, i) => row.forEach((value, j) => value !== null && fn(t.box.r0 + i, t.box.c0 + j, value)));
}

function writeValue(sheet: SheetState, r0: number, c0: number, input: unknown): void {
  const cell = cellFor(sheet, r0, c0);
  const written = coerceWrite(input, cell.numberFormat ?? GENERAL);
  delete cell.formula;
  delete cell.value;
  if (written.kind === 'value') {
    cell.value = written.value;
    if (written.numberFormat) cell.numberFormat = written.numberFormat;
  } else if (written.kind === 'formula') cell.formula = written.formula;
}

function valueType(cell: CellState | undefined): string {
  if (!cell || (cell.value === undefined && cell.formula === undefined)) return 'Empty';
  if (cell.formula !== undefined) return 'Error';
  return typeof cell.value === 'number' ? 'Double' : typeof cell.value === 'boolean' ? 'Boolean' : 'String';
}

export class FakeRange extends FakeObject<RangeTarget> {
  protected readonly typeName = 'Range';
  protected readonly props: Record<string, PropSpec<RangeTarget>> = {
    address: { read: { version: '1.1', get: (t) => formatBox(t.sheet.name, t.box) } },
    addressLocal: { read: { version: '1.1', get: (t) => formatBox(t.sheet.name, t.box) } },
    cellCount: { read: { version: '1.1', get: (t) => cellCount(t.box) } },
    rowCount: { read: { version: '1.1', get: (t) => rowsOf(t.box) } },
    columnCount: { read: { version: '1.1', get: (t) => colsOf(t.box) } },
    rowIndex: { read: { version: '1.1', get: (t) => t.box.r0 } },
    columnIndex: { read: { version: '1.1', get: (t) => t.box.c0 } },
    values: {
      read: { version: '1.1', get: (t) => grid(t, readValue) },
      write: { version: '1.1', set: (t, v) => applyMatrix(t, v, 'Range.values', (r, c, x) => writeValue(t.sheet, r, c, x)) },
    },
    valueTypes: { read: { version: '1.1', get: (t) => grid(t, valueType) } },
    numberFormat: {
      read: { version: '1.1', get: (t) => grid(t, (cell) => cell?.numberFormat ?? GENERAL) },
      write: {
        version: '1.1',
        set: (t, v) =>
          applyMatrix(t, v, 'Range.numberFormat', (r, c, x) => {
            if (typeof x !== 'string') throw new FakeOfficeError('InvalidArgument', `A number format is text, not ${JSON.stringify(x)}.`);
            const cell = cellFor(t.sheet, r, c);
            if (x === '' || x === GENERAL) delete cell.numberFormat;
            else cell.numberFormat = x;
          }),
      },
    },
  };

  constructor(
    context: FakeContext,
    path: FakePath<RangeTarget>,
    private readonly book: Book,
  ) {
    super(context, path);
  }

  get address(): string {
    return this.read('address');
  }
  get cellCount(): number {
    return this.read('cellCount');
  }
  get rowCount(): number {
    return this.read('rowCount');
  }
  get columnCount(): number {
    return this.read('columnCount');
  }
  get rowIndex(): number {
    return this.read('rowIndex');
  }
  get columnIndex(): number {
    return this.read('columnIndex');
  }
  get values(): unknown[][] {
    return this.read('values');
  }
  set values(v: unknown[][]) {
    this.write('values', v);
  }
  get valueTypes(): string[][] {
    return this.read('valueTypes');
  }
  get numberFormat(): unknown[][] {
    return this.read('numberFormat');
  }
  set numberFormat(v: unknown[][]) {
    this.write('numberFormat', v);
  }

  get format(): FakeRangeFormat {
    return new FakeRangeFormat(this.context, this.context.path('property', 'Format', this._path, undefined, () => this._path.resolve()));
  }

  get dataValidation(): FakeDataValidation {
    return new FakeDataValidation(this.context, this.context.path('property', 'DataValidation', this._path, undefined, () => this._path.resolve(), '1.8', 'Range.dataValidation'));
  }

  select(): void {
    this.context.method(this._path, 'Range.select', 'Select', [], '1.1', () => {
      const t = this.target();
      if (t.sheet.visibility !== 'Visible') throw new FakeOfficeError('InvalidOperation', `Sheet "${t.sheet.name}" is hidden.`);
      this.book.activeId = t.sheet.id;
      this.book.selection = { sheetId: t.sheet.id, box: t.box };
    });
  }

  /** Merging keeps the upper-left value only, as Excel does; a table cannot hold merged cells. */
  merge(across = false): void {
    this.context.method(this._path, 'Range.merge', 'Merge', [across], '1.2', () => {
      const t = this.target();
      if (this.book.tables.some((table) => table.sheetId === t.sheet.id && overlaps(table.box, t.box))) throw new FakeOfficeError('MergedRangeConflict', 'Merge inside a table.');
      const boxes = across ? Array.from({ length: rowsOf(t.box) }, (_, i) => ({ ...t.box, r0: t.box.r0 + i, r1: t.box.r0 + i })) : [t.box];
      for (const box of boxes) {
        if (cellCount(box) === 1) continue;
        t.sheet.merges = t.sheet.merges.filter((m) => !overlaps(m, box));
        eachCell(box, (r, c) => {
          if (r === box.r0 && c === box.c0) return;
          const cell = t.sheet.cells.get(keyOf(r, c));
          if (cell) {
            delete cell.value;
            delete cell.formula;
          }
        });
        t.sheet.merges.push(box);
      }
    });
  }

  clear(applyTo: 'All' | 'Formats' | 'Contents' = 'All'): void {
    this.context.method(this._path, 'Range.clear', 'Clear', [applyTo], '1.1', () => {
      const t = this.target();
      eachCell(t.box, (r, c) => {
        const key = keyOf(r, c);
        const cell = t.sheet.cells.get(key);
        if (!cell) return;
        if (applyTo === 'All') t.sheet.cells.delete(key);
        else if (applyTo === 'Contents') {
          delete cell.value;
          delete cell.formula;
        } else {
          const { value, formula } = cell;
          t.sheet.cells.set(key, { ...(value !== undefined ? { value } : {}), ...(formula !== undefined ? { formula } : {}) });
        }
      });
    });
  }

  /** Anything else a shell might reach for: a loud failure, never a silent pass. */
  get formulas(): never {
    throw new FakeNotModelled('Range.formulas');
  }
  get text(): never {
    throw new FakeNotModelled('Range.text');
  }
}
