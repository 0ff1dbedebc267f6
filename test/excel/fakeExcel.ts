/**
 * A counting fake of the slice of the Excel object model the shell uses. It queues work like
 * Office.js: properties must be `load`ed and a `sync()` must pass before they can be read, and
 * every sync records the estimated request size (JSON of everything queued since the last
 * sync), so tests can assert the sync count and Excel on the web's 5 MB request limit.
 */
import { cellAddress, parseAddress } from '../../src/domain/sheet';
import type { DocumentSettings, OfficeHost } from '../../src/excel/office';

interface Cell {
  value: unknown;
  fill: string | null;
  bold?: boolean;
  italic?: boolean;
  underline?: string;
  size?: number;
  horizontalAlignment?: string;
  verticalAlignment?: string;
  wrapText?: boolean;
  /** Edges with a continuous border (EdgeTop, InsideHorizontal, …) of the ranges it is in. */
  borders?: Set<string>;
  numberFormat?: string;
  validation?: unknown;
}

export interface FakeSheet {
  name: string;
  visibility: 'Visible' | 'Hidden' | 'VeryHidden';
  cells: Map<string, Cell>;
  tables: { name: string; address: string }[];
  frozenRows: number;
  columnWidths: Map<number, number>;
  rowHeights: Map<number, number>;
  merges: string[];
  /** ExcelApi 1.9 page layout, as set. */
  page: { paperSize?: string; orientation?: string; zoom?: unknown; centerHorizontally?: boolean; printTitleRows?: string; centerFooter?: string };
}

export interface SyncRecord {
  requestBytes: number;
  ops: number;
}

const OP_BYTES = 80;

function bytesOf(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value ?? null), 'utf8');
}

function parseRange(address: string): { r0: number; c0: number; r1: number; c1: number } {
  const local = address.includes('!') ? address.slice(address.lastIndexOf('!') + 1) : address;
  const [a, b] = local.split(':');
  // Whole rows, `5:6`, as print titles take them.
  if (/^\d+$/.test(a) && /^\d+$/.test(b ?? a)) return { r0: Number(a) - 1, c0: 0, r1: Number(b ?? a) - 1, c1: 16383 };
  const start = parseAddress(a);
  const end = parseAddress(b ?? a);
  return { r0: start.row0, c0: start.col0, r1: end.row0, c1: end.col0 };
}

export class FakeExcel {
  sheets: FakeSheet[] = [];
  syncs: SyncRecord[] = [];
  active = '';
  selected = '';
  private pendingBytes = 0;
  private pendingOps = 0;
  private pendingLoads: (() => void)[] = [];

  addSheet(name: string, rows: unknown[][] = [], visibility: FakeSheet['visibility'] = 'Visible'): FakeSheet {
    const sheet: FakeSheet = { name, visibility, cells: new Map(), tables: [], frozenRows: 0, columnWidths: new Map(), rowHeights: new Map(), merges: [], page: {} };
    rows.forEach((row, r) => row.forEach((value, c) => value !== null && value !== '' && sheet.cells.set(`${r},${c}`, { value, fill: null })));
    this.sheets.push(sheet);
    return sheet;
  }

  cell(sheet: string, address: string): Cell | undefined {
    const { row0, col0 } = parseAddress(address);
    return this.sheets.find((s) => s.name === sheet)?.cells.get(`${row0},${col0}`);
  }

  queue(bytes: number): void {
    this.pendingBytes += OP_BYTES + bytes;
    this.pendingOps += 1;
  }

  onLoad(apply: () => void): void {
    this.queue(0);
    this.pendingLoads.push(apply);
  }

  async sync(): Promise<void> {
    this.syncs.push({ requestBytes: this.pendingBytes, ops: this.pendingOps });
    for (const apply of this.pendingLoads) apply();
    this.pendingLoads = [];
    this.pendingBytes = 0;
    this.pendingOps = 0;
  }

  host(settings = new FakeSettings(), sets: Record<string, string> = { ExcelApi: '1.18' }): OfficeHost {
    const context = { workbook: { worksheets: new FakeWorksheets(this) }, sync: () => this.sync() };
    return {
      run: (batch) => batch(context as unknown as Excel.RequestContext),
      isSetSupported: (name, version) => {
        const have = sets[name];
        if (!have) return false;
        if (!version) return true;
        const [a, b] = have.split('.').map(Number);
        const [x, y] = version.split('.').map(Number);
        return a > x || (a === x && b >= y);
      },
      settings,
    };
  }
}

export class FakeSettings implements DocumentSettings {
  values = new Map<string, unknown>();
  saves = 0;
  get(name: string): unknown {
    return this.values.get(name) ?? null;
  }
  set(name: string, value: unknown): void {
    this.values.set(name, value);
  }
  remove(name: string): void {
    this.values.delete(name);
  }
  saveAsync(callback?: (result: { status: string }) => void): void {
    this.saves += 1;
    callback?.({ status: 'succeeded' });
  }
}

class Loadable {
  private loaded = false;
  constructor(protected readonly excel: FakeExcel) {}
  load(_props?: string): this {
    this.excel.onLoad(() => {
      this.snapshot();
      this.loaded = true;
    });
    return this;
  }
  protected snapshot(): void {}
  protected need(): void {
    if (!this.loaded) throw new Error('PropertyNotLoaded: call load() and context.sync() first');
  }
}

class FakeWorksheets extends Loadable {
  private snapshotItems: FakeWorksheet[] = [];
  get items(): FakeWorksheet[] {
    this.need();
    return this.snapshotItems;
  }
  protected override snapshot(): void {
    this.snapshotItems = this.excel.sheets.map((s) => new FakeWorksheet(this.excel, s));
  }
  getItem(name: string): FakeWorksheet {
    this.excel.queue(bytesOf(name));
    const sheet = this.excel.sheets.find((s) => s.name === name);
    if (!sheet) throw new Error(`ItemNotFound: ${name}`);
    return new FakeWorksheet(this.excel, sheet);
  }
  add(name: string): FakeWorksheet {
    this.excel.queue(bytesOf(name));
    return new FakeWorksheet(this.excel, this.excel.addSheet(name));
  }
}

class FakeWorksheet {
  constructor(
    private readonly excel: FakeExcel,
    readonly state: FakeSheet,
  ) {}
  get name(): string {
    return this.state.name;
  }
  get visibility(): FakeSheet['visibility'] {
    return this.state.visibility;
  }
  set visibility(v: FakeSheet['visibility']) {
    this.excel.queue(bytesOf(v));
    this.state.visibility = v;
  }
  get tables(): { add: (address: string, hasHeaders: boolean) => { name: string } } {
    return {
      add: (address) => {
        this.excel.queue(bytesOf(address));
        const table = { name: '', address };
        this.state.tables.push(table);
        return table;
      },
    };
  }
  get freezePanes(): { freezeRows: (n: number) => void } {
    return {
      freezeRows: (n) => {
        this.excel.queue(8);
        this.state.frozenRows = n;
      },
    };
  }
  activate(): void {
    this.excel.queue(0);
    this.excel.active = this.state.name;
  }
  get pageLayout(): unknown {
    const excel = this.excel;
    const page = this.state.page;
    const set = <K extends keyof FakeSheet['page']>(key: K, value: FakeSheet['page'][K]): void => {
      excel.queue(bytesOf(value));
      page[key] = value;
    };
    return {
      set paperSize(v: string) {
        set('paperSize', v);
      },
      set orientation(v: string) {
        set('orientation', v);
      },
      set zoom(v: unknown) {
        set('zoom', v);
      },
      set centerHorizontally(v: boolean) {
        set('centerHorizontally', v);
      },
      setPrintTitleRows: (range: FakeRange) => set('printTitleRows', range.address),
      headersFooters: {
        defaultForAllPages: {
          set centerFooter(v: string) {
            set('centerFooter', v);
          },
        },
      },
    };
  }
  getRange(address: string): FakeRange {
    this.excel.queue(bytesOf(address));
    return new FakeRange(this.excel, this.state, parseRange(address));
  }
  getUsedRange(): FakeRange {
    this.excel.queue(0);
    let r0 = Infinity;
    let c0 = Infinity;
    let r1 = 0;
    let c1 = 0;
    for (const key of this.state.cells.keys()) {
      const [r, c] = key.split(',').map(Number);
      r0 = Math.min(r0, r);
      c0 = Math.min(c0, c);
      r1 = Math.max(r1, r);
      c1 = Math.max(c1, c);
    }
    // Like Excel: a blank sheet's used range is A1.
    if (r0 === Infinity) return new FakeRange(this.excel, this.state, { r0: 0, c0: 0, r1: 0, c1: 0 });
    return new FakeRange(this.excel, this.state, { r0, c0, r1, c1 });
  }
}

class FakeRange extends Loadable {
  private loadedValues: unknown[][] = [];
  constructor(
    excel: FakeExcel,
    private readonly sheet: FakeSheet,
    private readonly box: { r0: number; c0: number; r1: number; c1: number },
  ) {
    super(excel);
  }
  protected override snapshot(): void {
    const rows: unknown[][] = [];
    for (let r = this.box.r0; r <= this.box.r1; r++) {
      const row: unknown[] = [];
      for (let c = this.box.c0; c <= this.box.c1; c++) row.push(this.sheet.cells.get(`${r},${c}`)?.value ?? '');
      rows.push(row);
    }
    this.loadedValues = rows;
  }
  get rowIndex(): number {
    this.need();
    return this.box.r0;
  }
  get columnIndex(): number {
    this.need();
    return this.box.c0;
  }
  get rowCount(): number {
    this.need();
    return this.box.r1 - this.box.r0 + 1;
  }
  get columnCount(): number {
    this.need();
    return this.box.c1 - this.box.c0 + 1;
  }
  get values(): unknown[][] {
    this.need();
    return this.loadedValues;
  }
  set values(values: unknown[][]) {
    this.excel.queue(bytesOf(values));
    const rows = this.box.r1 - this.box.r0 + 1;
    const cols = this.box.c1 - this.box.c0 + 1;
    if (values.length !== rows || values.some((r) => r.length !== cols)) throw new Error('InvalidArgument: values do not match the range size');
    values.forEach((row, i) =>
      row.forEach((value, j) => {
        const key = `${this.box.r0 + i},${this.box.c0 + j}`;
        const cell = this.sheet.cells.get(key) ?? { value: '', fill: null };
        cell.value = value;
        this.sheet.cells.set(key, cell);
      }),
    );
  }
  set numberFormat(formats: unknown[][]) {
    this.excel.queue(bytesOf(formats));
    this.each((cell, i) => (cell.numberFormat = String(formats[i][0])));
  }
  get dataValidation(): { rule: unknown } {
    const set = (rule: unknown): void => {
      this.excel.queue(bytesOf(rule));
      this.each((cell) => (cell.validation = rule));
    };
    return {
      set rule(rule: unknown) {
        set(rule);
      },
    } as { rule: unknown };
  }
  private each(fn: (cell: Cell, rowOffset: number) => void): void {
    for (let r = this.box.r0; r <= this.box.r1; r++)
      for (let c = this.box.c0; c <= this.box.c1; c++) {
        const key = `${r},${c}`;
        const cell = this.sheet.cells.get(key) ?? { value: '', fill: null };
        this.sheet.cells.set(key, cell);
        fn(cell, r - this.box.r0);
      }
  }
  select(): void {
    this.excel.queue(0);
    this.excel.selected = `${this.sheet.name}!${this.box.r0},${this.box.c0}`;
  }
  /** The range as rows `5:5` or cells `A1:C3` (known without a load here). */
  get address(): string {
    return this.box.c0 === 0 && this.box.c1 >= 16383 ? `${this.box.r0 + 1}:${this.box.r1 + 1}` : `${cellAddress(this.box.r0, this.box.c0)}:${cellAddress(this.box.r1, this.box.c1)}`;
  }
  merge(_across?: boolean): void {
    this.excel.queue(8);
    this.sheet.merges.push(this.address);
  }
  get format(): unknown {
    const each = (fn: (cell: Cell, rowOffset: number) => void): void => this.each(fn);
    const excel = this.excel;
    const sheet = this.sheet;
    const box = this.box;
    return {
      font: {
        set bold(b: boolean) {
          excel.queue(8);
          each((cell) => (cell.bold = b));
        },
        set italic(b: boolean) {
          excel.queue(8);
          each((cell) => (cell.italic = b));
        },
        set underline(u: string) {
          excel.queue(8);
          each((cell) => (cell.underline = u));
        },
        set size(n: number) {
          excel.queue(8);
          each((cell) => (cell.size = n));
        },
      },
      set horizontalAlignment(a: string) {
        excel.queue(8);
        each((cell) => (cell.horizontalAlignment = a));
      },
      set verticalAlignment(a: string) {
        excel.queue(8);
        each((cell) => (cell.verticalAlignment = a));
      },
      set wrapText(w: boolean) {
        excel.queue(8);
        each((cell) => (cell.wrapText = w));
      },
      set rowHeight(h: number) {
        excel.queue(8);
        for (let r = box.r0; r <= box.r1; r++) sheet.rowHeights.set(r, h);
      },
      borders: {
        getItem: (edge: string) => ({
          set style(style: string) {
            excel.queue(8);
            if (style === 'Continuous') each((cell) => (cell.borders ??= new Set()).add(edge));
          },
        }),
      },
      set columnWidth(w: number) {
        excel.queue(8);
        sheet.columnWidths.set(box.c0, w);
      },
      fill: new FakeFill(excel, () => sheet.cells.get(`${box.r0},${box.c0}`), (fn) => each(fn)),
    };
  }
}

class FakeFill extends Loadable {
  private loadedColor: string | null = null;
  constructor(
    excel: FakeExcel,
    private readonly first: () => Cell | undefined,
    private readonly each: (fn: (cell: Cell) => void) => void,
  ) {
    super(excel);
  }
  protected override snapshot(): void {
    // Like Excel: a cell without fill reports white.
    this.loadedColor = this.first()?.fill ?? '#FFFFFF';
  }
  get color(): string | null {
    this.need();
    return this.loadedColor;
  }
  set color(color: string | null) {
    this.excel.queue(bytesOf(color));
    this.each((cell) => (cell.fill = color));
  }
  clear(): void {
    this.excel.queue(0);
    this.each((cell) => (cell.fill = null));
  }
}
