import { createHash } from 'node:crypto';
import { sampleWorkbook, setRegistryCell, startTestInbox, XLSX, type TestInbox } from './helpers';

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

describe('POST /api/submissions', () => {
  let inbox: TestInbox;
  let token: string;
  let otherToken: string;
  let clean: Buffer;
  const upload = (body: Buffer, t = token, type = XLSX) =>
    inbox.request('POST', '/api/submissions', { headers: { authorization: `Bearer ${t}`, 'content-type': type, 'x-filename': 'So%20theo%20d%C3%B5i.xlsx' }, body });

  beforeAll(async () => {
    inbox = await startTestInbox();
    token = await inbox.addUnit('bac-ninh-2017', 'BN-TS');
    const second = inbox.ctx.config.profiles.find((p) => p.id === 'bac-ninh-2017')!.units.find((u) => u.code !== 'BN-TS')!;
    otherToken = await inbox.addUnit('bac-ninh-2017', second.code);
    clean = await sampleWorkbook({ rows: 30, seed: 7 });
  }, 60_000);
  afterAll(() => inbox.close());

  test('a clean workbook gets a receipt naming its SHA-256, version and summary', async () => {
    const res = await upload(clean);
    expect(res.status).toBe(200);
    const receipt = res.json();
    expect(receipt).toMatchObject({ sha256: sha(clean), unit_code: 'BN-TS', year: 2020, quarter: 3, version: 1, state: 'submitted' });
    expect(receipt.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(receipt.summary).toEqual(expect.objectContaining({ fatal: 0, error: 0 }));
    // Q3 2020 ended long before "now": the inbox's clock says late.
    expect(receipt.on_time).toBe(false);
    const [stored] = await inbox.ctx.store.listUnitVersions(1, 2020, 3);
    expect(stored.filename).toBe('So theo dõi.xlsx');
    expect((await inbox.ctx.files.read(stored.file_key)).equals(clean)).toBe(true);
  });

  test('the same bytes again, even concurrently, give the same receipt and one version', async () => {
    const replies = await Promise.all(Array.from({ length: 6 }, () => upload(clean)));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(new Set(replies.map((r) => r.json().id)).size).toBe(1);
    const unit = (await inbox.ctx.store.getUnit('bac-ninh-2017', 'BN-TS'))!;
    expect(await inbox.ctx.store.listUnitVersions(unit.id, 2020, 3)).toHaveLength(1);
  });

  test('the unit sees its own quarter; another unit sees nothing of it', async () => {
    const mine = await inbox.request('GET', '/api/units/me/submissions?year=2020&quarter=3', { headers: { authorization: `Bearer ${token}` } });
    expect(mine.json()).toMatchObject({ state: 'late', versions: [{ version: 1, state: 'submitted' }] });
    const theirs = await inbox.request('GET', '/api/units/me/submissions?year=2020&quarter=3', { headers: { authorization: `Bearer ${otherToken}` } });
    expect(theirs.json()).toMatchObject({ state: 'missing', versions: [] });
    const me = await inbox.request('GET', '/api/units/me', { headers: { authorization: `Bearer ${token}` } });
    expect(me.json()).toEqual({ unit_code: 'BN-TS', unit_name: 'Thị xã Từ Sơn', profile: 'bac-ninh-2017', province_code: 'BN' });
  });

  test("unit B cannot submit unit A's workbook (403) nor use staff routes (401)", async () => {
    const res = await upload(clean, otherToken);
    expect(res.status).toBe(403);
    expect(res.json()).toMatchObject({ error: 'forbidden', message_vi: expect.stringContaining('BN-TS') });
    const staff = await inbox.request('GET', '/api/staff/tracking?profile=bac-ninh-2017&year=2020&quarter=3', { headers: { authorization: `Bearer ${otherToken}` } });
    expect(staff.status).toBe(401);
    const file = await inbox.request('GET', `/api/staff/submissions/${(await upload(clean)).json().id}/file`, { headers: { authorization: `Bearer ${otherToken}` } });
    expect(file.status).toBe(401);
  });

  test('a workbook with errors is refused with its findings (422) and nothing is stored', async () => {
    const bad = await sampleWorkbook({ rows: 10, seed: 3, quarter: 2, edit: (spec) => setRegistryCell(spec, 0, 'sex', 'nu') });
    const before = await inbox.ctx.store.countVersions();
    const res = await upload(bad);
    expect(res.status).toBe(422);
    const body = res.json();
    expect(body.error).toBe('findings');
    expect(body.summary.error).toBeGreaterThan(0);
    expect(body.findings).toEqual(expect.arrayContaining([expect.objectContaining({ rule: 'REG-02', sheet: 'Sổ theo dõi', value: 'nu' })]));
    expect(body.message_vi).toMatch(/lỗi/);
    expect(await inbox.ctx.store.countVersions()).toBe(before);
  });

  test('a new version replaces nothing: both are kept and numbered', async () => {
    const v2 = await sampleWorkbook({ rows: 31, seed: 7 });
    const res = await upload(v2);
    expect(res.json()).toMatchObject({ version: 2, sha256: sha(v2) });
  });

  test('unusable input is refused clearly: not xlsx (400), old .xls (400), wrong content type (415), empty (400)', async () => {
    const text = await upload(Buffer.from('Họ và tên,Giới tính\nA,Nữ\n'));
    expect(text.status).toBe(400);
    expect(text.json().message_en).toMatch(/xlsx|CSV|text/i);
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]);
    const xls = await upload(ole, token, 'application/vnd.ms-excel');
    expect(xls.status).toBe(400);
    expect(xls.json().message_vi).toMatch(/xlsx/);
    const form = await upload(clean, token, 'text/plain');
    expect(form.status).toBe(415);
    expect(form.json()).toEqual(expect.objectContaining({ error: 'unsupported_media_type', message_vi: expect.any(String), message_en: expect.any(String) }));
    const empty = await upload(Buffer.alloc(0));
    expect(empty.status).toBe(400);
    for (const r of [text, xls, form, empty]) expect(r.body.toString()).not.toMatch(/\bat .+\.(ts|js):\d+/);
  });

  test('bad query parameters get a bilingual 400', async () => {
    const res = await inbox.request('GET', '/api/units/me/submissions?year=20x&quarter=9', { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({ error: 'bad_request', message_vi: expect.stringMatching(/quý/), message_en: expect.stringMatching(/quarter/) });
  });
});
