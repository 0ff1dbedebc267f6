/**
 * The staff page's trend download: the main indicators over the last quarters, province and
 * units, as one A4-landscape sheet. Small counts are `<5` unless staff turn that off on the
 * page (docs/inbox.md, "Số nhỏ"); the choice is in the audit log.
 */
import ExcelJS from 'exceljs';
import { formatNumber, type NumberLocale } from '../domain/format';
import { cellText, publishTrends, SMALL_NOTE, trendQuarterLabel, type PublishedCell, type Trends } from '../domain/trends';
import { TREND_TEXT } from '../domain/trendText';
import { OFFICIAL_HEADER_ROWS, type Letterhead } from '../domain/templatePrint';
import { PAGE_FOOTER, pageSetupOf, writeLetterhead } from '../xlsx/print';

const T = {
  sheet: { vi: 'Xu hướng', en: 'Trends' },
  source: {
    vi: 'Nguồn: các báo cáo quý đã được chấp nhận trong hộp thư tỉnh. Tỷ lệ 6.x là lũy kế từ đầu năm; tỷ lệ của tỉnh tính trên tổng số người của các đơn vị.',
    en: "Source: the quarterly reports accepted in the provincial inbox. The 6.x percentages are year to date; the province's are taken over all units' people together.",
  },
  unmasked: {
    vi: 'Bản này hiển thị cả số dưới 5: chỉ dùng nội bộ, không công bố.',
    en: 'This copy shows figures under 5: internal use only, not for publication.',
  },
  unit: { vi: 'Đơn vị', en: 'Unit' },
  row: { vi: 'Mã dòng', en: 'Row' },
  indicator: { vi: 'Chỉ tiêu', en: 'Indicator' },
} as const;

export interface TrendsExportOptions {
  mask: boolean;
  locale: NumberLocale;
  department: string;
  /** The official letterhead (in Vietnamese whatever the language: it is the issuer's name)
   *  and the place of the date line; without it, the department's name alone. */
  letterhead?: Letterhead & { place: string };
  /** Unit names by code, for the unit column. */
  names: Map<string, string>;
}

/** Width of the unit column (column units) and the bold characters a line of it holds, the
 *  wider fallback font allowed for (about 1.2 units a bold character). */
const UNIT_WIDTH = 26;
const UNIT_CHARS = Math.floor(UNIT_WIDTH / 1.2);

/**
 * The unit column's lines for one unit's block: `code name` on one line when it fits, else the
 * code, then the name cut at word boundaries (`Phường Văn Miếu - Quốc Tử Giám` takes two). Each
 * line goes in a row of its own: LibreOffice and PDF exports do not re-measure wrapped rows, and
 * a clipped name is a unit no one can read.
 */
export function unitLines(code: string, name: string): string[] {
  const full = `${code} ${name}`.trim();
  if (full.length <= UNIT_CHARS || !name) return [full];
  const lines: string[] = [code];
  let line = '';
  for (const word of name.split(/\s+/)) {
    if (line && line.length + 1 + word.length > UNIT_CHARS) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

function value(c: PublishedCell, kind: 'count' | 'percent', locale: NumberLocale): ExcelJS.CellValue {
  if (c.kind === 'value') return kind === 'percent' ? c.value / 100 : c.value;
  return cellText(c, kind, locale);
}

export async function trendsWorkbook(trends: Trends, opts: TrendsExportOptions): Promise<Buffer> {
  const L = opts.locale;
  const pub = publishTrends(trends, { mask: opts.mask });
  const wb = new ExcelJS.Workbook();
  wb.creator = 'vr';
  // Rows above the table: the letterhead (4 rows) or the department's name, then 3 title rows.
  const above = (opts.letterhead ? OFFICIAL_HEADER_ROWS : 1) + 3;
  const ws = wb.addWorksheet(T.sheet[L], {
    // Side margins of 0.4 and 0.3 in (not 0.5 and 0.4): the eight quarters then fit one page wide at 8 pt.
    pageSetup: { ...pageSetupOf({ orientation: 'landscape', titleRows0: [above, above] }), margins: { left: 0.4, right: 0.3, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 } },
    headerFooter: PAGE_FOOTER,
    views: [{ state: 'frozen', xSplit: 3, ySplit: above + 1 }],
  });
  const q = pub.quarters;
  const width = 3 + q.length;
  const first = q[0];
  const last = q[q.length - 1];
  // One page wide on A4 landscape at 8 pt or more, also where LibreOffice measures with a
  // fallback font wider than Calibri (docs/inbox.md, "Printed documents").
  ws.columns = [{ width: UNIT_WIDTH }, { width: 5.5 }, { width: 52 }, ...q.map(() => ({ width: 8 }))];

  const line = (text: string, opts2: Partial<ExcelJS.Style> = {}) => {
    const r = ws.addRow([text]);
    ws.mergeCells(r.number, 1, r.number, width);
    r.getCell(1).style = { alignment: { wrapText: true, vertical: 'top' }, ...opts2 };
    return r;
  };
  if (opts.letterhead) writeLetterhead(ws, opts.letterhead, opts.letterhead.place, width, { left: [0, 1], right: [2, width - 1] });
  else line(opts.department.toUpperCase(), { font: { bold: true } });
  line(TREND_TEXT.title[L].replace('{from}', first ? trendQuarterLabel(first, L) : '').replace('{to}', last ? trendQuarterLabel(last, L) : ''), {
    font: { bold: true, size: 13 },
    alignment: { horizontal: 'center' },
  });
  // Rows are not re-measured by LibreOffice or a PDF export: each note gets the lines it needs
  // across the table (about a character a column unit, the wider fallback font allowed for).
  const across = UNIT_WIDTH + 5.5 + 52 + 8 * q.length;
  const height = (text: string) => Math.ceil(text.length / Math.floor(across / 1.15)) * 15;
  line(T.source[L]).height = height(T.source[L]);
  const note = opts.mask ? SMALL_NOTE[L] : T.unmasked[L];
  line(note, { font: { italic: true, bold: !opts.mask } }).height = height(note);

  const head = ws.addRow([T.unit[L], T.row[L], T.indicator[L], ...q.map((x) => trendQuarterLabel(x, L))]);
  head.font = { bold: true };
  head.height = 30; // `Mã dòng` on two lines
  head.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };

  const label = (r: (typeof pub.rows)[number]) => (L === 'vi' ? r.label_vi : r.label_en);
  const block = (names: string[], cells: Record<string, PublishedCell[]>) => {
    pub.rows.forEach((r, idx) => {
      const row = ws.addRow([names[idx] ?? '', r.code, label(r), ...cells[r.code].map((c) => value(c, r.kind, L))]);
      // One line per indicator (the column is wide enough): LibreOffice and PDF exports do not
      // re-measure wrapped rows, so a wrapped label would run into the next row.
      if (idx < names.length) row.getCell(1).font = { bold: true };
      for (let i = 0; i < q.length; i++) {
        const cell = row.getCell(4 + i);
        cell.alignment = { horizontal: 'right' };
        if (r.kind === 'percent') cell.numFmt = '0.0%';
        else cell.numFmt = '#,##0';
      }
    });
  };

  const acc = ws.addRow([TREND_TEXT.province[L], '', TREND_TEXT.accepted[L], ...q.map((x) => formatNumber(x.accepted, L))]);
  acc.font = { italic: true };
  for (let i = 0; i < q.length; i++) acc.getCell(4 + i).alignment = { horizontal: 'right' };
  block([TREND_TEXT.province[L]], pub.province);
  for (const u of pub.units) block(unitLines(u.unit_code, opts.names.get(u.unit_code) ?? ''), u.cells);

  const thin = { style: 'thin' } as const;
  for (let r = above + 1; r <= ws.rowCount; r++) {
    for (let c = 1; c <= width; c++) ws.getCell(r, c).border = { top: thin, left: thin, bottom: thin, right: thin };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
