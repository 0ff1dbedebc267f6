/**
 * The report sheet of a sample: the hand-typed parts a clerk writes (6.4, 6.5 and the
 * narrative 7.1–7.3), and with `--errors` one fault per RPT rule, each placed on rows whose
 * other checks stay true so the expected findings are exactly known.
 */
import { REPORT_LAYOUT } from './reportSheet';
import type { Profile } from './schema/profile';
import { SHEET, cellAddress, columnLetter, type CellValue } from './sheet';
import type { ExpectedFinding } from './samplePeople';

/** Default severities of docs/rules.md (what the planted faults produce). */
const SEVERITY: Record<string, string> = {
  'FMT-03': 'error', 'FMT-04': 'info', 'FMT-05': 'warning', 'FMT-06': 'warning', 'FMT-07': 'warning',
  'REG-07': 'warning', 'REG-09': 'warning', 'VER-03': 'warning', 'VER-04': 'info',
  'SUP-03': 'warning', 'SUP-05': 'warning', 'CHD-02': 'warning', 'PRT-01': 'warning', 'CNS-01': 'warning', 'RPT-07': 'warning',
  'REG-11': 'warning', 'RPT-09': 'warning', 'FMT-08': 'error',
};

export function severityOf(profile: Profile, rule: string): string {
  return profile.severity_overrides[rule] ?? SEVERITY[rule] ?? 'error';
}

const NARRATIVE: Record<string, string> = {
  '7.1': 'Tiếp nhận, xác minh kịp thời; phối hợp tốt với Công an và Bộ đội Biên phòng trong trao trả.',
  '7.2': 'Một số trường hợp tự trở về không khai báo; kinh phí hỗ trợ học nghề còn hạn chế.',
  '7.3': 'Đề nghị tập huấn thêm cho cán bộ cấp xã về quy trình xác định nạn nhân.',
};

type Grid = CellValue[][];
type Col = keyof typeof REPORT_LAYOUT.columns;

function rowOf(grid: Grid, code: string): number {
  const row0 = grid.findIndex((row) => row[REPORT_LAYOUT.columns.code] === code);
  if (row0 < 0) throw new Error(`report row ${code} missing from the grid`);
  return row0;
}

/** Row 6.4 of a sample: a district's communes all implementing (`12/12`); a commune's villages
 *  and residential groups (thôn, tổ dân phố; how many is not in the unit list, so a plausible
 *  8–21 drawn from the unit and seed), one of them not yet implementing. */
export function samplePlaces(profile: Pick<Profile, 'level'>, unit: { code: string; communes: string[] }, seed: number): { done: number; total: number } {
  if (profile.level !== 'commune') return { done: unit.communes.length, total: unit.communes.length };
  let h = seed >>> 0;
  for (const ch of unit.code) h = (Math.imul(h, 31) + ch.charCodeAt(0)) >>> 0;
  const total = 8 + (h % 14);
  return { done: total - 1, total };
}

/** What a clerk types by hand: places implementing (6.4), staff trained, the narrative. */
export function typeManualParts(grid: Grid, places: { done: number; total: number }): void {
  const C = REPORT_LAYOUT.columns;
  grid[rowOf(grid, '6.4')][C.total] = `${places.done}/${places.total}`;
  grid[rowOf(grid, '6.5')][C.total] = '12/15';
  for (const [code, text] of Object.entries(NARRATIVE)) grid[rowOf(grid, code)][C.notes] = text;
  const preparer = REPORT_LAYOUT.headerRows0.preparer;
  grid[preparer][REPORT_LAYOUT.valueCol0] = 'Nguyễn Thị Minh Thu';
}

/**
 * Plants the RPT faults (and FMT-03 on the report header) into a filled report grid and
 * returns the findings they must produce, side findings included:
 * - RPT-01: row 2.2 raised by one person consistently (total, Nữ, Từ 18 trở lên): three cells differ;
 * - RPT-02: row 2.3 Nam + 1: total ≠ Nam + Nữ, plus RPT-01 on that Nam cell;
 * - RPT-03: row 3.1 raised consistently: 2.1 ≠ sum of 3.x, plus RPT-01 on the three 3.1 cells;
 * - RPT-04: row 6.3 = 125 (outside 0–100 %, whatever the quarter: 6.x are year to date), plus
 *   RPT-01 on that cell;
 * - RPT-05: row 5.1 `Chưa rõ` = "ba" (not a number; RPT-01 leaves unreadable counts to RPT-05);
 * - RPT-06: the unit code in the header names another unit;
 * - RPT-07: narrative 7.3 left empty;
 * - RPT-09: a citizen ID number in the narrative 7.2;
 * - FMT-03: the `Kinh phí (đồng)` header renamed (no cell: the column is what is missing).
 */
export function plantReportErrors(grid: Grid, profile: Profile): ExpectedFinding[] {
  const C = REPORT_LAYOUT.columns;
  const out: ExpectedFinding[] = [];
  const add = (rule: string, row0: number, col: Col | null, field: string | null) =>
    out.push({
      rule,
      severity: severityOf(profile, rule),
      sheet: SHEET.report,
      cell: col === null ? null : cellAddress(row0, C[col]),
      row: row0 + 1,
      column: col === null ? null : columnLetter(C[col]),
      field,
    });
  const bump = (code: string, cols: Col[]) => {
    const row0 = rowOf(grid, code);
    for (const col of cols) grid[row0][C[col]] = Number(grid[row0][C[col]] ?? 0) + 1;
    return row0;
  };

  const r22 = bump('2.2', ['total', 'female', 'adult']);
  for (const col of ['total', 'female', 'adult'] as Col[]) add('RPT-01', r22, col, col);

  const r23 = bump('2.3', ['male']);
  add('RPT-02', r23, 'total', 'total');
  add('RPT-01', r23, 'male', 'male');

  const r31 = bump('3.1', ['total', 'female', 'adult']);
  for (const col of ['total', 'female', 'adult'] as Col[]) add('RPT-01', r31, col, col);
  add('RPT-03', rowOf(grid, '2.1'), 'total', 'total');

  const r63 = rowOf(grid, '6.3');
  grid[r63][C.total] = 125;
  add('RPT-04', r63, 'total', 'total');
  add('RPT-01', r63, 'total', 'total');

  const r51 = rowOf(grid, '5.1');
  grid[r51][C.unknown_age] = 'ba';
  add('RPT-05', r51, 'unknown_age', 'unknown_age');

  const unitRow0 = REPORT_LAYOUT.headerRows0.unit_code;
  grid[unitRow0][REPORT_LAYOUT.valueCol0] = `${String(grid[unitRow0][REPORT_LAYOUT.valueCol0])}-CU`;
  out.push({
    rule: 'RPT-06', severity: severityOf(profile, 'RPT-06'), sheet: SHEET.report,
    cell: cellAddress(unitRow0, REPORT_LAYOUT.valueCol0), row: unitRow0 + 1, column: columnLetter(REPORT_LAYOUT.valueCol0), field: 'unit_code',
  });

  // RPT-09: a citizen ID number typed into the narrative.
  const r72 = rowOf(grid, '7.2');
  grid[r72][C.notes] = `${String(grid[r72][C.notes] ?? '')} Một trường hợp (CCCD 001190012345) chưa được hỗ trợ vay vốn.`.trim();
  add('RPT-09', r72, 'notes', 'notes');

  const r73 = rowOf(grid, '7.3');
  grid[r73][C.notes] = null;
  add('RPT-07', r73, 'notes', 'notes');

  const header0 = REPORT_LAYOUT.tableHeaderRow0;
  grid[header0][C.amount] = 'Chi phí khác';
  add('FMT-03', header0, null, 'amount');
  return out;
}
