/**
 * `Excel.Range` and what hangs off it (format, font, fill, borders, data validation), as the
 * fake models them. Every member states its requirement set; reads need a load and a sync.
 */
import { cellCount, formatBox, MAX_COL0, overlaps, type Box } from './address';
import { coerceWrite, GENERAL, TEXT_FORMAT } from './coerce';
import { FakeObject, type FakeContext, type FakePath, type PropSpec } from './context';
import { FakeNotModelled, FakeOfficeError } from './errors';
import { cellFor, DEFAULT_COLUMN_POINTS, DEFAULT_ROW_POINTS, eachCell, keyOf, readValue, type CellState, type Edge, type SheetState } from './state';
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

/** One value per cell: the value itself when all cells agree, else null (Office.js). */
function common<V>(t: RangeTarget, fn: (cell: CellState | undefined) => V): V | null {
  let first = true;
  let value: V | null = null;
  for (let r = t.box.r0; r <= t.box.r1; r++)
    for (let c = t.box.c0; c <= t.box.c1; c++) {
      const v = fn(t.sheet.cells.get(keyOf(r, c)));
      if (first) {
        value = v;
        first = false;
      } else if (v !== value) return null;
    }
  return value;
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

const H_ALIGN = ['General', 'Left', 'Center', 'Right', 'Fill', 'Justify', 'CenterAcrossSelection', 'Distributed'];
const V_ALIGN = ['Top', 'Center', 'Bottom', 'Justify', 'Distributed'];

function setEach(t: RangeTarget, fn: (cell: CellState) => void): void {
  eachCell(t.box, (r, c) => fn(cellFor(t.sheet, r, c)));
}

function oneOf(value: unknown, allowed: string[], what: string): string {
  if (typeof value !== 'string' || !allowed.includes(value)) throw new FakeOfficeError('InvalidArgument', `${what} cannot be ${JSON.stringify(value)}.`);
  return value;
}

export class FakeRangeFormat extends FakeObject<RangeTarget> {
  protected readonly typeName = 'RangeFormat';
  protected readonly props: Record<string, PropSpec<RangeTarget>> = {
    columnWidth: {
      read: {
        version: '1.2',
        get: (t) => {
          let width: number | null = null;
          for (let c = t.box.c0; c <= t.box.c1; c++) {
            const w = t.sheet.columnWidths.get(c) ?? DEFAULT_COLUMN_POINTS;
            if (width === null) width = w;
            else if (w !== width) return null;
          }
          return width;
        },
      },
      write: {
        version: '1.2',
        set: (t, v) => {
          if (typeof v !== 'number' || !(v >= 0) || v > 255 * 7.5) throw new FakeOfficeError('InvalidArgument', `Column width ${String(v)}.`);
          for (let c = t.box.c0; c <= Math.min(t.box.c1, MAX_COL0); c++) t.sheet.columnWidths.set(c, v);
        },
      },
    },
    rowHeight: {
      read: { version: '1.2', get: (t) => t.sheet.rowHeights.get(t.box.r0) ?? DEFAULT_ROW_POINTS },
      write: {
        version: '1.2',
        set: (t, v) => {
          if (typeof v !== 'number' || !(v >= 0) || v > 409) throw new FakeOfficeError('InvalidArgument', `Row height ${String(v)}.`);
          for (let r = t.box.r0; r <= t.box.r1; r++) t.sheet.rowHeights.set(r, v);
        },
      },
    },
    horizontalAlignment: {
      read: { version: '1.1', get: (t) => common(t, (c) => c?.horizontalAlignment ?? 'General') },
      write: { version: '1.1', set: (t, v) => setEach(t, (c) => (c.horizontalAlignment = oneOf(v, H_ALIGN, 'horizontalAlignment'))) },
    },
    verticalAlignment: {
      read: { version: '1.1', get: (t) => common(t, (c) => c?.verticalAlignment ?? 'Bottom') },
      write: { version: '1.1', set: (t, v) => setEach(t, (c) => (c.verticalAlignment = oneOf(v, V_ALIGN, 'verticalAlignment'))) },
    },
    wrapText: {
      read: { version: '1.1', get: (t) => common(t, (c) => c?.wrapText ?? false) },
      write: { version: '1.1', set: (t, v) => setEach(t, (c) => (c.wrapText = Boolean(v))) },
    },
  };

  get columnWidth(): number {
    return this.read('columnWidth');
  }
  set columnWidth(v: number) {
    this.write('columnWidth', v);
  }
  get rowHeight(): number {
    return this.read('rowHeight');
  }
  set rowHeight(v: number) {
    this.write('rowHeight', v);
  }
  get horizontalAlignment(): string {
    return this.read('horizontalAlignment');
  }
  set horizontalAlignment(v: string) {
    this.write('horizontalAlignment', v);
  }
  get verticalAlignment(): string {
    return this.read('verticalAlignment');
  }
  set verticalAlignment(v: string) {
    this.write('verticalAlignment', v);
  }
  get wrapText(): boolean {
    return this.read('wrapText');
  }
  set wrapText(v: boolean) {
    this.write('wrapText', v);
  }
  get font(): FakeRangeFont {
    return new FakeRangeFont(this.context, this.context.path('property', 'Font', this._path, undefined, () => this._path.resolve()));
  }
  get fill(): FakeRangeFill {
    return new FakeRangeFill(this.context, this.context.path('property', 'Fill', this._path, undefined, () => this._path.resolve()));
  }
  get borders(): FakeRangeBorders {
    return new FakeRangeBorders(this.context, this.context.path('property', 'Borders', this._path, undefined, () => this._path.resolve()));
  }
}

const UNDERLINE = ['None', 'Single', 'Double', 'SingleAccountant', 'DoubleAccountant'];

export class FakeRangeFont extends FakeObject<RangeTarget> {
  protected readonly typeName = 'RangeFont';
  protected readonly props: Record<string, PropSpec<RangeTarget>> = {
    bold: { read: { version: '1.1', get: (t) => common(t, (c) => c?.bold ?? false) }, write: { version: '1.1', set: (t, v) => setEach(t, (c) => (c.bold = Boolean(v))) } },
    italic: { read: { version: '1.1', get: (t) => common(t, (c) => c?.italic ?? false) }, write: { version: '1.1', set: (t, v) => setEach(t, (c) => (c.italic = Boolean(v))) } },
    underline: {
      read: { version: '1.1', get: (t) => common(t, (c) => c?.underline ?? 'None') },
      write: { version: '1.1', set: (t, v) => setEach(t, (c) => (c.underline = oneOf(v, UNDERLINE, 'underline'))) },
    },
    size: {
      read: { version: '1.1', get: (t) => common(t, (c) => c?.size ?? 11) },
      write: {
        version: '1.1',
        set: (t, v) => {
          if (typeof v !== 'number' || v < 1 || v > 409) throw new FakeOfficeError('InvalidArgument', `Font size ${String(v)}.`);
          setEach(t, (c) => (c.size = v));
        },
      },
    },
    name: { read: { version: '1.1', get: (t) => common(t, (c) => c?.fontName ?? 'Calibri') }, write: { version: '1.1', set: (t, v) => setEach(t, (c) => (c.fontName = String(v))) } },
  };
  get bold(): boolean {
    return this.read('bold');
  }
  set bold(v: boolean) {
    this.write('bold', v);
  }
  get italic(): boolean {
    return this.read('italic');
  }
  set italic(v: boolean) {
    this.write('italic', v);
  }
  get underline(): string {
    return this.read('underline');
  }
  set underline(v: string) {
    this.write('underline', v);
  }
  get size(): number {
    return this.read('size');
  }
  set size(v: number) {
    this.write('size', v);
  }
  get name(): string {
    return this.read('name');
  }
  set name(v: string) {
    this.write('name', v);
  }
}

/** A colour as Excel takes it: `#RRGGBB` or an HTML colour name; read back in capitals. */
function colourOf(value: unknown): string {
  if (typeof value === 'string' && /^#[0-9A-Fa-f]{6}$/.test(value)) return value.toUpperCase();
  if (typeof value === 'string' && /^[A-Za-z]+$/.test(value)) return value;
  throw new FakeOfficeError('InvalidArgument', `Not a colour: ${JSON.stringify(value)} (null is not a valid colour: use clear()).`);
}

export class FakeRangeFill extends FakeObject<RangeTarget> {
  protected readonly typeName = 'RangeFill';
  protected readonly props: Record<string, PropSpec<RangeTarget>> = {
    // A cell without fill reads as white; cells that differ read as null.
    color: {
      read: { version: '1.1', get: (t) => common(t, (c) => c?.fill ?? '#FFFFFF') },
      write: {
        version: '1.1',
        set: (t, v) => {
          const colour = colourOf(v);
          setEach(t, (c) => (c.fill = colour));
        },
      },
    },
  };
  get color(): string | null {
    return this.read('color');
  }
  set color(v: string | null) {
    this.write('color', v);
  }
  clear(): void {
    this.context.method(this._path, 'RangeFill.clear', 'Clear', [], '1.1', () => {
      const t = this.target();
      eachCell(t.box, (r, c) => {
        const cell = t.sheet.cells.get(keyOf(r, c));
        if (cell) delete cell.fill;
      });
    });
  }
}

const BORDER_INDEX = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideVertical', 'InsideHorizontal', 'DiagonalDown', 'DiagonalUp'];
const BORDER_STYLE = ['None', 'Continuous', 'Dash', 'DashDot', 'DashDotDot', 'Dot', 'Double', 'SlantDashDot'];

interface BorderTarget {
  range: RangeTarget;
  index: string;
}

function applyBorder(t: BorderTarget, style: string): void {
  const { sheet, box } = t.range;
  const mark = (r: number, c: number, edge: Edge): void => {
    const cell = cellFor(sheet, r, c);
    const borders = (cell.borders ??= {});
    if (style === 'None') delete borders[edge];
    else borders[edge] = style;
  };
  for (let r = box.r0; r <= box.r1; r++)
    for (let c = box.c0; c <= box.c1; c++) {
      if (t.index === 'EdgeTop' && r === box.r0) mark(r, c, 'EdgeTop');
      if (t.index === 'EdgeBottom' && r === box.r1) mark(r, c, 'EdgeBottom');
      if (t.index === 'EdgeLeft' && c === box.c0) mark(r, c, 'EdgeLeft');
      if (t.index === 'EdgeRight' && c === box.c1) mark(r, c, 'EdgeRight');
      if (t.index === 'InsideHorizontal' && r < box.r1) mark(r, c, 'EdgeBottom');
      if (t.index === 'InsideHorizontal' && r > box.r0) mark(r, c, 'EdgeTop');
      if (t.index === 'InsideVertical' && c < box.c1) mark(r, c, 'EdgeRight');
      if (t.index === 'InsideVertical' && c > box.c0) mark(r, c, 'EdgeLeft');
    }
}

export class FakeRangeBorders extends FakeObject<RangeTarget> {
  protected readonly typeName = 'RangeBorderCollection';
  protected readonly props = {};
  getItem(index: string): FakeRangeBorder {
    return new FakeRangeBorder(
      this.context,
      this.context.path('method', 'GetItem', this._path, [index], () => {
        if (!BORDER_INDEX.includes(index)) throw new FakeOfficeError('InvalidArgument', `Border index ${index}.`);
        return { range: this._path.resolve(), index };
      }),
    );
  }
}

export class FakeRangeBorder extends FakeObject<BorderTarget> {
  protected readonly typeName = 'RangeBorder';
  protected readonly props: Record<string, PropSpec<BorderTarget>> = {
    style: { write: { version: '1.1', set: (t, v) => applyBorder(t, oneOf(v, BORDER_STYLE, 'border style')) } },
  };
  get style(): string {
    return this.read('style');
  }
  set style(v: string) {
    this.write('style', v);
  }
}

const RULE_TYPES = ['wholeNumber', 'decimal', 'list', 'date', 'time', 'textLength', 'custom'];

export class FakeDataValidation extends FakeObject<RangeTarget> {
  protected readonly typeName = 'DataValidation';
  protected readonly props: Record<string, PropSpec<RangeTarget>> = {
    rule: {
      write: {
        version: '1.8',
        set: (t, v) => {
          const keys = v && typeof v === 'object' ? Object.keys(v) : [];
          if (keys.length !== 1 || !RULE_TYPES.includes(keys[0])) throw new FakeOfficeError('InvalidArgument', `A rule has exactly one type: ${JSON.stringify(v)}.`);
          const list = (v as { list?: { source?: unknown } }).list;
          if (list && (typeof list.source !== 'string' || list.source === '')) throw new FakeOfficeError('InvalidArgument', 'A list rule needs a source.');
          setEach(t, (c) => (c.validation = v));
        },
      },
    },
  };
  set rule(v: unknown) {
    this.write('rule', v);
  }
  get rule(): unknown {
    return this.read('rule');
  }
}

export { TEXT_FORMAT };
