/**
 * `Excel.Workbook`, the worksheet collection, `Excel.Worksheet` and its tables, as the fake models
 * them (freeze panes and page layout: page.ts).
 */
import { MAX_COL0, overlaps, parseBox, splitSheet, type Box } from './address';
import { FakeObject, type FakeContext, type FakePath, type PropSpec } from './context';
import { FakeNotModelled, FakeOfficeError } from './errors';
import { FakePageLayout, FakeFreezePanes } from './page';
import { FakeRange, type RangeTarget } from './range';
import { isUsed, newSheet, rowOf, colOf, cellFor, type SheetState, type Visibility } from './state';
import { sameName, type Book } from './book';

/** Excel's rules for a sheet name: 1–31 characters, none of `[ ] : * ? / \`, no apostrophe at
 *  either end, not the reserved "History", unique regardless of case. */
export function checkSheetName(book: Book, name: unknown, except?: SheetState): string {
  if (typeof name !== 'string' || name.length === 0 || name.length > 31) throw new FakeOfficeError('InvalidArgument', `Sheet name ${JSON.stringify(name)} must have 1 to 31 characters.`);
  if (/[[\]:*?/\\]/.test(name)) throw new FakeOfficeError('InvalidArgument', `Sheet name "${name}" has a character Excel forbids ([ ] : * ? / \\).`);
  if (name.startsWith("'") || name.endsWith("'")) throw new FakeOfficeError('InvalidArgument', `Sheet name "${name}" starts or ends with an apostrophe.`);
  if (sameName(name, 'History')) throw new FakeOfficeError('InvalidArgument', '"History" is a name Excel reserves.');
  if (book.sheets.some((s) => s !== except && sameName(s.name, name))) throw new FakeOfficeError('ItemAlreadyExists', `A sheet named "${name}" already exists.`);
  return name;
}

function liveSheet(book: Book, id: string): SheetState {
  const sheet = book.sheets.find((s) => s.id === id);
  if (!sheet) throw new FakeOfficeError('ItemNotFound', `The sheet was deleted.`);
  return sheet;
}

export class FakeWorkbook {
  private collection: FakeWorksheets | null = null;
  constructor(
    private readonly context: FakeContext,
    private readonly book: Book,
  ) {}
  get worksheets(): FakeWorksheets {
    return (this.collection ??= new FakeWorksheets(this.context, this.context.path('property', 'Worksheets', this.context.root, undefined, () => this.book.sheets), this.book));
  }
  getSelectedRange(): never {
    throw new FakeNotModelled('Workbook.getSelectedRange');
  }
}

const WORKSHEET_PROPS = ['name', 'id', 'position', 'visibility'];

export class FakeWorksheets extends FakeObject<SheetState[]> {
  protected readonly typeName = 'WorksheetCollection';
  protected readonly props = {};

  constructor(
    context: FakeContext,
    path: FakePath<SheetState[]>,
    private readonly book: Book,
  ) {
    super(context, path);
  }

  private items_: FakeWorksheet[] | null = null;

  /** `load('items/name,items/visibility')`, `load('name')`, `load('items')` (all scalars). */
  override load(option?: string | string[]): this {
    if (option !== undefined && typeof option !== 'string' && !Array.isArray(option)) throw new FakeNotModelled('WorksheetCollection.load(object)');
    const parts = option === undefined ? ['items'] : (Array.isArray(option) ? option : option.split(',')).map((s) => s.trim()).filter(Boolean);
    const names = new Set<string>();
    for (const part of parts) {
      const name = part.replace(/^items\/?/, '');
      if (name === '') WORKSHEET_PROPS.forEach((n) => names.add(n));
      else if (WORKSHEET_PROPS.includes(name)) names.add(name);
      else throw new FakeNotModelled(`WorksheetCollection.load("${part}")`);
    }
    const select = [...names];
    this.context.query(
      this._path,
      `WorksheetCollection.load(${parts.join(',')})`,
      select.map((n) => `items/${n}`),
      '1.1',
      () =>
        this.book.sheets.map((sheet, position) => {
          const item: Record<string, unknown> = { _id: sheet.id };
          for (const n of select) item[n] = n === 'position' ? position : n === 'id' ? sheet.id : (sheet as unknown as Record<string, unknown>)[n];
          return item;
        }),
      (value) => {
        this.items_ = (value as Record<string, unknown>[]).map((item) => {
          const { _id, ...props } = item;
          const ws = this.byId(String(_id));
          ws._preload(props);
          return ws;
        });
      },
    );
    return this;
  }

  get items(): FakeWorksheet[] {
    if (!this.items_) throw new FakeOfficeError('PropertyNotLoaded', 'WorksheetCollection.items was read before load() and context.sync().', 'WorksheetCollection.items');
    return this.items_;
  }

  private byId(id: string): FakeWorksheet {
    return new FakeWorksheet(this.context, this.context.path('indexer', '', this._path, [id], () => liveSheet(this.book, id)), this.book);
  }

  getItem(key: string): FakeWorksheet {
    return new FakeWorksheet(
      this.context,
      this.context.path('method', 'GetItem', this._path, [key], () => {
        const sheet = this.book.sheets.find((s) => sameName(s.name, key) || s.id === key);
        if (!sheet) throw new FakeOfficeError('ItemNotFound', `No sheet "${key}".`, 'WorksheetCollection.getItem');
        return sheet;
      }),
      this.book,
    );
  }

  /** ExcelApi 1.4. `isNullObject` is known after the next sync, without a load. */
  getItemOrNullObject(key: string): FakeWorksheet {
    const ws = new FakeWorksheet(
      this.context,
      this.context.path('method', 'GetItemOrNullObject', this._path, [key], () => this.book.sheets.find((s) => sameName(s.name, key) || s.id === key) ?? null, '1.4', 'WorksheetCollection.getItemOrNullObject') as FakePath<SheetState>,
      this.book,
    );
    this.context.instantiate(ws._path, 'WorksheetCollection.getItemOrNullObject', '1.4', (value) => ws._setNull((value as { isNull: boolean }).isNull));
    return ws;
  }

  /** The sheet is created at the next sync (Office.js instantiates `add` at once); its name is
   *  checked then: `InvalidArgument` or `ItemAlreadyExists`. */
  add(name?: string): FakeWorksheet {
    const path = this.context.path('method', 'Add', this._path, name === undefined ? [] : [name], () => {
      let chosen = name;
      if (chosen === undefined) {
        let n = this.book.sheets.length + 1;
        while (this.book.sheets.some((s) => sameName(s.name, `Sheet${n}`))) n++;
        chosen = `Sheet${n}`;
      }
      const sheet = newSheet(this.book.newId(), checkSheetName(this.book, chosen));
      this.book.sheets.push(sheet);
      return sheet;
    });
    this.context.instantiate(path, 'WorksheetCollection.add', '1.1');
    return new FakeWorksheet(this.context, path, this.book);
  }

  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(
      this.context,
      this.context.path('method', 'GetActiveWorksheet', this._path, [], () => {
        const sheet = this.book.sheets.find((s) => s.id === this.book.activeId) ?? this.book.sheets[0];
        if (!sheet) throw new FakeOfficeError('ItemNotFound');
        return sheet;
      }),
      this.book,
    );
  }
}

export class FakeWorksheet extends FakeObject<SheetState> {
  protected readonly typeName = 'Worksheet';
  protected readonly props: Record<string, PropSpec<SheetState>> = {
    name: {
      read: { version: '1.1', get: (s) => s.name },
      write: { version: '1.1', set: (s, v) => (s.name = checkSheetName(this.book, v, s)) },
    },
    id: { read: { version: '1.1', get: (s) => s.id } },
    position: { read: { version: '1.1', get: (s) => this.book.sheets.indexOf(s) } },
    visibility: {
      read: { version: '1.1', get: (s) => s.visibility },
      write: {
        version: '1.2',
        set: (s, v) => {
          if (v !== 'Visible' && v !== 'Hidden' && v !== 'VeryHidden') throw new FakeOfficeError('InvalidArgument', `Visibility ${JSON.stringify(v)}.`);
          if (v !== 'Visible' && !this.book.sheets.some((x) => x !== s && x.visibility === 'Visible')) {
            throw new FakeOfficeError('InvalidOperation', 'A workbook must keep at least one visible sheet.');
          }
          s.visibility = v as Visibility;
          if (v !== 'Visible' && this.book.activeId === s.id) this.book.activeId = this.book.sheets.find((x) => x.visibility === 'Visible')?.id ?? null;
        },
      },
    },
  };
  private isNull: boolean | undefined;

  constructor(
    context: FakeContext,
    path: FakePath<SheetState>,
    private readonly book: Book,
  ) {
    super(context, path);
  }

  _setNull(isNull: boolean): void {
    this.isNull = isNull;
  }

  get isNullObject(): boolean {
    if (this.isNull === undefined) throw new FakeOfficeError('PropertyNotLoaded', 'Worksheet.isNullObject is known only after context.sync().', 'Worksheet.isNullObject');
    return this.isNull;
  }

  get name(): string {
    return this.read('name');
  }
  set name(v: string) {
    this.write('name', v);
  }
  get id(): string {
    return this.read('id');
  }
  get position(): number {
    return this.read('position');
  }
  get visibility(): Visibility {
    return this.read('visibility');
  }
  set visibility(v: Visibility) {
    this.write('visibility', v);
  }

  activate(): void {
    this.context.method(this._path, 'Worksheet.activate', 'Activate', [], '1.1', () => {
      const s = this.target();
      if (s.visibility !== 'Visible') throw new FakeOfficeError('InvalidOperation', `Sheet "${s.name}" is hidden and cannot be activated.`);
      this.book.activeId = s.id;
    });
  }

  delete(): void {
    this.context.method(this._path, 'Worksheet.delete', 'Delete', [], '1.1', () => {
      const s = this.target();
      if (!this.book.sheets.some((x) => x !== s && x.visibility === 'Visible')) throw new FakeOfficeError('InvalidOperation', 'A workbook must keep at least one visible sheet.');
      this.book.sheets = this.book.sheets.filter((x) => x !== s);
      this.book.tables = this.book.tables.filter((t) => t.sheetId !== s.id);
      if (this.book.activeId === s.id) this.book.activeId = this.book.sheets.find((x) => x.visibility === 'Visible')?.id ?? null;
    });
  }

  getRange(address?: string): FakeRange {
    return new FakeRange(
      this.context,
      this.context.path('method', 'GetRange', this._path, address === undefined ? [] : [address], (): RangeTarget => {
        const sheet = this._path.resolve();
        if (address === undefined) return { sheet, box: { r0: 0, c0: 0, r1: 1_048_575, c1: MAX_COL0 } };
        const named = splitSheet(address).sheet;
        if (named !== null && !sameName(named, sheet.name)) throw new FakeOfficeError('InvalidArgument', `"${address}" is not on sheet "${sheet.name}".`);
        return { sheet, box: parseBox(address) };
      }),
      this.book,
    );
  }

  /** The smallest range holding every cell with a value or any formatting (values only with
   *  `valuesOnly`, ExcelApi 1.2); A1 on a blank sheet. */
  getUsedRange(valuesOnly?: boolean): FakeRange {
    return new FakeRange(
      this.context,
      this.context.path(
        'method',
        'GetUsedRange',
        this._path,
        valuesOnly === undefined ? [] : [valuesOnly],
        (): RangeTarget => {
          const sheet = this._path.resolve();
          let box: Box | null = null;
          for (const [key, cell] of sheet.cells) {
            if (!isUsed(cell, valuesOnly === true)) continue;
            const r = rowOf(key);
            const c = colOf(key);
            if (!box) box = { r0: r, r1: r, c0: c, c1: c };
            else {
              box.r0 = Math.min(box.r0, r);
              box.r1 = Math.max(box.r1, r);
              box.c0 = Math.min(box.c0, c);
              box.c1 = Math.max(box.c1, c);
            }
          }
          return { sheet, box: box ?? { r0: 0, r1: 0, c0: 0, c1: 0 } };
        },
        valuesOnly === undefined ? '1.1' : '1.2',
        valuesOnly === undefined ? 'Worksheet.getUsedRange' : 'Worksheet.getUsedRange(valuesOnly)',
      ),
      this.book,
    );
  }

  get tables(): FakeTables {
    return new FakeTables(this.context, this.context.path('property', 'Tables', this._path, undefined, () => this._path.resolve()), this.book);
  }

  get freezePanes(): FakeFreezePanes {
    return new FakeFreezePanes(this.context, this.context.path('property', 'FreezePanes', this._path, undefined, () => this._path.resolve(), '1.7', 'Worksheet.freezePanes'));
  }

  get pageLayout(): FakePageLayout {
    return new FakePageLayout(this.context, this.context.path('property', 'PageLayout', this._path, undefined, () => this._path.resolve(), '1.9', 'Worksheet.pageLayout'));
  }
}

/** A table name: a letter or `_` first, then letters, digits, `.` or `_`; not a cell reference;
 *  unique in the workbook regardless of case. */
function checkTableName(book: Book, name: unknown, self: string): string {
  if (typeof name !== 'string' || !/^[\p{L}_\\][\p{L}\p{N}._]{0,254}$/u.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name) || /^[RrCc]\d*$/.test(name)) {
    throw new FakeOfficeError('InvalidArgument', `Table name ${JSON.stringify(name)}.`);
  }
  if (book.tables.some((t) => t.id !== self && sameName(t.name, name))) throw new FakeOfficeError('ItemAlreadyExists', `A table named "${name}" already exists.`);
  return name;
}

export class FakeTables extends FakeObject<SheetState> {
  protected readonly typeName = 'TableCollection';
  protected readonly props = {};
  constructor(
    context: FakeContext,
    path: FakePath<SheetState>,
    private readonly book: Book,
  ) {
    super(context, path);
  }

  add(address: string, hasHeaders: boolean): FakeTable {
    const path = this.context.path('method', 'Add', this._path, [address, hasHeaders], () => {
      const sheet = this._path.resolve();
      const named = splitSheet(address).sheet;
      if (named !== null && !sameName(named, sheet.name)) throw new FakeOfficeError('InvalidArgument', `"${address}" is not on sheet "${sheet.name}".`);
      const box = parseBox(address);
      if (this.book.tables.some((t) => t.sheetId === sheet.id && overlaps(t.box, box)) || sheet.merges.some((m) => overlaps(m, box))) {
        throw new FakeOfficeError('MergedRangeConflict', `Table at ${address}.`);
      }
      if (hasHeaders) {
        // Blank header cells get Excel's own "Column1", "Column2", …
        for (let c = box.c0; c <= box.c1; c++) {
          const cell = cellFor(sheet, box.r0, c);
          if (cell.value === undefined || cell.value === '') cell.value = `Column${c - box.c0 + 1}`;
        }
      }
      let n = this.book.tables.length + 1;
      while (this.book.tables.some((t) => sameName(t.name, `Table${n}`))) n++;
      const table = { id: this.book.newId(), name: `Table${n}`, sheetId: sheet.id, box };
      this.book.tables.push(table);
      return table;
    });
    this.context.instantiate(path, 'TableCollection.add', '1.1');
    return new FakeTable(this.context, path, this.book);
  }
}

export class FakeTable extends FakeObject<{ id: string; name: string; box: Box }> {
  protected readonly typeName = 'Table';
  protected readonly props: Record<string, PropSpec<{ id: string; name: string; box: Box }>> = {
    name: { read: { version: '1.1', get: (t) => t.name }, write: { version: '1.1', set: (t, v) => (t.name = checkTableName(this.book, v, t.id)) } },
    id: { read: { version: '1.1', get: (t) => t.id } },
  };
  constructor(
    context: FakeContext,
    path: FakePath<{ id: string; name: string; box: Box }>,
    private readonly book: Book,
  ) {
    super(context, path);
  }
  get name(): string {
    return this.read('name');
  }
  set name(v: string) {
    this.write('name', v);
  }
}
