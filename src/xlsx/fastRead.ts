/**
 * Reads a (guarded) .xlsx buffer into the sheet model with the lean scanner of sheetXml.ts:
 * workbook.xml gives the sheet order, names and visibility, the relationships give each sheet's
 * part, sharedStrings and styles give strings and date formats, and every worksheet streams
 * through the scanner. read.ts falls back to exceljs if this ever fails on an odd file.
 */
import { StringDecoder } from 'string_decoder';
import type { Readable } from 'stream';
import * as yauzl from 'yauzl';
import * as zlib from 'zlib';
import { MAX_ROWS, type CellValue, type SheetModel, type SheetVisibility, type WorkbookModel } from '../domain/sheet';
import { SheetScanner, type ScanContext } from './sheetScan';
import { attr, decodeXml, parseDateStyles, parseSharedStrings } from './sheetXml';

export class TooManyRows extends Error {
  constructor(readonly sheet: string) {
    super(`too many rows in ${sheet}`);
  }
}

/** Two sheets of workbook.xml name the same worksheet part. */
export class SharedPart extends Error {
  constructor(readonly part: string) {
    super(`part ${part} is referenced by more than one sheet`);
  }
}

function openZip(buf: Buffer): Promise<{ zip: yauzl.ZipFile; entries: Map<string, yauzl.Entry> }> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buf, { lazyEntries: true, autoClose: false }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('zip'));
      const entries = new Map<string, yauzl.Entry>();
      zip.on('entry', (entry: yauzl.Entry) => {
        entries.set(entry.fileName, entry);
        zip.readEntry();
      });
      zip.on('end', () => resolve({ zip, entries }));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** Inflated output chunk size. yauzl's own inflater hands out 16 KB chunks; a read of the
 *  1,000-row sample spent a fifth of its time in per-chunk zlib callbacks and string joins.
 *  Under 128 KB, though: V8 allocates a longer string (each decoded chunk, and the scanner's
 *  tail + chunk) as a large object of its own, and a 100,000-row read spent ≈1.5 s of CPU on
 *  that (decoding and joining 6.9 MB of sheet XML: 160 ms at 256 KB, 1.3 ms at 64 KB). */
const CHUNK = 64 * 1024;

function stream(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  const deflated = entry.compressionMethod === 8;
  return new Promise((resolve, reject) =>
    zip.openReadStream(entry, deflated ? { decompress: false } : {}, (err, s) => {
      if (err || !s) return reject(err);
      if (!deflated) return resolve(s);
      const inflate = zlib.createInflateRaw({ chunkSize: CHUNK });
      s.on('error', (e) => inflate.destroy(e));
      resolve(s.pipe(inflate));
    }),
  );
}

/** Parts up to this size (inflated) are inflated in one call, the larger ones streamed. A
 *  1,000-row upload's parts are all small: per-chunk stream and thread-pool round trips cost the
 *  inbox more CPU than the inflating itself. The sheets of a 100,000-row register (tens of MB)
 *  still stream, so their XML is never held whole. */
const WHOLE_PART_BYTES = 4 * 1024 * 1024;

/** The stored (compressed) bytes of an entry. */
function rawBytes(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Buffer> {
  const deflated = entry.compressionMethod === 8;
  return new Promise((resolve, reject) =>
    zip.openReadStream(entry, deflated ? { decompress: false } : {}, (err, s) => {
      if (err || !s) return reject(err);
      const chunks: Buffer[] = [];
      s.on('data', (c: Buffer) => chunks.push(c));
      s.on('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
      s.on('error', reject);
    }),
  );
}

async function eachChunk(zip: yauzl.ZipFile, entry: yauzl.Entry, onText: (text: string) => void): Promise<void> {
  if (entry.uncompressedSize <= WHOLE_PART_BYTES) {
    const raw = await rawBytes(zip, entry);
    const data = entry.compressionMethod === 8 ? zlib.inflateRawSync(raw, { maxOutputLength: entry.uncompressedSize + 1 }) : raw;
    // The inflated size must be the one the central directory declares (and guard.ts checked).
    if (data.length !== entry.uncompressedSize) throw new Error(`wrong size of ${entry.fileName}`);
    const decoder = new StringDecoder('utf8');
    for (let at = 0; at < data.length; at += CHUNK) onText(decoder.write(data.subarray(at, Math.min(at + CHUNK, data.length))));
    onText(decoder.end());
    return;
  }
  const s = await stream(zip, entry);
  const decoder = new StringDecoder('utf8');
  // The inflated size must be the one the central directory declares (and guard.ts checked),
  // as yauzl's own check would have enforced.
  let inflated = 0;
  await new Promise<void>((resolve, reject) => {
    s.on('data', (chunk: Buffer) => {
      try {
        inflated += chunk.length;
        if (inflated > entry.uncompressedSize) throw new Error(`too many bytes in ${entry.fileName}`);
        onText(decoder.write(chunk));
      } catch (error) {
        s.destroy();
        reject(error);
      }
    });
    s.on('end', () => {
      try {
        if (inflated !== entry.uncompressedSize) throw new Error(`not enough bytes in ${entry.fileName}`);
        onText(decoder.end());
        resolve();
      } catch (error) {
        reject(error);
      }
    });
    s.on('error', reject);
  });
}

async function text(zip: yauzl.ZipFile, entries: Map<string, yauzl.Entry>, name: string): Promise<string | null> {
  const entry = entries.get(name);
  if (!entry) return null;
  const parts: string[] = [];
  await eachChunk(zip, entry, (t) => parts.push(t));
  return parts.join('');
}

/** `worksheets/sheet1.xml` or `/xl/worksheets/sheet1.xml` to the zip path. */
function partPath(target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = ['xl', ...target.split('/')];
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

function visibility(state: string | null): SheetVisibility {
  return state === 'veryHidden' ? 'veryHidden' : state === 'hidden' ? 'hidden' : 'visible';
}

/** Each `<sheet>` of workbook.xml with the zip part its relationship points to (null when the
 *  relationship is missing). */
export interface SheetRef {
  name: string;
  state: string | null;
  part: string | null;
}

export function sheetRefs(workbook: string, rels: string): SheetRef[] {
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<(?:\w+:)?Relationship\s([^>]*?)\/?>/g)) {
    const id = attr(m[1], 'Id');
    const target = attr(m[1], 'Target');
    if (id && target) targets.set(id, partPath(target));
  }
  const out: SheetRef[] = [];
  for (const m of workbook.matchAll(/<(?:\w+:)?sheet\s([^>]*?)\/?>/g)) {
    const rid = /(?:^|\s)[\w]+:id="([^"]*)"/.exec(m[1])?.[1] ?? '';
    out.push({ name: decodeXml(attr(m[1], 'name') ?? '').normalize('NFC'), state: attr(m[1], 'state'), part: targets.get(rid) ?? null });
  }
  return out;
}

/** The text of workbook.xml and its relationships (what `sheetRefs` reads). */
export async function workbookXml(buf: Buffer): Promise<{ workbook: string; rels: string }> {
  const { zip, entries } = await openZip(buf);
  try {
    return {
      workbook: (await text(zip, entries, 'xl/workbook.xml')) ?? '',
      rels: (await text(zip, entries, 'xl/_rels/workbook.xml.rels')) ?? '',
    };
  } finally {
    zip.close();
  }
}

/** Zip part path of each sheet, by NFC sheet name (for patching one sheet in place). */
export async function sheetParts(buf: Buffer): Promise<Map<string, string>> {
  const { workbook, rels } = await workbookXml(buf);
  const out = new Map<string, string>();
  for (const ref of sheetRefs(workbook, rels)) if (ref.part) out.set(ref.name, ref.part);
  return out;
}

/** An opened workbook: its zip, its sheets as workbook.xml lists them, and what every sheet's
 *  cells need (shared strings, date styles, the 1904 flag). */
export interface OpenedWorkbook {
  zip: yauzl.ZipFile;
  entries: Map<string, yauzl.Entry>;
  refs: SheetRef[];
  ctx: ScanContext;
  /** Parts read so far: each is inflated once (`readSheet` refuses a second read). */
  read: Set<string>;
}

export async function openWorkbook(buf: Buffer): Promise<OpenedWorkbook> {
  const { zip, entries } = await openZip(buf);
  try {
    const workbook = (await text(zip, entries, 'xl/workbook.xml')) ?? '';
    const rels = (await text(zip, entries, 'xl/_rels/workbook.xml.rels')) ?? '';
    const pr = /<(?:\w+:)?workbookPr\s([^>]*?)\/?>/.exec(workbook);
    const date1904 = pr ? ['1', 'true'].includes(attr(pr[1], 'date1904') ?? '') : false;
    const ctx: ScanContext = {
      shared: parseSharedStrings((await text(zip, entries, 'xl/sharedStrings.xml')) ?? ''),
      dateStyles: parseDateStyles((await text(zip, entries, 'xl/styles.xml')) ?? ''),
      date1904,
      dates: new Map(),
    };
    return { zip, entries, refs: sheetRefs(workbook, rels), ctx, read: new Set() };
  } catch (error) {
    zip.close();
    throw error;
  }
}

/** An empty sheet model for a `<sheet>` of workbook.xml (its rows still to be read). */
export function emptySheet(ref: SheetRef): SheetModel {
  return { name: ref.name, rows: [], visibility: visibility(ref.state) };
}

/**
 * Reads one sheet's cells. Without `onCells` its rows are returned as the sheet model's grid;
 * with it, each non-empty row goes to `onCells` as it is scanned (in document order) and the
 * grid stays empty. A sheet whose part is missing has no rows.
 */
export async function readSheet(wb: OpenedWorkbook, ref: SheetRef, onCells?: (row0: number, cells: CellValue[]) => void): Promise<CellValue[][]> {
  const { name, part } = ref;
  const entry = part ? wb.entries.get(part) : undefined;
  if (!entry || !part) return [];
  // Each part is inflated once: a workbook whose sheets share a part (guard.ts refuses it
  // first) cannot make the reader inflate one part a thousand times.
  if (wb.read.has(part)) throw new SharedPart(part);
  wb.read.add(part);
  const scanner = new SheetScanner(
    wb.ctx,
    (row1) => {
      if (row1 > MAX_ROWS) throw new TooManyRows(name);
    },
    onCells,
  );
  await eachChunk(wb.zip, entry, (t) => scanner.push(t));
  return scanner.end();
}

export async function readXlsxFast(buf: Buffer): Promise<WorkbookModel> {
  const wb = await openWorkbook(buf);
  try {
    const sheets: SheetModel[] = [];
    for (const ref of wb.refs) sheets.push({ ...emptySheet(ref), rows: await readSheet(wb, ref) });
    if (sheets.length === 0) throw new Error('no sheets in workbook.xml');
    return { sheets };
  } finally {
    wb.zip.close();
  }
}
