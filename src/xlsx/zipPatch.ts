/**
 * Rewrites one part of an .xlsx and copies every other part byte for byte (still compressed).
 * `vr fill` changes only the report sheet: loading and re-saving the whole workbook with a
 * library would drop what the library does not model (charts, images, comments, pivot
 * tables a clerk added), so the rest of the file is left exactly as it was.
 */
import * as zlib from 'zlib';
import type { Readable } from 'stream';
import * as yauzl from 'yauzl';

interface RawEntry {
  entry: yauzl.Entry;
  raw: Buffer;
}

function readRaw(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // Stored entries are raw already; yauzl refuses `decompress: false` for them.
    const options = entry.compressionMethod === 0 ? {} : { decompress: false };
    zip.openReadStream(entry, options as yauzl.ZipFileOptions, (err, s?: Readable) => {
      if (err || !s) return reject(err);
      const chunks: Buffer[] = [];
      s.on('data', (c: Buffer) => chunks.push(c));
      s.on('end', () => resolve(Buffer.concat(chunks)));
      s.on('error', reject);
    });
  });
}

function readAll(buf: Buffer): Promise<RawEntry[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buf, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      const out: RawEntry[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        readRaw(zip, entry).then((raw) => {
          out.push({ entry, raw });
          zip.readEntry();
        }, reject);
      });
      zip.on('end', () => resolve(out));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

export function inflateEntry(e: RawEntry): Buffer {
  return e.entry.compressionMethod === 8 ? zlib.inflateRawSync(e.raw) : e.raw;
}

/** One part as it is stored in the archive: `data` already compressed when `method` is 8. */
export interface ZipPart {
  name: string;
  method: number;
  data: Buffer;
  crc: number;
  /** Uncompressed size. */
  size: number;
  time?: number;
  date?: number;
}

/** Local headers, central directory and end record for parts whose data is ready (no zip64). */
export function assembleZip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    if (p.size >= 0xffffffff || offset >= 0xffffffff) throw new Error('zip64 not supported');
    const flags = 0x0800; // UTF-8 names; sizes in the header (no data descriptor)
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(p.method, 8);
    local.writeUInt16LE(p.time ?? 0, 10);
    local.writeUInt16LE(p.date ?? 0, 12);
    local.writeUInt32LE(p.crc, 14);
    local.writeUInt32LE(p.data.length, 18);
    local.writeUInt32LE(p.size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, p.data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(p.method, 10);
    central.writeUInt16LE(p.time ?? 0, 12);
    central.writeUInt16LE(p.date ?? 0, 14);
    central.writeUInt32LE(p.crc, 16);
    central.writeUInt32LE(p.data.length, 20);
    central.writeUInt32LE(p.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + p.data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** A new zip: the parts `edit` returns a Buffer for are replaced (deflated), others copied raw. */
export async function patchZip(buf: Buffer, edit: (name: string, read: () => Buffer) => Buffer | null | undefined): Promise<Buffer> {
  const entries = await readAll(buf);
  return assembleZip(
    entries.map((e) => {
      const replaced = edit(e.entry.fileName, () => inflateEntry(e));
      return {
        name: e.entry.fileName,
        method: replaced ? 8 : e.entry.compressionMethod,
        data: replaced ? zlib.deflateRawSync(replaced) : e.raw,
        crc: replaced ? zlib.crc32(replaced) : e.entry.crc32,
        size: replaced ? replaced.length : e.entry.uncompressedSize,
        time: e.entry.lastModFileTime,
        date: e.entry.lastModFileDate,
      };
    }),
  );
}

/** The same zip with every stored (uncompressed) part deflated by Node's zlib at the default
 *  level; empty parts (folders) and parts already compressed are copied as they are. */
export async function deflateStoredParts(buf: Buffer): Promise<Buffer> {
  const entries = await readAll(buf);
  return assembleZip(
    entries.map((e) => {
      const deflate = e.entry.compressionMethod === 0 && e.raw.length > 0;
      return {
        name: e.entry.fileName,
        method: deflate ? 8 : e.entry.compressionMethod,
        data: deflate ? zlib.deflateRawSync(e.raw) : e.raw,
        crc: e.entry.crc32,
        size: e.entry.uncompressedSize,
        time: e.entry.lastModFileTime,
        date: e.entry.lastModFileDate,
      };
    }),
  );
}
