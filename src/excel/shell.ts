/**
 * The workbook shell the task pane talks to. Two implementations: Office.js (`office.ts`, the
 * real Excel) and the browser preview's fake workbook (`src/preview/fakeShell.ts`). The pane
 * never touches Office.js directly, so every panel is tested against the fake.
 */
import type { Finding } from '../domain/finding';
import type { CellWrite } from '../domain/reportSheet';
import type { WorkbookModel } from '../domain/sheet';
import type { TemplateSheet, TemplateSpec } from '../domain/template';

/** The shells write cells and render templates in the domain's own shapes: a `CellWrite` is
 *  what `reportCellWrites` produces, a template is what `buildTemplate` describes, so the
 *  Office.js shell and the .xlsx shell render the same spec. */
export type { CellWrite };
export type { TemplateSheet, TemplateSpec };

/** What the host can do beyond ExcelApi 1.1 (the manifest's minimum). Each feature is checked
 *  at run time so an older Excel still runs the pane with that one feature off. */
export interface ShellCapabilities {
  /** ExcelApi 1.8: list data validation (dropdowns from `Danh mục`). */
  dropdowns: boolean;
  /** ExcelApi 1.7: freeze panes on the header row. */
  freezePanes: boolean;
  /** ExcelApi 1.2: column widths and hiding `_meta`. */
  formatting: boolean;
  /** ExcelApi 1.9: A4, one page wide, repeated header rows and page numbers when printed. */
  printLayout: boolean;
  /** Document.getFileAsync (Compressed): in-pane submission. */
  fileAccess: boolean;
}

/** The missing features with a short reason each, for the clerk (i18n keys). */
export type CapabilityKey = keyof ShellCapabilities;

export interface CreateTemplateResult {
  /** Features skipped because the host lacks them. */
  skipped: CapabilityKey[];
}

/** Settings remembered per workbook (document settings in Excel; memory in the preview). */
export interface PaneSettings {
  profile?: string;
  unit?: string;
  language?: 'vi' | 'en';
  inboxUrl?: string;
  /** The report figures the pane's last fill wrote (code|column -> value), so the next fill
   *  can tell its own figures from the clerk's (src/taskpane/lib/reportPlan.ts). */
  reportFill?: { year: number; quarter: number; cells: Record<string, string | number | boolean | null> };
}

export interface FileProgress {
  loaded: number;
  total: number;
}

export interface WorkbookShell {
  readonly capabilities: ShellCapabilities;
  /** Every sheet as plain values (dates as Excel serial numbers, as Office.js delivers them). */
  readWorkbook(): Promise<WorkbookModel>;
  /** Creates the template sheets in the open workbook. */
  createTemplate(spec: TemplateSpec): Promise<CreateTemplateResult>;
  writeCells(sheet: string, writes: readonly CellWrite[]): Promise<void>;
  /** Colours the cells of findings, remembering each cell's own fill. */
  highlight(findings: readonly Finding[]): Promise<number>;
  /** Gives every highlighted cell its own fill back. */
  clearHighlights(): Promise<void>;
  selectCell(sheet: string, address: string): Promise<void>;
  readSettings(): Promise<PaneSettings>;
  saveSettings(settings: PaneSettings): Promise<void>;
  /** The workbook as .xlsx bytes. */
  getCompressedFile(onProgress?: (p: FileProgress) => void): Promise<Uint8Array>;
}

/** Fill colours used for findings by severity; a clerk's own colours are kept aside. */
export const HIGHLIGHT_FILL: Record<Finding['severity'], string> = {
  fatal: '#F4B6B6',
  error: '#F8CBAD',
  warning: '#FFE699',
  info: '#DDEBF7',
};

/** Document-settings key where the cells' previous fills are remembered until cleared. */
export const HIGHLIGHT_STORE_KEY = 'vr.highlights';
export const SETTINGS_KEY = 'vr.settings';

/** Remembered fills: sheet → address → the fill the clerk had (null: no fill). */
export type HighlightStore = Record<string, Record<string, string | null>>;
