/**
 * A minimal zip writer for tests: builds hostile archives (zip bombs, oversized sheets) that no
 * library would write on purpose. Stored or deflated entries, correct CRCs, one central directory.
 */
import * as zlib from 'zlib';
import * as yauzl from 'yauzl';
import { assembleZip } from '../../src/xlsx/zipPatch';

export interface ZipInput {
  name: string;
  data: Buffer;
}

export function makeZip(entries: ZipInput[]): Buffer {
  return assembleZip(
    entries.map((entry) => ({
      name: entry.name,
      method: 8,
      data: zlib.deflateRawSync(entry.data),
      crc: zlib.crc32(entry.data),
      size: entry.data.length,
    })),
  );
}

/** Every entry of a zip, inflated (for rewriting a real .xlsx in a test). */
export function readZip(buf: Buffer): Promise<ZipInput[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buf, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      const out: ZipInput[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            out.push({ name: entry.fileName, data: Buffer.concat(chunks) });
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(out));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}
