/**
 * How the report and the consolidated workbook print (docs/workbook.md), as plain data every
 * writer applies: A4, one page wide, the table header repeated on each page; the official
 * header of Decree 30/2020/NĐ-CP (issuing unit in capitals top left, national motto top right,
 * `<place>, ngày … tháng … năm …`) and the two signature blocks at the end.
 */
import type { CellValue } from './sheet';

export interface CellRange {
  row0: number;
  col0: number;
  row1: number;
  col1: number;
}

export interface CellStyle {
  row0: number;
  col0: number;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  size?: number;
  align?: 'left' | 'center' | 'right';
  wrap?: boolean;
  numFmt?: string;
}

export { PRINT_MARGINS_INCHES } from './templateFormat';

export interface PrintSetup {
  orientation: 'portrait' | 'landscape';
  /** Rows repeated at the top of every printed page (0-based, inclusive). */
  titleRows0?: [number, number];
  /** Columns repeated at the left of every printed page (0-based, inclusive). */
  titleColumns0?: [number, number];
  /** A fixed print scale (percent) instead of "fit to one page wide": for a table too wide for
   *  one page at a legible size. */
  scale?: number;
}

/** What a sheet adds for print and for the official look: merges, cell styles, page set-up. */
export interface SheetDress {
  merges: CellRange[];
  styles: CellStyle[];
  /** Columns whose text wraps (long labels and notes). */
  wrapColumns: number[];
  /** Ranges drawn with thin borders (the report table). */
  borders: CellRange[];
  /** Heights (points) of rows whose known text wraps onto several lines: neither LibreOffice
   *  nor a PDF export re-measures rows, so the writer sets them. Rows left out keep the
   *  default and grow in Excel as text is typed. */
  rowHeights: { row0: number; height: number }[];
  print: PrintSetup;
}

/** Points per line of 11 pt text. */
export const LINE_HEIGHT = 15;

/** Lines a text takes in a wrapped column `width` characters wide (a rough Calibri measure). */
export function linesOf(text: string, width: number): number {
  const perLine = Math.max(1, Math.floor(width * 1.05) - 1);
  return text.split('\n').reduce((n, part) => n + Math.max(1, Math.ceil(part.length / perLine)), 0);
}

export const MOTTO = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const MOTTO_2 = 'Độc lập - Tự do - Hạnh phúc';
export const PREPARER_TITLE = 'NGƯỜI LẬP BIỂU';
export const HEAD_TITLE = 'THỦ TRƯỞNG ĐƠN VỊ';
export const PREPARER_HINT = '(Ký, ghi rõ họ tên)';
export const HEAD_HINT = '(Ký tên, đóng dấu)';

/** Rows the official header takes above a document's title. */
export const OFFICIAL_HEADER_ROWS = 4;
/** Rows the signature blocks take below a document's table: a blank row, titles, hints, room
 *  to sign, and a dotted line for the signer's name. */
export const SIGNATURE_ROWS = 7;

const ADMIN_PREFIX = /^(thị xã|thành phố|huyện|quận|phường|xã|thị trấn|đặc khu|tỉnh)\s+/iu;

/** The place in `<place>, ngày … tháng … năm …`: the unit's name without its level
 *  (`Thị xã Từ Sơn` -> `Từ Sơn`). */
export function placeOf(name: string): string {
  const trimmed = name.normalize('NFC').trim();
  return trimmed.replace(ADMIN_PREFIX, '') || trimmed;
}

export const dateLine = (place: string): string => `${place}, ngày …… tháng …… năm ……`;

/** Columns (0-based, inclusive) of the left and right blocks of the header and signatures. */
export interface Blocks {
  left: [number, number];
  right: [number, number];
}

/** The report's blocks: `Mã` + `Chỉ tiêu` on the left, `Nam` to `Ghi chú` on the right. */
function blocks(width: number): Blocks {
  const leftEnd = Math.max(0, Math.min(1, width - 2));
  return { left: [0, leftEnd], right: [Math.min(width - 1, leftEnd + 2), width - 1] };
}

/**
 * The letterhead of Decree 30/2020/NĐ-CP (Appendix I, sections 1–3): the body the issuer reports
 * to (`UBND TỈNH KHÁNH HOÀ`, capitals, upright) over the issuing body (`SỞ Y TẾ`, capitals,
 * bold, a rule under it: here the text is underlined), beside the national motto (bold) over
 * `Độc lập - Tự do - Hạnh phúc` (bold, underlined).
 */
export interface Letterhead {
  parent: string;
  issuer: string;
}

/** `Tỉnh Khánh Hoà` -> `UBND TỈNH KHÁNH HOÀ` (Decree 30 allows `UBND` in the parent's name). */
export function peoplesCommittee(name: string): string {
  return `UBND ${name.normalize('NFC').trim().toLocaleUpperCase('vi')}`;
}

/** A unit's own report: its People's Committee under the province's (`UBND PHƯỜNG NHA TRANG`
 *  under `UBND TỈNH KHÁNH HOÀ`; commune and district alike report to the province). */
export function unitLetterhead(unitName: string, provinceFullName: string): Letterhead {
  return { parent: peoplesCommittee(provinceFullName), issuer: peoplesCommittee(unitName) };
}

/** A department's document (the consolidated workbook, the trends): `SỞ Y TẾ` under the
 *  province's People's Committee. `Sở … (qua Chi cục …)` names the department alone. */
export function departmentLetterhead(department: string, provinceFullName: string): Letterhead {
  return { parent: peoplesCommittee(provinceFullName), issuer: department.replace(/\s*\(.*\)\s*$/u, '').trim() };
}

/**
 * The official header: row 0 the parent body (left) and the motto (right), row 1 the issuing
 * body and the motto's second line, row 2 `Số: …` and the place and date, row 3 blank.
 */
type BlockDress = Pick<SheetDress, 'merges' | 'styles'>;

export function officialHeader(head: Letterhead, place: string, width: number, top0 = 0, at: Blocks = blocks(width)): { rows: CellValue[][]; dress: BlockDress } {
  const { left, right } = at;
  const blank = (): CellValue[] => new Array<CellValue>(width).fill(null);
  const rows = [blank(), blank(), blank(), blank()];
  rows[0][left[0]] = head.parent.normalize('NFC').toLocaleUpperCase('vi') || null;
  rows[0][right[0]] = MOTTO;
  rows[1][left[0]] = head.issuer.normalize('NFC').toLocaleUpperCase('vi') || null;
  rows[1][right[0]] = MOTTO_2;
  rows[2][left[0]] = 'Số: ……/BC';
  rows[2][right[0]] = dateLine(place);
  const merges: CellRange[] = [0, 1, 2].flatMap((r) => [
    ...(left[1] > left[0] ? [{ row0: top0 + r, col0: left[0], row1: top0 + r, col1: left[1] }] : []),
    ...(right[1] > right[0] ? [{ row0: top0 + r, col0: right[0], row1: top0 + r, col1: right[1] }] : []),
  ]);
  const styles: CellStyle[] = [
    { row0: top0, col0: left[0], align: 'center' },
    { row0: top0, col0: right[0], bold: true, align: 'center' },
    { row0: top0 + 1, col0: left[0], bold: true, underline: true, align: 'center' },
    { row0: top0 + 1, col0: right[0], bold: true, underline: true, align: 'center' },
    { row0: top0 + 2, col0: left[0], align: 'center' },
    { row0: top0 + 2, col0: right[0], italic: true, align: 'center' },
  ];
  return { rows, dress: { merges, styles } };
}

/** The report's signature blocks: the preparer under `Chỉ tiêu` (column `Mã` holds only row
 *  codes), the head of the unit on the right as in the header. */
function signatureBlocks(width: number): Blocks {
  const col = Math.min(1, width - 1);
  return { left: [col, col], right: blocks(width).right };
}

export const NAME_LINE = '……………………………';

/** The signature blocks: a blank row, the two titles, their hints, room to sign, the name line. */
export function signatureBlock(width: number, top0: number, at: Blocks = signatureBlocks(width)): { rows: CellValue[][]; dress: BlockDress } {
  const { left, right } = at;
  const blank = (): CellValue[] => new Array<CellValue>(width).fill(null);
  const rows = Array.from({ length: SIGNATURE_ROWS }, blank);
  rows[1][left[0]] = PREPARER_TITLE;
  rows[1][right[0]] = HEAD_TITLE;
  rows[2][left[0]] = PREPARER_HINT;
  rows[2][right[0]] = HEAD_HINT;
  rows[SIGNATURE_ROWS - 1][left[0]] = NAME_LINE;
  rows[SIGNATURE_ROWS - 1][right[0]] = NAME_LINE;
  const merges: CellRange[] = [1, 2, SIGNATURE_ROWS - 1].flatMap((r) => [
    ...(left[1] > left[0] ? [{ row0: top0 + r, col0: left[0], row1: top0 + r, col1: left[1] }] : []),
    ...(right[1] > right[0] ? [{ row0: top0 + r, col0: right[0], row1: top0 + r, col1: right[1] }] : []),
  ]);
  const styles: CellStyle[] = [
    { row0: top0 + 1, col0: left[0], bold: true, align: 'center' },
    { row0: top0 + 1, col0: right[0], bold: true, align: 'center' },
    { row0: top0 + 2, col0: left[0], italic: true, align: 'center' },
    { row0: top0 + 2, col0: right[0], italic: true, align: 'center' },
    { row0: top0 + SIGNATURE_ROWS - 1, col0: left[0], align: 'center' },
    { row0: top0 + SIGNATURE_ROWS - 1, col0: right[0], align: 'center' },
  ];
  return { rows, dress: { merges, styles } };
}
