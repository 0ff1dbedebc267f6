/**
 * What a printed PDF says and how large it says it: each page's text and size (poppler's
 * pdftotext and pdfinfo), and the font sizes its text is drawn at, read from the page content
 * streams (LibreOffice writes each run's size, print scale included, in its `Tf` operator).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as zlib from 'zlib';

export interface Page {
  text: string;
  width: number;
  height: number;
}

/** Each page's text (whitespace collapsed: a wrapped header reads as one) and size in points. */
export function pagesOf(pdf: string): Page[] {
  const info = execFileSync('pdfinfo', ['-f', '1', '-l', '9999', pdf], { encoding: 'utf8' });
  const sizes = [...info.matchAll(/^Page\s+\d+\s+size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => [Number(m[1]), Number(m[2])]);
  return sizes.map(([width, height], i) => ({
    text: execFileSync('pdftotext', ['-raw', '-f', String(i + 1), '-l', String(i + 1), pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' '),
    width,
    height,
  }));
}

export const isA4 = (p: Page): boolean => Math.abs(Math.min(p.width, p.height) - 595.3) < 2 && Math.abs(Math.max(p.width, p.height) - 841.9) < 2;

/** Every font size (points) text is set in, over all content streams of the PDF. */
export function fontSizes(pdf: string): number[] {
  const bytes = fs.readFileSync(pdf);
  const sizes: number[] = [];
  const text = bytes.toString('latin1');
  const re = /stream\r?\n/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    let body: Buffer;
    try {
      body = zlib.inflateSync(bytes.subarray(start, end));
    } catch {
      continue; // not a Flate stream (an image, a font program)
    }
    for (const t of body.toString('latin1').matchAll(/\/[A-Za-z0-9_+-]+\s+(-?[\d.]+)\s+Tf\b/g)) sizes.push(Math.abs(Number(t[1])));
    re.lastIndex = end;
  }
  return sizes;
}
