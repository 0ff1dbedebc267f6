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

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

/** The PDF's objects by number (LibreOffice writes plain objects, no object streams). */
function objectsOf(pdf: string): Map<number, PdfObject> {
  const bytes = fs.readFileSync(pdf);
  const text = bytes.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const re = /(\d+) 0 obj\b/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const end = text.indexOf('endobj', m.index);
    if (end < 0) break;
    const body = text.slice(m.index + m[0].length, end);
    const at = body.search(/stream\r?\n/);
    let stream: Buffer | null = null;
    if (at >= 0) {
      const start = m.index + m[0].length + at + (body[at + 6] === '\r' ? 8 : 7);
      const stop = text.lastIndexOf('endstream', end);
      try {
        stream = zlib.inflateSync(bytes.subarray(start, stop));
      } catch {
        stream = null; // not a Flate stream (an image, a font program)
      }
    }
    objects.set(Number(m[1]), { dict: at >= 0 ? body.slice(0, at) : body, stream });
    re.lastIndex = end;
  }
  return objects;
}

const refs = (text: string): number[] => [...text.matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]));

/** The font sizes (points) each page's text is set in, in page order. */
export function fontSizesByPage(pdf: string): number[][] {
  const objects = objectsOf(pdf);
  const root = [...objects.values()].find((o) => /\/Type\s*\/Pages\b/.test(o.dict) && !/\/Parent\b/.test(o.dict));
  if (!root) throw new Error(`${pdf}: no page tree`);
  const pages: number[][] = [];
  const walk = (dict: string): void => {
    const kids = /\/Kids\s*\[([^\]]*)\]/.exec(dict);
    for (const n of refs(kids?.[1] ?? '')) {
      const kid = objects.get(n)!;
      if (/\/Type\s*\/Pages\b/.test(kid.dict)) walk(kid.dict);
      else {
        const contents = /\/Contents\s*(\[[^\]]*\]|\d+ 0 R)/.exec(kid.dict)?.[1] ?? '';
        const sizes: number[] = [];
        for (const c of refs(contents)) {
          const body = objects.get(c)?.stream?.toString('latin1') ?? '';
          for (const t of body.matchAll(/\/[A-Za-z0-9_+-]+\s+(-?[\d.]+)\s+Tf\b/g)) sizes.push(Math.abs(Number(t[1])));
        }
        pages.push(sizes);
      }
    }
  };
  walk(root.dict);
  return pages;
}

/** Every font size (points) text is set in, over all pages. */
export function fontSizes(pdf: string): number[] {
  return fontSizesByPage(pdf).flat();
}
