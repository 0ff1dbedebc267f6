/**
 * The printed documents (docs/workbook.md, docs/inbox.md): `vr fill`'s report, the consolidated
 * workbook and the trends download converted to PDF by LibreOffice, checked from the PDF's text,
 * page sizes and font sizes, on the 2017–2020 Bắc Ninh plan and on a province of today's plan
 * (Khánh Hoà, 56, Q3 2026). The rules they guard:
 * - A4 throughout; every text at 8 pt or more (read from the PDF's own `Tf` sizes);
 * - the Decree 30/2020 letterhead: the body above the issuer (`UBND TỈNH …`) over the issuer
 *   (`SỞ …`, or the unit's People's Committee), the national motto, place and date;
 * - a unit's report on A4 landscape, every column header, the signatures on its last page;
 * - the summary: every unit of the province on it, the unit columns and header rows on every
 *   page, the signatures together on its last page, no internal names;
 * - the HTCDS export's cover (`about`), under the inbox's letterhead, never shrunk below 8 pt.
 * PNG renders are kept under test-results/print/ for a person to look at.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import '../../src/profiles/officialAll';
import { REPORT_HEADERS } from '../../src/domain/model';
import { parseWorkbook } from '../../src/domain/parse';
import { buildReport } from '../../src/domain/report';
import { HEAD_HINT, HEAD_TITLE, MOTTO, MOTTO_2, PREPARER_HINT, PREPARER_TITLE, departmentLetterhead } from '../../src/domain/templatePrint';
import { buildTrends } from '../../src/domain/trends';
import { exportHtcds } from '../../src/inbox/htcdsExport';
import { trendsWorkbook } from '../../src/inbox/trendsExport';
import { getProfile, listUnits } from '../../src/profiles';
import { readWorkbookFile } from '../../src/xlsx/read';
import { ensureBuilt, tempDir, vr } from '../cli/helpers';
import { fontSizesByPage, isA4, pagesOf, type Page } from './pdfText';
import { convert } from './soffice';

const RENDERS = path.resolve(__dirname, '..', '..', 'test-results', 'print');

function keepRenders(pdf: string, name: string): void {
  fs.mkdirSync(RENDERS, { recursive: true });
  execFileSync('pdftoppm', ['-png', '-r', '60', pdf, path.join(RENDERS, name)]);
}

/** Every text of the PDF (or of the pages named, 0-based) at 8 pt or more. */
function expectLegible(pdf: string, only?: (page: Page) => boolean): void {
  const pages = pagesOf(pdf);
  const byPage = fontSizesByPage(pdf);
  expect(byPage).toHaveLength(pages.length);
  const sizes = byPage.filter((_, i) => !only || only(pages[i])).flat();
  expect(sizes.length).toBeGreaterThan(10);
  expect(Math.min(...sizes)).toBeGreaterThanOrEqual(8);
}

/** The pages of one printed report: from the page with the motto to the one with the signatures. */
function reportPages(pages: Page[], from = 0): Page[] {
  const first = pages.findIndex((p, i) => i >= from && p.text.includes(MOTTO) && p.text.includes('Chỉ tiêu'));
  expect(first).toBeGreaterThanOrEqual(0);
  const last = pages.findIndex((p, i) => i >= first && p.text.includes(HEAD_TITLE));
  expect(last).toBeGreaterThanOrEqual(first);
  return pages.slice(first, last + 1);
}

function expectOfficial(report: Page[], head: { parent: string; issuer: string; place: string }): void {
  const [first] = report;
  const last = report[report.length - 1];
  expect(report.length).toBeLessThanOrEqual(3);
  for (const p of report) {
    expect(isA4(p)).toBe(true);
    expect(p.width).toBeGreaterThan(p.height);
    expect(p.text).toContain('Chỉ tiêu'); // the table header repeats on every page
  }
  for (const header of REPORT_HEADERS) expect(first.text).toContain(header);
  for (const line of [head.parent, head.issuer, MOTTO, MOTTO_2]) expect(first.text).toContain(line);
  expect(first.text).toMatch(new RegExp(`${head.place}, ngày …+ tháng …+ năm …+`));
  for (const block of [PREPARER_TITLE, HEAD_TITLE, PREPARER_HINT, HEAD_HINT]) expect(last.text).toContain(block);
}

/** The summary's pages: the consolidated workbook's first sheet, before the annex. */
function summaryPages(pages: Page[]): Page[] {
  const annex = pages.findIndex((p) => p.text.includes('Phụ lục: danh sách ca'));
  expect(annex).toBeGreaterThan(0);
  return pages.slice(0, annex);
}

function expectSummary(summary: Page[], head: { parent: string; issuer: string; title: string }, unitCodes: string[]): void {
  for (const p of summary) {
    expect(isA4(p)).toBe(true);
    expect(p.width).toBeGreaterThan(p.height);
    // Print titles: the unit columns and the header rows on every page.
    for (const h of ['Mã đơn vị', 'Đơn vị', 'Trạng thái']) expect(p.text).toContain(h);
  }
  for (const line of [head.parent, head.issuer, MOTTO, MOTTO_2, head.title]) expect(summary[0].text).toContain(line);
  // The letterhead is on the first page only.
  for (const p of summary.slice(1)) expect(p.text).not.toContain(MOTTO);
  const all = summary.map((p) => p.text).join(' ');
  for (const code of unitCodes) expect(all).toContain(` ${code} `);
  // The two signature blocks on one page, the last.
  const signed = summary.filter((p) => p.text.includes(HEAD_TITLE));
  expect(signed).toEqual([summary[summary.length - 1]]);
  expect(signed[0].text).toContain(PREPARER_TITLE);
  expect(signed[0].text).toContain(HEAD_HINT);
}

describe('printing through LibreOffice: the 2017–2020 Bắc Ninh plan', () => {
  let dir: string;
  let filled: string;

  beforeAll(() => {
    ensureBuilt();
    dir = tempDir('vr-print-');
    const sample = path.join(dir, 'sample.xlsx');
    filled = path.join(dir, 'filled.xlsx');
    expect(vr(['sample', '--rows', '200', '--seed', '5', '-o', sample]).code).toBe(0);
    expect(vr(['fill', sample, '-o', filled]).code).toBe(0);
  }, 300_000);

  test("vr fill's report prints on A4 landscape at 8 pt or more, with the letterhead, every column and the signatures", () => {
    const pdf = convert(filled, 'pdf', path.join(dir, 'fill-pdf'));
    const pages = pagesOf(pdf);
    expect(pages.every(isA4)).toBe(true);
    const report = reportPages(pages);
    expectOfficial(report, { parent: 'UBND TỈNH BẮC NINH', issuer: 'UBND THỊ XÃ TỪ SƠN', place: 'Từ Sơn' });
    // The report (the clerk's working sheets print as the template sets them).
    expectLegible(pdf, (p) => report.some((r) => r.text === p.text));
  }, 300_000);

  test('the consolidated workbook: a legible landscape summary of every unit, each unit report official, no internal names', () => {
    const out = path.join(dir, 'tong-hop.xlsx');
    expect(vr(['consolidate', '--profile', 'bac-ninh-2017', '--year', '2020', '--quarter', '3', '-o', out, filled]).code).toBe(0);
    const pdf = convert(out, 'pdf', path.join(dir, 'consolidated-pdf'));
    const pages = pagesOf(pdf);
    expect(pages.every(isA4)).toBe(true);
    expectLegible(pdf);
    const summary = summaryPages(pages);
    expectSummary(summary, { parent: 'UBND TỈNH BẮC NINH', issuer: 'SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI', title: 'TỔNG HỢP BÁO CÁO QUÝ 3/2020 — TỈNH BẮC NINH' }, getProfile('bac-ninh-2017')!.units.map((u) => u.code));
    expect(summary.map((p) => p.text).join(' ')).toContain('Toàn tỉnh');
    expectOfficial(reportPages(pages, summary.length), { parent: 'UBND TỈNH BẮC NINH', issuer: 'UBND THỊ XÃ TỪ SƠN', place: 'Từ Sơn' });
    const all = pages.map((p) => p.text).join(' ');
    expect(all).not.toMatch(/buildReport|RPT-\d|REG-\d|FMT-\d/);
    expect(all).not.toContain("'=");
    keepRenders(pdf, 'bac-ninh-tong-hop');
  }, 300_000);
});

describe("printing through LibreOffice: a province of today's plan (Khánh Hoà, Q3 2026)", () => {
  const vn = getProfile('vn-2025')!;
  const communes = ['22366', '22333', '22420'];
  let dir: string;
  let files: string[];

  beforeAll(() => {
    ensureBuilt();
    dir = tempDir('vr-print-kh-');
    files = communes.map((unit, i) => {
      const file = path.join(dir, `${unit}.xlsx`);
      expect(vr(['sample', '--profile', 'vn-2025', '--unit', unit, '--year', '2026', '--quarter', '3', '--rows', '60', '--seed', String(20 + i), '-o', file]).code).toBe(0);
      return file;
    });
  }, 300_000);

  test('the consolidated workbook lists all 65 units of 56 on legible pages with the full letterhead; the reports are communes’', () => {
    const out = path.join(dir, 'tong-hop-56.xlsx');
    expect(vr(['consolidate', '--profile', 'vn-2025', '--province', '56', '--year', '2026', '--quarter', '3', '-o', out, ...files]).code).toBe(0);
    const pdf = convert(out, 'pdf', path.join(dir, 'pdf'));
    const pages = pagesOf(pdf);
    expect(pages.every(isA4)).toBe(true);
    expectLegible(pdf);
    const summary = summaryPages(pages);
    const units = listUnits(vn, '56').map((u) => u.unit_code);
    expect(units.length).toBe(65);
    expectSummary(summary, { parent: 'UBND TỈNH KHÁNH HOÀ', issuer: 'SỞ Y TẾ', title: 'TỔNG HỢP BÁO CÁO QUÝ 3/2026 — TỈNH KHÁNH HOÀ' }, units);
    const text = pages.map((p) => p.text).join(' ');
    expect(text).toContain('3/65 đơn vị');
    expect(text).not.toMatch(/BN-P-TS|Từ Sơn/);
    const nhaTrang = reportPages(pages, pages.findIndex((p) => p.text.includes('UBND PHƯỜNG NHA TRANG')));
    expectOfficial(nhaTrang, { parent: 'UBND TỈNH KHÁNH HOÀ', issuer: 'UBND PHƯỜNG NHA TRANG', place: 'Nha Trang' });
    expect(nhaTrang.map((p) => p.text).join(' ')).toContain('6.4 Số thôn, tổ dân phố triển khai kế hoạch / tổng số');
    keepRenders(pdf, 'khanh-hoa-tong-hop');
  }, 300_000);

  test('the trends download prints with the letterhead and the motto, at 8 pt or more', async () => {
    const figures = await Promise.all(
      files.map(async (file, i) => {
        const parsed = parseWorkbook(await readWorkbookFile(file), vn);
        const report = buildReport(parsed.registry.records, parsed.support.records, vn, 2026, 3);
        const totals = Object.fromEntries(Object.entries(report.counts).map(([code, f]) => [code, f.total]));
        return { unit_code: communes[i], totals, ratios: report.ratios ?? {} };
      }),
    );
    const quarters = [2025, 2026].flatMap((year) => [1, 2, 3, 4].map((quarter) => ({ year, quarter }))).slice(2, 10);
    const trends = buildTrends(vn, quarters.map((q) => ({ ...q, figures: q.year === 2026 && q.quarter === 3 ? figures : [] })));
    const buffer = await trendsWorkbook(trends, {
      mask: true,
      locale: 'vi',
      department: vn.department,
      letterhead: { ...departmentLetterhead(vn.department, 'Tỉnh Khánh Hoà'), place: 'Khánh Hoà' },
      names: new Map(communes.map((c) => [c, listUnits(vn, '56').find((u) => u.unit_code === c)!.unit_name])),
    });
    const file = path.join(dir, 'xu-huong.xlsx');
    fs.writeFileSync(file, buffer);
    const pdf = convert(file, 'pdf', path.join(dir, 'trends-pdf'));
    const pages = pagesOf(pdf);
    expect(pages.every(isA4)).toBe(true);
    for (const line of ['UBND TỈNH KHÁNH HOÀ', 'SỞ Y TẾ', MOTTO, MOTTO_2]) expect(pages[0].text).toContain(line);
    expect(pages[0].text).toMatch(/Khánh Hoà, ngày …+ tháng …+ năm …+/);
    expectLegible(pdf);
    keepRenders(pdf, 'khanh-hoa-xu-huong');
  }, 300_000);

  test("the HTCDS export's cover prints under the letterhead at 8 pt or more, its long lines wrapped", async () => {
    const result = await exportHtcds(
      vn,
      { year: 2026, quarter: 3, k: 11, letterhead: { ...departmentLetterhead(vn.department, 'Tỉnh Khánh Hoà'), place: 'Khánh Hoà' }, province: 'Tỉnh Khánh Hoà' },
      files.map((file) => ({ label: file, load: () => readWorkbookFile(file) })),
    );
    const file = path.join(dir, 'htcds.xlsx');
    fs.writeFileSync(file, result.buffer);
    const pdf = convert(file, 'pdf', path.join(dir, 'htcds-pdf'));
    const pages = pagesOf(pdf);
    const cover = pages.findIndex((p) => p.text.includes('k-anonymity'));
    expect(cover).toBeGreaterThanOrEqual(0);
    for (const line of ['UBND TỈNH KHÁNH HOÀ', 'SỞ Y TẾ', MOTTO, MOTTO_2, 'Tỉnh Khánh Hoà', 'consented cases; no names']) expect(pages[cover].text).toContain(line);
    expectLegible(pdf, (p) => p.text === pages[cover].text);
    keepRenders(pdf, 'khanh-hoa-htcds');
  }, 300_000);
});
