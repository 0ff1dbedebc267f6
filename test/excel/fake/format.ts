/**
 * What hangs off an `Excel.Range` in the fake: its format (widths, heights, alignment, wrap),
 * font, fill, borders and data validation. Reads of a range whose cells differ give null, as
 * Office.js does; a fill is read and set per cell.
 */
import { FakeObject, type PropSpec } from './context';
import { FakeOfficeError } from './errors';
import type { RangeTarget } from './range';
import { cellFor, DEFAULT_COLUMN_POINTS, DEFAULT_ROW_POINTS, eachCell, keyOf, type CellState, type Edge } from './state';

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
          for (let c = t.box.c0; c <= t.box.c1; c++) t.sheet.columnWidths.set(c, v);
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

