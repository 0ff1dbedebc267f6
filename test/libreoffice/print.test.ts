/**
 * The report prints as an official document (docs/workbook.md): `vr fill`'s workbook and a
 * consolidated workbook converted to PDF by LibreOffice, checked from the PDF's text and page
 * sizes: A4; every column header of the report table on the report's first page; the national
 * motto on that page; the signature blocks on its last page; one unit's report on at most two
 * pages; the consolidated summary landscape and one page wide; no internal names.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { REPORT_HEADERS } from '../../src/domain/model';
import { HEAD_HINT, HEAD_TITLE, MOTTO, MOTTO_2, PREPARER_HINT, PREPARER_TITLE } from '../../src/domain/templatePrint';
import { ensureBuilt, tempDir, vr } from '../cli/helpers';
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

function expectOfficial(report: Page[]): void {
  const [first] = report;
  const last = report[report.length - 1];
  expect(report.length).toBeLessThanOrEqual(2);
  for (const p of report) expect(isA4(p)).toBe(true);
  expect(first.height).toBeGreaterThan(first.width);
  for (const header of REPORT_HEADERS) expect(first.text).toContain(header);
  expect(first.text).toContain(MOTTO);
  expect(first.text).toContain(MOTTO_2);
  expect(first.text).toMatch(/Từ Sơn, ngày …+ tháng …+ năm …+/);
  expect(first.text).toContain('THỊ XÃ TỪ SƠN');
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
