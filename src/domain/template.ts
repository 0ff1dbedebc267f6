/**
 * The workbook template (docs/workbook.md) as plain data. Both shells render this same spec: the
 * exceljs file shell (`src/xlsx/write.ts`) and the Office.js shell (`src/excel`), so a workbook
 * made by `vr new` and one made in Excel are the same workbook.
 */
import { CODE_LISTS, supportTypes, type Code, type CodeListId } from './codes';
import { BIRTH_FORMAT, DATE_FORMAT } from './dates';
import type { ReportData } from './model';
import { REPORT_LAYOUT, REPORT_PERCENT_FORMAT, reportSheetGrid } from './reportSheet';
import { PERCENT_CODES } from './report';
import type { Meta } from './schema/meta';
import { TEXT_FORMAT } from './templateFormat';

export { printSetupOf, TEXT_FORMAT } from './templateFormat';
import { META_KEYS, TEMPLATE_ID, TEMPLATE_VERSION } from './templateVersion';
import type { Profile, Unit } from './schema/profile';
import { REGISTRY_COLUMNS, SUPPORT_COLUMNS, type ColumnSpec } from './schema/registry';
import { SHEET, columnLetter, type CellValue, type SheetVisibility } from './sheet';
import { GUIDE_WIDTH, guideDress, guideRows } from './templateGuide';
import type { SheetDress } from './templatePrint';
import { REPORT_COLUMN_WIDTHS, reportSheetDress } from './templateReport';

export interface TemplateTable {
  name: string;
  headerRow0: number;
  firstCol0: number;
  lastCol0: number;
  lastRow0: number;
}

export interface TemplateValidation {
  col0: number;
  fromRow0: number;
  toRow0: number;
  /** A list formula, e.g. `='Danh mục'!$A$2:$A$3`. */
  listFormula: string;
}

export interface TemplateSheet {
  name: string;
  visibility: SheetVisibility;
  rows: CellValue[][];
  columnWidths?: number[];
  freezeRows?: number;
  boldRows?: number[];
  table?: TemplateTable;
  validations?: TemplateValidation[];
  /** Date columns and their number format (`dd/mm/yyyy`; the birth column also shows a year
   *  typed alone as the year: `BIRTH_FORMAT`). */
  dateColumns?: { col0: number; fromRow0: number; toRow0: number; numFmt: string }[];
  /** Columns (a row range each) formatted as Text (`@`), so what is typed there stays as typed:
   *  case IDs, ID numbers, the report's row codes (`4.10` is not 4.1), `_meta`'s values (a
   *  unit code `09367` keeps its zero). Shells apply them before writing any value. */
  textColumns?: { col0: number; fromRow0: number; toRow0: number }[];
  /** Number formats of single cells (the report's percentage cells). Optional for shells. */
  cellFormats?: { row0: number; col0: number; numFmt: string }[];
  /** Print set-up, merges and the official header's styles (the report). Optional for shells. */
  dress?: SheetDress;
}

export interface TemplateSpec {
  sheets: TemplateSheet[];
}

/** Rows below the header that carry dropdowns and date formats: a clerk types into an empty
 *  template, so the aids must reach well past the last data row. */
export const ENTRY_ROWS = 2000;


export const REGISTRY_TABLE = 'SoTheoDoi';
export const SUPPORT_TABLE = 'HoTro';

/** One column of `Danh mục`: a header and the values a dropdown offers. */
interface CodeColumn {
  id: CodeListId | 'commune' | 'support_type';
  header: string;
  values: string[];
}

function codeColumns(profile: Profile, unit: Unit): CodeColumn[] {
  const list = (id: CodeListId, header: string): CodeColumn => ({
    id,
    header,
    values: CODE_LISTS[id].map((code: Code) => code.vi),
  });
  return [
    list('sex', 'Giới tính / Sex'),
    list('nationality', 'Quốc tịch / Nationality'),
    list('ethnicity', 'Dân tộc / Ethnicity'),
    { id: 'commune', header: 'Xã/Phường cư trú / Commune', values: [...unit.communes] },
    list('receipt_channel', 'Hình thức tiếp nhận / How received'),
    list('destination', 'Nơi bị mua bán đến / Trafficked to'),
    list('purpose', 'Mục đích bị mua bán / Purpose'),
    list('verification_status', 'Tình trạng xác minh / Verification status'),
    list('verifying_agency', 'Cơ quan xác định / Identifying agency'),
    list('protection', 'Bảo vệ an toàn / Safety protection'),
    list('yes_no', 'Có/Không / Yes/No'),
    { id: 'support_type', header: 'Loại hỗ trợ / Support type', values: supportTypes(profile.law).map((c) => c.vi) },
  ];
}

function codesSheet(columns: CodeColumn[]): TemplateSheet {
  const height = Math.max(...columns.map((c) => c.values.length)) + 1;
  const rows: CellValue[][] = [];
  for (let r = 0; r < height; r++) {
    rows.push(columns.map((column) => (r === 0 ? column.header : (column.values[r - 1] ?? null))));
  }
  return {
    name: SHEET.codes,
    visibility: 'visible',
    rows,
    columnWidths: columns.map(() => 28),
    freezeRows: 1,
    boldRows: [0],
  };
}

/** `='Danh mục'!$C$2:$C$55` for the code column at `index`. */
function listFormula(columns: CodeColumn[], id: CodeColumn['id']): string {
  const index = columns.findIndex((c) => c.id === id);
  const letter = columnLetter(index);
  return `='${SHEET.codes}'!$${letter}$2:$${letter}$${columns[index].values.length + 1}`;
}

/** Which `Danh mục` column feeds a registry/support column's dropdown. */
function dropdownSource(column: ColumnSpec): CodeColumn['id'] | null {
  if (column.kind === 'commune') return 'commune';
  if (column.kind === 'code' && column.codeList) return column.codeList;
  return null;
}

function tableSheet(
  name: string,
  tableName: string,
  columns: readonly ColumnSpec[],
  codes: CodeColumn[],
  dataRows: CellValue[][],
): TemplateSheet {
  const headerRow0 = 0;
  const lastRow0 = headerRow0 + Math.max(1, dataRows.length);
  const toRow0 = Math.max(lastRow0, headerRow0 + ENTRY_ROWS);
  const validations: TemplateValidation[] = [];
  const dateColumns: NonNullable<TemplateSheet['dateColumns']> = [];
  const textColumns: NonNullable<TemplateSheet['textColumns']> = [];
  columns.forEach((column, col0) => {
    const source = name === SHEET.support && column.key === 'type' ? 'support_type' : dropdownSource(column);
    if (source) validations.push({ col0, fromRow0: headerRow0 + 1, toRow0, listFormula: listFormula(codes, source) });
    const numFmt = column.kind === 'birth' ? BIRTH_FORMAT : column.kind === 'date' ? DATE_FORMAT : null;
    if (numFmt) dateColumns.push({ col0, fromRow0: headerRow0 + 1, toRow0, numFmt });
    if (column.keepsText) textColumns.push({ col0, fromRow0: headerRow0 + 1, toRow0 });
  });
  return {
    name,
    visibility: 'visible',
    rows: [columns.map((c) => c.header_vi), ...dataRows],
    columnWidths: columns.map((c) => c.width),
    freezeRows: headerRow0 + 1,
    boldRows: [headerRow0],
    table: { name: tableName, headerRow0, firstCol0: 0, lastCol0: columns.length - 1, lastRow0 },
    validations,
    dateColumns,
    textColumns,
  };
}

export function templateMeta(profile: Profile, unit: Unit, year: number, quarter: number, createdAt: string): Meta {
  return {
    template: TEMPLATE_ID,
    template_version: TEMPLATE_VERSION,
    profile: profile.id,
    unit_code: unit.code,
    unit_name: unit.name,
    province_code: unit.province_code ?? profile.province_code,
    year,
    quarter,
    created_at: createdAt,
  };
}

export function metaRows(meta: Meta): CellValue[][] {
  return [
    ['template', meta.template],
    ['template_version', meta.template_version],
    ['profile', meta.profile],
    ['unit_code', meta.unit_code],
    ['unit_name', meta.unit_name],
    ['province_code', meta.province_code],
    ['year', meta.year],
    ['quarter', meta.quarter],
    ['created_at', meta.created_at],
  ];
}

export interface TemplateContent {
  registryRows?: CellValue[][];
  supportRows?: CellValue[][];
  report?: ReportData;
}

/** The whole workbook of docs/workbook.md, optionally with data rows (samples, rollover). */
export function buildTemplate(
  profile: Profile,
  unit: Unit,
  year: number,
  quarter: number,
  createdAt: string,
  content: TemplateContent = {},
): TemplateSpec {
  const meta = templateMeta(profile, unit, year, quarter, createdAt);
  const codes = codeColumns(profile, unit);
  const reportRows = reportSheetGrid(profile, meta, content.report);
  const reportHeader0 = reportRows.findIndex((row) => row[0] === 'Mã');
  const guide = guideRows(profile, unit, year, quarter);
  return {
    sheets: [
      {
        name: SHEET.guide,
        visibility: 'visible',
        rows: guide,
        columnWidths: [GUIDE_WIDTH],
        boldRows: [0],
        dress: guideDress(guide),
      },
      tableSheet(SHEET.registry, REGISTRY_TABLE, REGISTRY_COLUMNS, codes, content.registryRows ?? []),
      tableSheet(SHEET.support, SUPPORT_TABLE, SUPPORT_COLUMNS, codes, content.supportRows ?? []),
      {
        name: SHEET.report,
        visibility: 'visible',
        rows: reportRows,
        columnWidths: REPORT_COLUMN_WIDTHS,
        dress: reportSheetDress(reportRows),
        freezeRows: reportHeader0 >= 0 ? reportHeader0 + 1 : undefined,
        cellFormats: [
          ...reportRows.flatMap((row, row0) =>
            (PERCENT_CODES as readonly string[]).includes(String(row[REPORT_LAYOUT.columns.code])) ? [{ row0, col0: REPORT_LAYOUT.columns.total, numFmt: REPORT_PERCENT_FORMAT }] : [],
          ),
          // The unit code (`09367` under vn-2025) stays text.
          { row0: REPORT_LAYOUT.headerRows0.unit_code, col0: REPORT_LAYOUT.valueCol0, numFmt: TEXT_FORMAT },
        ],
        textColumns: reportHeader0 >= 0 ? [{ col0: REPORT_LAYOUT.columns.code, fromRow0: reportHeader0 + 1, toRow0: reportRows.length - 1 }] : [],
        boldRows: reportHeader0 >= 0 ? [reportHeader0] : [],
      },
      codesSheet(codes),
      { name: SHEET.meta, visibility: 'veryHidden', rows: metaRows(meta), columnWidths: [20, 40], textColumns: [{ col0: 1, fromRow0: 0, toRow0: META_KEYS.length - 1 }] },
    ],
  };
}

/**
 * The next case id `<unit_code>-<yyyy>-<nnnn>` (docs/workbook.md): one more than the highest
 * number already used for that unit and year, so ids stay unique after rows are deleted.
 */
export function newCaseId(unitCode: string, year: number, existingIds: Iterable<string | null | undefined>): string {
  const prefix = `${unitCode}-${year}-`.toUpperCase();
  let highest = 0;
  for (const id of existingIds) {
    if (!id) continue;
    const upper = id.trim().toUpperCase();
    if (!upper.startsWith(prefix)) continue;
    const digits = upper.slice(prefix.length);
    if (/^\d+$/.test(digits)) highest = Math.max(highest, Number(digits));
  }
  return `${unitCode}-${year}-${String(highest + 1).padStart(4, '0')}`;
}
