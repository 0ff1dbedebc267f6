/**
 * The report prints as an official document (docs/workbook.md): `vr fill`'s workbook, a
 * consolidated workbook, and the workbooks the pane makes (the Office.js shell's, saved from the
 * strict fake Excel as Excel would save it, and the browser preview's download) converted to PDF
 * by LibreOffice, checked from the PDF's text and page sizes: A4; every column header of the
 * report table on the report's first page; the national motto on that page; the signature
 * blocks on its last page; one unit's report on at most two pages (one for the pane's, as for
 * `vr new`'s); the guide whole, portrait, no line cut at the paper's edge; the consolidated
 * summary landscape and one page wide; no internal names.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { REPORT_HEADERS } from '../../src/domain/model';
import { HEAD_HINT, HEAD_TITLE, MOTTO, MOTTO_2, PREPARER_HINT, PREPARER_TITLE } from '../../src/domain/templatePrint';
import { generateSample } from '../../src/domain/sample';
import { SHEET } from '../../src/domain/sheet';
import { buildTemplate, type TemplateSpec } from '../../src/domain/template';
import { OfficeWorkbookShell } from '../../src/excel/office';
import { FakeWorkbookShell } from '../../src/preview/fakeShell';
import { findUnit, getProfile } from '../../src/profiles';
import { loadProvince } from '../../src/profiles/officialList';
import { templateToBuffer } from '../../src/xlsx/write';
import { ensureBuilt, tempDir, vr } from '../cli/helpers';
import { FakeExcel } from '../excel/fakeExcel';
import { convert } from './soffice';

interface Page {
  text: string;
  width: number;
  height: number;
}

/** Each page's text (whitespace collapsed: a wrapped header reads as one) and size in points. */
function pagesOf(pdf: string): Page[] {
  const info = execFileSync('pdfinfo', ['-f', '1', '-l', '9999', pdf], { encoding: 'utf8' });
  const sizes = [...info.matchAll(/^Page\s+\d+\s+size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => [Number(m[1]), Number(m[2])]);
  return sizes.map(([width, height], i) => ({
    text: execFileSync('pdftotext', ['-raw', '-f', String(i + 1), '-l', String(i + 1), pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' '),
    width,
    height,
  }));
}

const isA4 = (p: Page) => Math.abs(Math.min(p.width, p.height) - 595.3) < 2 && Math.abs(Math.max(p.width, p.height) - 841.9) < 2;

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

function expectOfficial(report: Page[], unit = { capitals: 'THỊ XÃ TỪ SƠN', place: 'Từ Sơn' }, maxPages = 2): void {
  const [first] = report;
  const last = report[report.length - 1];
  expect(report.length).toBeLessThanOrEqual(maxPages);
  for (const p of report) expect(isA4(p)).toBe(true);
  expect(first.height).toBeGreaterThan(first.width);
  for (const header of REPORT_HEADERS) expect(first.text).toContain(header);
  expect(first.text).toContain(MOTTO);
  expect(first.text).toContain(MOTTO_2);
  expect(first.text).toMatch(new RegExp(`${unit.place}, ngày …+ tháng …+ năm …+`));
  expect(first.text).toContain(unit.capitals);
  for (const block of [PREPARER_TITLE, HEAD_TITLE, PREPARER_HINT, HEAD_HINT]) expect(last.text).toContain(block);
}

describe('printing through LibreOffice', () => {
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

  test("vr fill's report prints on A4 with the official header, every column and the signatures", () => {
    const pages = pagesOf(convert(filled, 'pdf', path.join(dir, 'fill-pdf')));
    expect(pages.every(isA4)).toBe(true);
    expectOfficial(reportPages(pages));
  }, 300_000);

  test('the consolidated workbook: landscape one-page-wide summary, each unit report official, no internal names', () => {
    const out = path.join(dir, 'tong-hop.xlsx');
    expect(vr(['consolidate', '--profile', 'bac-ninh-2017', '--year', '2020', '--quarter', '3', '-o', out, filled]).code).toBe(0);
    const pages = pagesOf(convert(out, 'pdf', path.join(dir, 'consolidated-pdf')));
    expect(pages.every(isA4)).toBe(true);

    const summary = pages[0];
    expect(summary.width).toBeGreaterThan(summary.height);
    expect(summary.text).toContain(MOTTO);
    expect(summary.text).toContain('TỔNG HỢP BÁO CÁO QUÝ 3/2020');
    // One page wide: the last indicator column and the province total are on the first page.
    expect(summary.text).toContain('5.2');
    expect(summary.text).toContain('Toàn tỉnh');
    expect(summary.text).toContain(HEAD_TITLE);

    expectOfficial(reportPages(pages, 1));
    const all = pages.map((p) => p.text).join(' ');
    expect(all).not.toMatch(/buildReport|RPT-\d|REG-\d|FMT-\d/);
    expect(all).not.toContain("'=");
  }, 300_000);

  test('the pages look right (PNG renders kept under test-results/ for review)', () => {
    const pdf = path.join(dir, 'consolidated-pdf', 'tong-hop.pdf');
    const outDir = path.resolve(__dirname, '..', '..', 'test-results', 'print');
    fs.mkdirSync(outDir, { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '60', pdf, path.join(outDir, 'tong-hop')]);
    expect(fs.readdirSync(outDir).some((f) => f.startsWith('tong-hop'))).toBe(true);
  });
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

  test('a filled register made in Excel by the pane, and the preview’s download, print page for page like vr new’s: A4, the report on one page with letterhead, motto and signatures', async () => {
    const profile = getProfile('bac-ninh-2017')!;
    const { spec } = generateSample({ rows: 200, seed: 5, profile, unit: findUnit(profile, 'BN-TS')!, year: 2020, quarter: 3, errors: false });
    const files = await threeWorkbooks(spec, dir, 'bn-ts');
    const printed = Object.fromEntries(Object.entries(files).map(([k, f]) => [k, pagesOf(convert(f, 'pdf', path.join(dir, `${k}-pdf`)))])) as Record<keyof typeof files, Page[]>;
    for (const [kind, pages] of Object.entries(printed)) {
      expect([kind, pages.every(isA4)]).toEqual([kind, true]);
      expectGuideWhole(pages, spec);
      const report = reportPages(pages);
      expectOfficial(report, undefined, 1);
      keepPng(path.join(dir, `${kind}-pdf`, path.basename(files[kind as keyof typeof files], '.xlsx') + '.pdf'), pages.indexOf(report[0]) + 1, `bn-ts-${kind}-report`);
    }
    // Page for page: the same number of pages, the report on the same page.
    expect(printed.pane.length).toBe(printed.vrNew.length);
    expect(printed.preview.length).toBe(printed.vrNew.length);
    const reportAt = (pages: Page[]) => pages.indexOf(reportPages(pages)[0]);
    expect(reportAt(printed.pane)).toBe(reportAt(printed.vrNew));
    expect(reportAt(printed.preview)).toBe(reportAt(printed.vrNew));
  }, 600_000);

  test('a new vn-2025 register made in Excel by the pane prints its report on one A4 page, for its commune (Phường Nha Trang, Khánh Hoà)', async () => {
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
    expectOfficial(report, { capitals: 'PHƯỜNG NHA TRANG', place: 'Nha Trang' }, 1);
    keepPng(pdf, pages.indexOf(report[0]) + 1, 'nha-trang-pane-report');
  }, 300_000);
});
