import { randomBytes } from 'node:crypto';
import * as zlib from 'node:zlib';
import { assembleZip, patchZip } from '../../src/xlsx/zipPatch';
import { relationshipTargets } from '../../src/xlsx/partsGuard';
import { sampleWorkbook, startTestInbox, XLSX, type TestInbox } from './helpers';

/**
 * What the inbox does not store (issue 20, red team 9): a quarter outside the plan or not yet
 * begun, a workbook padded with bytes that are not the workbook, and anything past a unit's
 * storage quota. Each is refused with a bilingual message that says what to do, and nothing is
 * stored.
 */

/** The sample's parts as stored, to rebuild the zip with more. */
async function withParts(base: Buffer, extra: { name: string; data: Buffer }[], edit?: (name: string, text: string) => string | null): Promise<Buffer> {
  const patched = edit ? await patchZip(base, (name, read) => {
    const next = edit(name, read().toString('utf8'));
    return next === null ? null : Buffer.from(next);
  }) : base;
  // Re-read the patched archive's parts and append the extra ones, stored (random bytes do not deflate).
  const yauzl = await import('yauzl');
  const parts = await new Promise<{ name: string; method: number; data: Buffer; crc: number; size: number }[]>((resolve, reject) => {
    yauzl.fromBuffer(patched, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      const out: { name: string; method: number; data: Buffer; crc: number; size: number }[] = [];
      zip.on('entry', (entry) => {
        zip.openReadStream(entry, (e, s) => {
          if (e || !s) return reject(e);
          const chunks: Buffer[] = [];
          s.on('data', (c: Buffer) => chunks.push(c));
          s.on('end', () => {
            const data = Buffer.concat(chunks);
            out.push({ name: entry.fileName, method: 8, data: zlib.deflateRawSync(data), crc: zlib.crc32(data), size: data.length });
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(out));
      zip.readEntry();
    });
  });
  return assembleZip([...parts, ...extra.map((x) => ({ name: x.name, method: 0, data: x.data, crc: zlib.crc32(x.data), size: x.data.length }))]);
}

/** `junk` bytes between the last part and the zip directory (every reader skips them). */
function padBeforeDirectory(zip: Buffer, junk: Buffer): Buffer {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const cdOffset = zip.readUInt32LE(eocd + 16);
  const out = Buffer.concat([zip.subarray(0, cdOffset), junk, zip.subarray(cdOffset)]);
  out.writeUInt32LE(cdOffset + junk.length, eocd + junk.length + 16);
  return out;
}

describe('quarters the inbox does not take', () => {
  let inbox: TestInbox;
  const tokens: Record<string, string> = {};
  const submit = (unit: string, body: Buffer) =>
    inbox.request('POST', '/api/submissions', { headers: { authorization: `Bearer ${tokens[unit]}`, 'content-type': XLSX, 'x-filename': 'so.xlsx' }, body });

  beforeAll(async () => {
    inbox = await startTestInbox({ judgeWorkers: 0 });
    tokens['BN-TS'] = await inbox.addUnit('bac-ninh-2017', 'BN-TS');
    // Today's plan: Phường Nha Trang (Khánh Hoà, 56).
    tokens['22366'] = await inbox.addUnit('vn-2025', '22366');
  }, 60_000);
  afterAll(() => inbox.close());

  test.each([
    [2001, 1],
    [2016, 4],
    [2021, 1],
  ])('%i Q%i on the 2017–2020 plan: refused (422), nothing stored', async (year, quarter) => {
    const r = await submit('BN-TS', await sampleWorkbook({ year, quarter, rows: 6, seed: year + quarter }));
    expect(r.status).toBe(422);
    expect(r.json()).toMatchObject({
      error: 'period_outside_plan',
      message_vi: expect.stringContaining(`quý ${quarter}/${year}, ngoài thời gian của kế hoạch bac-ninh-2017 (2017–2020)`),
      message_en: expect.stringContaining(`Q${quarter} ${year}, outside plan bac-ninh-2017 (2017–2020)`),
    });
    expect(await inbox.ctx.store.countVersions()).toBe(0);
  });

  test('a quarter of the plan that has not begun (vn-2025, 2030 Q4): refused with its start date', async () => {
    const r = await submit('22366', await sampleWorkbook({ profile: 'vn-2025', unit: '22366', year: 2030, quarter: 4, rows: 6, seed: 4 }));
    expect(r.status).toBe(422);
    expect(r.json()).toMatchObject({ error: 'period_not_begun', message_vi: expect.stringMatching(/quý 4\/2030 bắt đầu từ \d\d\/\d\d\/2030, chưa tới/), starts: expect.stringMatching(/^2030-/) });
    const refused = (await inbox.ctx.store.listAudit()).filter((e) => e.action === 'submit_refused').map((e) => e.detail.reason);
    expect(refused).toEqual(['period_not_begun', 'period_outside_plan', 'period_outside_plan', 'period_outside_plan']);
  });

  test('quarters of the plan that have begun are stored, on the old plan and on today’s', async () => {
    expect((await submit('BN-TS', await sampleWorkbook({ year: 2017, quarter: 1, rows: 6, seed: 7 }))).status).toBe(200);
    expect((await submit('22366', await sampleWorkbook({ profile: 'vn-2025', unit: '22366', year: 2025, quarter: 3, rows: 6, seed: 8 }))).status).toBe(200);
  });
});

describe('workbooks padded with bytes that are not the workbook', () => {
  let inbox: TestInbox;
  let token: string;
  let base: Buffer;
  const submit = (body: Buffer) => inbox.request('POST', '/api/submissions', { headers: { authorization: `Bearer ${token}`, 'content-type': XLSX, 'x-filename': 'so.xlsx' }, body });

  beforeAll(async () => {
    inbox = await startTestInbox({ judgeWorkers: 0 });
    token = await inbox.addUnit('bac-ninh-2017', 'BN-TS');
    base = await sampleWorkbook({ rows: 20, seed: 31 });
  }, 60_000);
  afterAll(() => inbox.close());

  test('19.5 MB of random bytes in a part nothing refers to: refused (400), nothing stored', async () => {
    const padded = await withParts(base, [{ name: 'xl/media/image1.png', data: randomBytes(19.5 * 1024 * 1024) }]);
    const r = await submit(padded);
    expect(r.status).toBe(400);
    expect(r.json()).toMatchObject({ error: 'unknown_part', message_vi: expect.stringContaining('xl/media/image1.png'), message_en: expect.stringContaining('save it as a new .xlsx') });
    expect(await inbox.ctx.store.countVersions()).toBe(0);
  }, 60_000);

  test('19.5 MB of random bytes between the parts and the zip directory: refused (400)', async () => {
    const r = await submit(padBeforeDirectory(base, randomBytes(19.5 * 1024 * 1024)));
    expect(r.status).toBe(400);
    expect(r.json()).toMatchObject({ error: 'padded', message_en: expect.stringContaining('outside every part') });
  }, 60_000);

  test('a picture the workbook refers to, of 6 MB: refused as more than the 5 MB of non-data content', async () => {
    const rel = '<Relationship Id="rIdPic" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/scan.png"/>';
    const padded = await withParts(base, [{ name: 'xl/media/scan.png', data: randomBytes(6 * 1024 * 1024) }], (name, text) =>
      name === 'xl/_rels/workbook.xml.rels' ? text.replace('</Relationships>', `${rel}</Relationships>`) : null,
    );
    const r = await submit(padded);
    expect(r.status).toBe(400);
    expect(r.json()).toMatchObject({ error: 'too_much_media', message_vi: expect.stringContaining('hình ảnh') });
  }, 60_000);

  test('the same workbook with a small picture it refers to, and the plain workbook, are stored', async () => {
    const rel = '<Relationship Id="rIdPic" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="../xl/media/logo.png"/>';
    const withLogo = await withParts(base, [{ name: 'xl/media/logo.png', data: randomBytes(200 * 1024) }], (name, text) =>
      name === 'xl/_rels/workbook.xml.rels' ? text.replace('</Relationships>', `${rel}</Relationships>`) : null,
    );
    expect((await submit(withLogo)).status).toBe(200);
    expect((await submit(base)).status).toBe(200);
  }, 60_000);

  test('relationship targets resolve against their part’s folder, absolute ones from the root', () => {
    const xml = '<Relationships><Relationship Id="a" Target="worksheets/sheet1.xml"/><Relationship Id="b" Target="/docProps/app.xml"/><Relationship Id="c" Target="../media/x.png"/><Relationship Id="d" TargetMode="External" Target="http://x/"/></Relationships>';
    expect(relationshipTargets('xl/_rels/workbook.xml.rels', xml)).toEqual(['xl/worksheets/sheet1.xml', 'docProps/app.xml', 'media/x.png']);
    expect(relationshipTargets('_rels/.rels', '<Relationships><Relationship Target="xl/workbook.xml" Id="x"/></Relationships>')).toEqual(['xl/workbook.xml']);
  });
});

describe('a storage quota per unit', () => {
  let inbox: TestInbox;
  let token: string;
  test('past the quota an upload is refused (507) with what is used, and nothing stored', async () => {
    const first = await sampleWorkbook({ rows: 20, seed: 41 });
    inbox = await startTestInbox({ judgeWorkers: 0, unitQuotaBytes: Math.round(first.length * 2.5) });
    try {
      token = await inbox.addUnit('bac-ninh-2017', 'BN-TS');
      const submit = (body: Buffer) => inbox.request('POST', '/api/submissions', { headers: { authorization: `Bearer ${token}`, 'content-type': XLSX }, body });
      expect((await submit(first)).status).toBe(200);
      expect((await submit(await sampleWorkbook({ rows: 20, seed: 42 }))).status).toBe(200);
      const r = await submit(await sampleWorkbook({ rows: 20, seed: 43 }));
      expect(r.status).toBe(507);
      expect(r.json()).toMatchObject({ error: 'quota', message_vi: expect.stringContaining('liên hệ Sở'), message_en: expect.stringContaining('Contact the province') });
      expect(await inbox.ctx.store.countVersions()).toBe(2);
      // A retry of bytes already stored is still answered with its receipt.
      expect((await submit(first)).status).toBe(200);
    } finally {
      await inbox.close();
    }
  }, 60_000);

  test('the quota is a setting (VR_INBOX_UNIT_QUOTA_MB), 200 MB by default', async () => {
    const { loadConfig } = await import('../../src/inbox/config');
    expect(loadConfig({ dataDir: '/tmp/x' }, {}).unitQuotaBytes).toBe(200 * 1024 * 1024);
    expect(loadConfig({ dataDir: '/tmp/x' }, { VR_INBOX_UNIT_QUOTA_MB: '50' }).unitQuotaBytes).toBe(50 * 1024 * 1024);
  });
});
