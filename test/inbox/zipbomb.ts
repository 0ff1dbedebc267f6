import zlib from 'node:zlib';

/**
 * A tiny .xlsx-looking zip whose one part inflates to `inflatedBytes` of spaces. With
 * `lie: true` the central directory declares the part small (a bomb that hides from a
 * size check and must be stopped while inflating). Built by hand, streamed through deflate, so
 * the test never holds the inflated size in memory.
 */
export async function zipBomb(inflatedBytes: number, lie = false): Promise<Buffer> {
  const chunk = Buffer.alloc(1024 * 1024, 0x20);
  const deflate = zlib.createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (d: Buffer) => out.push(d));
  const done = new Promise<void>((resolve) => deflate.on('end', resolve));
  let crc = 0;
  for (let written = 0; written < inflatedBytes; written += chunk.length) {
    const part = chunk.subarray(0, Math.min(chunk.length, inflatedBytes - written));
    crc = zlib.crc32(part, crc);
    if (!deflate.write(part)) await new Promise((r) => deflate.once('drain', r));
  }
  deflate.end();
  await done;
  const bomb = Buffer.concat(out);
  const small = { name: 'xl/workbook.xml', data: zlib.deflateRawSync(Buffer.from('<workbook/>')), size: 11, crc: zlib.crc32('<workbook/>') };
  const big = { name: 'xl/worksheets/sheet1.xml', data: bomb, size: lie ? 1000 : inflatedBytes, crc };
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of [small, big]) {
    const name = Buffer.from(entry.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(entry.crc >>> 0, 14);
    local.writeUInt32LE(entry.data.length, 18);
    local.writeUInt32LE(entry.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(entry.crc >>> 0, 16);
    central.writeUInt32LE(entry.data.length, 20);
    central.writeUInt32LE(entry.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, entry.data);
    centrals.push(central, name);
    offset += local.length + name.length + entry.data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(2, 8);
  end.writeUInt16LE(2, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
