/**
 * The browser preview's workbook: an in-memory workbook implementing the same WorkbookShell as
 * Office.js, so the pane's real code runs without Excel. Values are kept as Office.js delivers
 * them (dates as serial numbers), fills and the selected cell are visible in the grid. A sheet
 * made from the template keeps the template's formatting (number formats, widths, table, dress,
 * page set-up), so the workbook it hands over prints like `vr new`'s; like the Office.js shell,
 * a cell written with text Excel would turn into something else gets the Text format.
 */
import { UserError } from '../domain/errors';
import type { Finding } from '../domain/finding';
import type { CellValue, SheetVisibility, WorkbookModel } from '../domain/sheet';
import { needsTextFormat, toExcelValue } from '../excel/batch';
import {
  HIGHLIGHT_FILL,
  type CellWrite,
  type CreateTemplateResult,
  type FileProgress,
  type PaneSettings,
  type ShellCapabilities,
  type TemplateSpec,
  type WorkbookShell,
} from '../excel/shell';
import { cellAddress, parseAddress } from '../domain/sheet';
import { TEXT_FORMAT, type TemplateSheet } from '../domain/template';

export interface FakeSheetState {
  name: string;
  visibility: SheetVisibility;
  rows: CellValue[][];
  /** address → fill colour (our highlight or a clerk's own). */
  fills: Map<string, string>;
  /** Column → list formula, for the grid's dropdown hint. */
  validations: Map<number, string>;
  /** Date columns and their number format (the template's): the grid shows dates there. */
  dateColumns: Map<number, string>;
  /** The template's formatting of this sheet (everything but its rows), when made from it. */
  template?: Omit<TemplateSheet, 'rows'>;
  /** address → number format of a cell written since (Text for codes). */
  formats: Map<string, string>;
}

export interface Selection {
  sheet: string;
  address: string;
}

const ORDER = { fatal: 0, error: 1, warning: 2, info: 3 } as const;
const OURS = new Set(Object.values(HIGHLIGHT_FILL));

function stored(value: CellValue): CellValue {
  if (value instanceof Date) return toExcelValue(value);
  if (typeof value === 'string' && value.trim() === '') return null;
  return value;
}

export class FakeWorkbookShell implements WorkbookShell {
  sheets: FakeSheetState[] = [];
  selection: Selection | null = null;
  activeSheet: string | null = null;
  private settings: PaneSettings = {};
  private remembered = new Map<string, string | null>();
  private listeners = new Set<() => void>();
  /** Bumped on every change, so React can subscribe with useSyncExternalStore. */
  version = 0;

  constructor(readonly capabilities: ShellCapabilities = { dropdowns: true, freezePanes: true, formatting: true, printLayout: true, fileAccess: true }) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private changed(): void {
    this.version++;
    for (const l of this.listeners) l();
  }

  sheet(name: string): FakeSheetState {
    const found = this.sheets.find((s) => s.name === name);
    if (!found) throw new UserError('bad_argument', `Không có trang "${name}".`, `There is no sheet "${name}".`);
    return found;
  }

  /** Loads a whole workbook model (tests, the benchmark's 10,000-row register). */
  load(model: WorkbookModel): void {
    this.sheets = model.sheets.map((s) => ({
      name: s.name,
      visibility: s.visibility ?? 'visible',
      rows: s.rows.map((r) => r.map(stored)),
      fills: new Map(),
      validations: new Map(),
      dateColumns: new Map<number, string>(),
      formats: new Map<string, string>(),
    }));
    this.activeSheet = this.sheets.find((s) => s.visibility === 'visible')?.name ?? null;
    this.changed();
  }

  async readWorkbook(): Promise<WorkbookModel> {
    return { sheets: this.sheets.map((s) => ({ name: s.name, visibility: s.visibility, rows: s.rows.map((r) => r.slice()) })) };
  }

  async createTemplate(spec: TemplateSpec): Promise<CreateTemplateResult> {
    const clash = spec.sheets.find((s) => this.sheets.some((x) => x.name.toLowerCase() === s.name.toLowerCase()));
    if (clash) {
      throw new UserError(
        'bad_argument',
        `Sổ làm việc đã có trang "${clash.name}". Hãy mở một sổ làm việc trống rồi tạo sổ theo dõi.`,
        `The workbook already has a sheet "${clash.name}". Open a blank workbook and create the register there.`,
      );
    }
    for (const s of spec.sheets) {
      const validations = new Map<number, string>();
      if (this.capabilities.dropdowns) for (const v of s.validations ?? []) validations.set(v.col0, v.listFormula);
      const { rows, ...template } = s;
      const kept: Omit<TemplateSheet, 'rows'> = {
        ...template,
        visibility: this.capabilities.formatting ? s.visibility : 'visible',
        validations: this.capabilities.dropdowns ? template.validations : undefined,
        freezeRows: this.capabilities.freezePanes ? template.freezeRows : undefined,
      };
      const values = rows.map((r) => r.map(stored));
      const formats = new Map<string, string>();
      values.forEach((row, row0) => row.forEach((v, col0) => typeof v === 'string' && needsTextFormat(v) && formats.set(cellAddress(row0, col0), TEXT_FORMAT)));
      this.sheets.push({
        name: s.name,
        visibility: kept.visibility,
        rows: values,
        fills: new Map(),
        validations,
        dateColumns: new Map((s.dateColumns ?? []).map((d) => [d.col0, d.numFmt])),
        template: kept,
        formats,
      });
    }
    this.activeSheet = (spec.sheets.find((s) => s.table) ?? spec.sheets[0]).name;
    this.changed();
    const skipped = (['dropdowns', 'freezePanes', 'formatting', 'printLayout'] as const).filter((k) => !this.capabilities[k]);
    return { skipped: [...skipped] };
  }

  async writeCells(sheet: string, writes: readonly CellWrite[]): Promise<void> {
    const target = this.sheet(sheet);
    for (const w of writes) {
      while (target.rows.length <= w.row0) target.rows.push([]);
      const row = target.rows[w.row0];
      while (row.length <= w.col0) row.push(null);
      row[w.col0] = stored(w.value);
      const value = row[w.col0];
      if (typeof value === 'string' && needsTextFormat(value)) target.formats.set(cellAddress(w.row0, w.col0), TEXT_FORMAT);
    }
    this.changed();
  }

  async highlight(findings: readonly Finding[]): Promise<number> {
    const worst = new Map<string, Finding>();
    for (const f of findings) {
      if (!f.sheet || !f.cell) continue;
      const key = `${f.sheet}!${f.cell}`;
      const prev = worst.get(key);
      if (!prev || ORDER[f.severity] < ORDER[prev.severity]) worst.set(key, f);
    }
    for (const [key, f] of worst) {
      const sheet = this.sheet(f.sheet as string);
      if (!this.remembered.has(key)) {
        const own = sheet.fills.get(f.cell as string);
        this.remembered.set(key, own && !OURS.has(own) ? own : null);
      }
      sheet.fills.set(f.cell as string, HIGHLIGHT_FILL[f.severity]);
    }
    this.changed();
    return worst.size;
  }

  async clearHighlights(): Promise<void> {
    for (const [key, original] of this.remembered) {
      const bang = key.lastIndexOf('!');
      const sheet = this.sheets.find((s) => s.name === key.slice(0, bang));
      const address = key.slice(bang + 1);
      const now = sheet?.fills.get(address);
      if (!sheet || !now || !OURS.has(now)) continue;
      if (original) sheet.fills.set(address, original);
      else sheet.fills.delete(address);
    }
    this.remembered.clear();
    this.changed();
  }

  async selectCell(sheet: string, address: string): Promise<void> {
    this.sheet(sheet);
    parseAddress(address);
    this.activeSheet = sheet;
    this.selection = { sheet, address };
    this.changed();
  }

  /** The number format of a cell, as Excel would report it ('General' when none). */
  numberFormatAt(sheet: string, row0: number, col0: number): string {
    const state = this.sheet(sheet);
    const own = state.formats.get(cellAddress(row0, col0));
    if (own) return own;
    const t = state.template;
    const inRows = (r: { col0: number; fromRow0: number; toRow0: number }) => r.col0 === col0 && row0 >= r.fromRow0 && row0 <= r.toRow0;
    const style = t?.dress?.styles.find((st) => st.row0 === row0 && st.col0 === col0 && st.numFmt);
    return (
      t?.cellFormats?.find((f) => f.row0 === row0 && f.col0 === col0)?.numFmt ??
      style?.numFmt ??
      (t?.textColumns?.some(inRows) ? TEXT_FORMAT : undefined) ??
      t?.dateColumns?.find(inRows)?.numFmt ??
      'General'
    );
  }

  activate(sheet: string): void {
    this.activeSheet = sheet;
    this.changed();
  }

  async readSettings(): Promise<PaneSettings> {
    return { ...this.settings };
  }

  async saveSettings(settings: PaneSettings): Promise<void> {
    this.settings = { ...settings };
  }

  /** .xlsx bytes built in the browser with exceljs (loaded only when a file is needed): the
   *  template's formatting and page set-up, the values and fills as they are now. */
  async getCompressedFile(onProgress?: (p: FileProgress) => void): Promise<Uint8Array> {
    const { previewToXlsx } = await import('./xlsxBytes');
    const bytes = await previewToXlsx(this.sheets);
    onProgress?.({ loaded: bytes.length, total: bytes.length });
    return bytes;
  }
}
