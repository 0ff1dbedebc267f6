/** A worksheet's freeze panes (ExcelApi 1.7) and page layout (ExcelApi 1.9) in the fake. */
import { cellCount, MAX_COL0, parseBox } from './address';
import { FakeObject, type PropSpec } from './context';
import { FakeOfficeError } from './errors';
import type { FakeRange, RangeTarget } from './range';
import type { SheetState } from './state';

export class FakeFreezePanes extends FakeObject<SheetState> {
  protected readonly typeName = 'WorksheetFreezePanes';
  protected readonly props = {};
  freezeRows(count = 1): void {
    this.context.method(this._path, 'WorksheetFreezePanes.freezeRows', 'FreezeRows', [count], '1.7', () => {
      if (!Number.isInteger(count) || count < 0) throw new FakeOfficeError('InvalidArgument', `freezeRows(${count}).`);
      this.target().frozenRows = count;
    });
  }
}

const PAPER = ['A3', 'A4', 'A5', 'B4', 'B5', 'Letter', 'Legal', 'Tabloid', 'Executive'];
const MARGINS = ['leftMargin', 'rightMargin', 'topMargin', 'bottomMargin', 'headerMargin', 'footerMargin'] as const;

type PageKey = keyof SheetState['page'];

function pageProp(key: PageKey, check: (v: unknown) => unknown): PropSpec<SheetState> {
  return {
    read: { version: '1.9', get: (s) => s.page[key] ?? null },
    write: { version: '1.9', set: (s, v) => ((s.page as Record<string, unknown>)[key] = check(v)) },
  };
}

export class FakePageLayout extends FakeObject<SheetState> {
  protected readonly typeName = 'PageLayout';
  protected readonly props: Record<string, PropSpec<SheetState>> = {
    paperSize: pageProp('paperSize', (v) => {
      if (typeof v !== 'string' || !PAPER.includes(v)) throw new FakeOfficeError('InvalidArgument', `Paper ${JSON.stringify(v)}.`);
      return v;
    }),
    orientation: pageProp('orientation', (v) => {
      if (v !== 'Portrait' && v !== 'Landscape') throw new FakeOfficeError('InvalidArgument', `Orientation ${JSON.stringify(v)}.`);
      return v;
    }),
    zoom: pageProp('zoom', (v) => {
      const z = v as { scale?: unknown; horizontalFitToPages?: unknown; verticalFitToPages?: unknown };
      const fit = (n: unknown): boolean => n === undefined || (Number.isInteger(n) && (n as number) >= 0 && (n as number) <= 32767);
      if (!z || typeof z !== 'object' || (z.scale !== undefined && !(typeof z.scale === 'number' && z.scale >= 10 && z.scale <= 400)) || !fit(z.horizontalFitToPages) || !fit(z.verticalFitToPages)) {
        throw new FakeOfficeError('InvalidArgument', `Zoom ${JSON.stringify(v)}.`);
      }
      return { ...z };
    }),
    centerHorizontally: pageProp('centerHorizontally', (v) => Boolean(v)),
    centerVertically: pageProp('centerVertically', (v) => Boolean(v)),
    ...Object.fromEntries(
      MARGINS.map((m) => [
        m,
        pageProp(m, (v) => {
          if (typeof v !== 'number' || v < 0 || v > 1000) throw new FakeOfficeError('InvalidArgument', `${m} ${String(v)}.`);
          return v;
        }),
      ]),
    ),
  };

  set paperSize(v: string) {
    this.write('paperSize', v);
  }
  set orientation(v: string) {
    this.write('orientation', v);
  }
  set zoom(v: unknown) {
    this.write('zoom', v);
  }
  set centerHorizontally(v: boolean) {
    this.write('centerHorizontally', v);
  }
  set centerVertically(v: boolean) {
    this.write('centerVertically', v);
  }
  set leftMargin(v: number) {
    this.write('leftMargin', v);
  }
  set rightMargin(v: number) {
    this.write('rightMargin', v);
  }
  set topMargin(v: number) {
    this.write('topMargin', v);
  }
  set bottomMargin(v: number) {
    this.write('bottomMargin', v);
  }
  set headerMargin(v: number) {
    this.write('headerMargin', v);
  }
  set footerMargin(v: number) {
    this.write('footerMargin', v);
  }

  /** Whole rows only (`5:6`, or a range of entire rows). */
  setPrintTitleRows(rows: FakeRange | string): void {
    this.context.method(this._path, 'PageLayout.setPrintTitleRows', 'SetPrintTitleRows', [typeof rows === 'string' ? rows : { _ObjectPathId: rows._path.info.Id }], '1.9', () => {
      const sheet = this.target();
      const box = typeof rows === 'string' ? parseBox(rows) : (rows._path.resolve() as RangeTarget).box;
      if (box.c0 !== 0 || box.c1 !== MAX_COL0 || cellCount(box) <= 0) throw new FakeOfficeError('InvalidArgument', 'Print titles must be whole rows.');
      sheet.page.printTitleRows = `${box.r0 + 1}:${box.r1 + 1}`;
    });
  }

  get headersFooters(): { defaultForAllPages: FakeHeaderFooter } {
    const group = this.context.path('property', 'HeadersFooters', this._path, undefined, () => this._path.resolve(), '1.9', 'PageLayout.headersFooters');
    return {
      defaultForAllPages: new FakeHeaderFooter(this.context, this.context.path('property', 'DefaultForAllPages', group, undefined, () => group.resolve(), '1.9', 'HeaderFooterGroup.defaultForAllPages')),
    };
  }
}

function text255(v: unknown): string {
  if (typeof v !== 'string' || v.length > 255) throw new FakeOfficeError('InvalidArgument', 'Header/footer text must be at most 255 characters.');
  return v;
}

export class FakeHeaderFooter extends FakeObject<SheetState> {
  protected readonly typeName = 'HeaderFooter';
  protected readonly props: Record<string, PropSpec<SheetState>> = {
    centerFooter: pageProp('centerFooter', text255),
    centerHeader: pageProp('centerHeader', text255),
  };
  set centerFooter(v: string) {
    this.write('centerFooter', v);
  }
  set centerHeader(v: string) {
    this.write('centerHeader', v);
  }
}
