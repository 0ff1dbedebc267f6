/**
 * Parts of an uploaded workbook that are not the workbook (issue 20, red team 9: a report
 * padded with 19.5 MB of random bytes was stored). A workbook is the parts its relationships
 * name; Excel, LibreOffice and the add-in never write anything else of size. Refused:
 * - a part no relationship names, larger than a leftover (64 KB);
 * - bytes outside every part (between entries, before the directory), beyond the headers'
 *   and a comment's share;
 * - more than 5 MB (compressed) of pictures, embedded files and other non-data parts: the
 *   inbox needs the registry and the report, not a scanned document.
 * Only the zip directory and the small `.rels` parts are read; nothing else is inflated.
 */
import * as yauzl from 'yauzl';
import { UserError } from '../domain/errors';

const KB = 1024;
const MB = 1024 * KB;
/** A part no relationship names may be a harmless leftover up to this size. */
export const UNREFERENCED_PART_LIMIT = 64 * KB;
/** Pictures, embedded files and the like: at most this much (compressed) in one upload. */
export const NON_DATA_LIMIT = 5 * MB;
/** Bytes outside every part beyond the zip headers (a zip comment is at most 64 KB). */
export const LOOSE_BYTES_LIMIT = 128 * KB;
/** A `.rels` part larger than this is not a relationships list. */
const RELS_LIMIT = 512 * KB;

/** Parts that carry the registry, the report and what Excel needs to open them. */
const DATA_PART = /^(?:\[Content_Types\]\.xml|(?:.*\/)?_rels\/[^/]*\.rels|docProps\/[^/]+\.xml|xl\/(?:workbook|styles|sharedStrings|calcChain)\.xml|xl\/(?:worksheets|tables|theme|printerSettings)\/[^/]+|xl\/worksheets\/_rels\/[^/]+)$/;

interface Entry {
  name: string;
  compressed: number;
  size: number;
  /** Local header, name, extra field and central record: what the zip itself takes. */
  overhead: number;
  rels: string | null;
}

function readText(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<string> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) return reject(err ?? new Error('no stream'));
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      stream.on('error', reject);
    });
  });
}

function entriesOf(buf: Buffer): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buf, { lazyEntries: true, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('not a zip'));
      const out: Entry[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        const base = {
          name: entry.fileName,
          compressed: entry.compressedSize,
          size: entry.uncompressedSize,
          // Local header (30) + name + extra (a local extra field may differ: count it twice),
          // data descriptor (16), central record (46) + name + extra + comment.
          overhead: 30 + 46 + 16 + 2 * (entry.fileNameLength + entry.extraFieldLength) + entry.fileCommentLength,
        };
        const isRels = /\.rels$/.test(entry.fileName) && entry.uncompressedSize <= RELS_LIMIT;
        if (!isRels) {
          out.push({ ...base, rels: null });
          zip.readEntry();
          return;
        }
        readText(zip, entry).then((text) => {
          out.push({ ...base, rels: text });
          zip.readEntry();
        }, reject);
      });
      zip.on('end', () => resolve(out));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** The value of `name="…"` inside one tag's text (no pattern: the text may be hostile). */
function attrValue(tag: string, name: string): string | null {
  for (let at = tag.indexOf(`${name}="`); at >= 0; at = tag.indexOf(`${name}="`, at + 1)) {
    const before = tag.charCodeAt(at - 1);
    if (before !== 32 && !(before >= 9 && before <= 13)) continue;
    const start = at + name.length + 2;
    const end = tag.indexOf('"', start);
    return end < 0 ? null : tag.slice(start, end);
  }
  return null;
}

/** Part names a `.rels` part points to, resolved against its source part's folder. */
export function relationshipTargets(relsName: string, xml: string): string[] {
  // `xl/_rels/workbook.xml.rels` describes `xl/workbook.xml`: targets are relative to `xl/`.
  const slash = relsName.lastIndexOf('_rels/');
  const base = slash >= 0 ? relsName.slice(0, slash) : '';
  const out: string[] = [];
  let at = 0;
  for (;;) {
    const open = xml.indexOf('<', at);
    if (open < 0) break;
    const close = xml.indexOf('>', open);
    if (close < 0) break;
    at = close + 1;
    const tag = xml.slice(open, close);
    if (!/^<(?:\w+:)?Relationship[\s/]/.test(tag.slice(0, 40))) continue;
    if (attrValue(tag, 'TargetMode') === 'External') continue;
    const target = attrValue(tag, 'Target');
    if (!target) continue;
    let decoded = target.replace(/&amp;/g, '&');
    try {
      decoded = decodeURIComponent(decoded);
    } catch {
      // keep as written
    }
    const parts = (decoded.startsWith('/') ? decoded.slice(1) : base + decoded).split('/');
    const resolved: string[] = [];
    for (const p of parts) {
      if (p === '..') resolved.pop();
      else if (p !== '.' && p !== '') resolved.push(p);
    }
    out.push(resolved.join('/'));
  }
  return out;
}

const mb = (n: number): string => (Math.round((n / MB) * 10) / 10).toLocaleString('vi-VN');
const mbEn = (n: number): string => String(Math.round((n / MB) * 10) / 10);

function refuse(code: 'unknown_part' | 'padded' | 'too_much_media', vi: string, en: string): UserError {
  return new UserError(code, vi, en);
}

/** Refuses a workbook carrying bytes that are not the workbook (see the file comment). */
export async function assertNoPadding(buf: Buffer, displayName: string): Promise<void> {
  let entries: Entry[];
  try {
    entries = await entriesOf(buf);
  } catch {
    return; // not a readable zip: the reader's own guards say so
  }
  const referenced = new Set<string>();
  for (const e of entries) if (e.rels !== null) for (const t of relationshipTargets(e.name, e.rels)) referenced.add(t);
  for (const e of entries) {
    // The package's own index and relationship lists are what names the parts.
    if (e.name.endsWith('/') || e.name === '[Content_Types].xml' || e.rels !== null || e.name.endsWith('.rels')) continue;
    if (!referenced.has(e.name) && Math.max(e.compressed, e.size) > UNREFERENCED_PART_LIMIT) {
      const shown = e.name.slice(0, 80);
      throw refuse(
        'unknown_part',
        `Tệp ${displayName} chứa một phần không thuộc sổ làm việc ("${shown}", ${mb(e.compressed)} MB): Excel không lưu tệp như vậy, tệp bị từ chối. Hãy mở bằng Excel, lưu thành tệp .xlsx mới rồi nộp lại.`,
        `${displayName} holds a part that is not part of the workbook ("${shown}", ${mbEn(e.compressed)} MB): Excel never saves such a file, so it was refused. Open it in Excel, save it as a new .xlsx and submit again.`,
      );
    }
  }
  const accounted = entries.reduce((n, e) => n + e.compressed + e.overhead, 22);
  const loose = buf.length - accounted;
  if (loose > LOOSE_BYTES_LIMIT) {
    throw refuse(
      'padded',
      `Tệp ${displayName} có ${mb(loose)} MB dữ liệu nằm ngoài mọi phần của sổ: tệp không bình thường, bị từ chối. Hãy mở bằng Excel, lưu thành tệp .xlsx mới rồi nộp lại.`,
      `${displayName} has ${mbEn(loose)} MB of bytes outside every part of the workbook: refused as abnormal. Open it in Excel, save it as a new .xlsx and submit again.`,
    );
  }
  const other = entries.filter((e) => !DATA_PART.test(e.name)).reduce((n, e) => n + e.compressed, 0);
  if (other > NON_DATA_LIMIT) {
    throw refuse(
      'too_much_media',
      `Tệp ${displayName} có ${mb(other)} MB hình ảnh, tệp nhúng hoặc nội dung khác ngoài số liệu (tối đa ${mb(NON_DATA_LIMIT)} MB): hộp thư chỉ cần sổ theo dõi và báo cáo. Hãy xoá hình ảnh, đối tượng nhúng rồi lưu và nộp lại.`,
      `${displayName} carries ${mbEn(other)} MB of pictures, embedded files or other content besides the data (at most ${mbEn(NON_DATA_LIMIT)} MB): the inbox needs only the registry and the report. Remove the pictures and embedded objects, save and submit again.`,
    );
  }
}
