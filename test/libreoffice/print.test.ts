/**
 * The printed documents (docs/workbook.md, docs/inbox.md): `vr fill`'s report, the consolidated
 * workbook, the trends download and the workbooks the pane makes (the Office.js shell's, saved
 * from the strict fake Excel as Excel would save it, and the browser preview's download)
 * converted to PDF by LibreOffice, checked from the PDF's text, page sizes and font sizes, on the
 * 2017–2020 Bắc Ninh plan and on a province of today's plan (Khánh Hoà, 56). The rules they guard:
 * - A4 throughout; every text at 8 pt or more (read from the PDF's own `Tf` sizes);
 * - the Decree 30/2020 letterhead: the body above the issuer (`UBND TỈNH …`) over the issuer
 *   (`SỞ …`, or the unit's People's Committee), the national motto, place and date;
 * - a unit's report on A4 landscape, every column header, the signatures on its last page; the
 *   pane's workbooks page for page like `vr new`'s; the guide whole, portrait, no line cut;
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
import { generateSample } from '../../src/domain/sample';
import { SHEET } from '../../src/domain/sheet';
import { buildTemplate, type TemplateSpec } from '../../src/domain/template';
import { OfficeWorkbookShell } from '../../src/excel/office';
import { exportHtcds } from '../../src/inbox/htcdsExport';
import { trendsWorkbook } from '../../src/inbox/trendsExport';
import { FakeWorkbookShell } from '../../src/preview/fakeShell';
import { findUnit, getProfile, listUnits } from '../../src/profiles';
import { loadProvince } from '../../src/profiles/officialList';
import { readWorkbookFile } from '../../src/xlsx/read';
import { templateToBuffer } from '../../src/xlsx/write';
import { ensureBuilt, tempDir, vr } from '../cli/helpers';
import { FakeExcel } from '../excel/fakeExcel';
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

/** The guide prints whole, portrait: the last words of every line of it are on its pages (a line
 *  longer than the column used to run past the paper's edge and be cut), and it takes at most two
 *  pages before the register starts. */
function expectGuideWhole(pages: Page[], spec: TemplateSpec): void {
  const guide = spec.sheets.find((sheet) => sheet.name === SHEET.guide)!;
  const registryAt = pages.findIndex((p) => p.text.includes('Họ và tên') && p.text.includes('Giới tính'));
  expect(registryAt).toBeGreaterThan(0);
  expect(registryAt).toBeLessThanOrEqual(2);
  // A line may wrap after a hyphen (`de-` / `identified`): compare with hyphens closed up.
  const closed = (t: string) => t.replace(/-\s+/g, '-');
  const text = closed(pages.slice(0, registryAt).map((p) => p.text).join(' '));
  const ends = guide.rows.map((row) => row[0]).filter((v): v is string => typeof v === 'string').map((line) => closed(line.trim().split(/\s+/).slice(-3).join(' ')));
  expect(ends.filter((end) => !text.includes(end))).toEqual([]);
  for (const p of pages.slice(0, registryAt)) expect(isA4(p) && p.height > p.width).toBe(true);
}

function expectOfficial(report: Page[], head: { parent: string; issuer: string; place: string }, maxPages = 3): void {
  const [first] = report;
  const last = report[report.length - 1];
  expect(report.length).toBeLessThanOrEqual(maxPages);
  for (const p of report) {
    expect(isA4(p)).toBe(true);
    expect(p.width).toBeGreaterThan(p.height);
    expect(p.text).toContain('Chỉ tiêu'); // the table header repeats on every page
  }
  for (const header of REPORT_HEADERS) expect(first.text).toContain(header);
  for (const line of [head.parent, head.issuer, MOTTO, MOTTO_2]) expect(first.text).toContain(line);
  // The date line: dotted for the clerk to write, or the day the report was filled.
  expect(first.text).toMatch(new RegExp(`${head.place}, ngày (…+|\\d{2}) tháng (…+|\\d{2}) năm (…+|\\d{4})`));
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

/** The three workbooks of one template spec: `vr new`'s, the pane's (the Office.js shell over
 *  the fake Excel, saved as Excel saves it) and the browser preview's download. */
async function threeWorkbooks(spec: TemplateSpec, dir: string, name: string): Promise<Record<'vrNew' | 'pane' | 'preview', string>> {
  const excel = FakeExcel.blank();
  const created = await new OfficeWorkbookShell(excel.host()).createTemplate(spec);
  expect(created.skipped).toEqual([]);
  expect(excel.failedSyncs).toEqual([]);
  const preview = new FakeWorkbookShell();
  await preview.createTemplate(spec);
  const files = { vrNew: path.join(dir, `${name}-vr-new.xlsx`), pane: path.join(dir, `${name}-pane.xlsx`), preview: path.join(dir, `${name}-preview.xlsx`) };
  fs.writeFileSync(files.vrNew, await templateToBuffer(spec));
  fs.writeFileSync(files.pane, await excel.toXlsx());
  fs.writeFileSync(files.preview, await preview.getCompressedFile());
  return files;
}

/** Renders the report's page to PNG under test-results/print for review. */
function keepPng(pdf: string, page: number, name: string): void {
  const outDir = path.resolve(__dirname, '..', '..', 'test-results', 'print');
  fs.mkdirSync(outDir, { recursive: true });
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', String(page), '-l', String(page), pdf, path.join(outDir, name)]);
}

describe('printing what the pane makes', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('vr-print-pane-');
  });

  test('a filled register made in Excel by the pane, and the preview’s download, print page for page like vr new’s: A4, the report landscape with letterhead, motto and signatures', async () => {
    const profile = getProfile('bac-ninh-2017')!;
    const { spec } = generateSample({ rows: 200, seed: 5, profile, unit: findUnit(profile, 'BN-TS')!, year: 2020, quarter: 3, errors: false });
    const files = await threeWorkbooks(spec, dir, 'bn-ts');
    const printed = Object.fromEntries(Object.entries(files).map(([k, f]) => [k, pagesOf(convert(f, 'pdf', path.join(dir, `${k}-pdf`)))])) as Record<keyof typeof files, Page[]>;
    for (const [kind, pages] of Object.entries(printed)) {
      expect([kind, pages.every(isA4)]).toEqual([kind, true]);
      expectGuideWhole(pages, spec);
      const report = reportPages(pages);
      expectOfficial(report, { parent: 'UBND TỈNH BẮC NINH', issuer: 'UBND THỊ XÃ TỪ SƠN', place: 'Từ Sơn' });
      keepPng(path.join(dir, `${kind}-pdf`, path.basename(files[kind as keyof typeof files], '.xlsx') + '.pdf'), pages.indexOf(report[0]) + 1, `bn-ts-${kind}-report`);
    }
    // Page for page: the same number of pages, the report on the same page.
    expect(printed.pane.length).toBe(printed.vrNew.length);
    expect(printed.preview.length).toBe(printed.vrNew.length);
    const reportAt = (pages: Page[]) => pages.indexOf(reportPages(pages)[0]);
    expect(reportAt(printed.pane)).toBe(reportAt(printed.vrNew));
    expect(reportAt(printed.preview)).toBe(reportAt(printed.vrNew));
  }, 600_000);

  test('a new vn-2025 register made in Excel by the pane prints its report on A4 landscape, for its commune (Phường Nha Trang, Khánh Hoà)', async () => {
    await loadProvince('56');
    const profile = getProfile('vn-2025')!;
    const spec = buildTemplate(profile, findUnit(profile, '22366')!, 2025, 3, '2025-10-01T00:00:00.000Z');
    const excel = FakeExcel.blank();
    await new OfficeWorkbookShell(excel.host()).createTemplate(spec);
    expect(excel.failedSyncs).toEqual([]);
    const file = path.join(dir, 'nha-trang-pane.xlsx');
    fs.writeFileSync(file, await excel.toXlsx());
    const pdf = convert(file, 'pdf', path.join(dir, 'nha-trang-pdf'));
    const pages = pagesOf(pdf);
    expect(pages.every(isA4)).toBe(true);
    expectGuideWhole(pages, spec);
    const report = reportPages(pages);
    expectOfficial(report, { parent: 'UBND TỈNH KHÁNH HOÀ', issuer: 'UBND PHƯỜNG NHA TRANG', place: 'Nha Trang' });
    keepPng(pdf, pages.indexOf(report[0]) + 1, 'nha-trang-pane-report');
  }, 300_000);
});
