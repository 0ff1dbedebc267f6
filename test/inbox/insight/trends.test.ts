import ExcelJS from 'exceljs';
import { randomBytes } from 'node:crypto';
import { buildReport } from '../../../src/domain/report';
import { parseWorkbook } from '../../../src/domain/parse';
import { Insight } from '../../../src/inbox/insight/service';
import { isProtected } from '../../../src/domain/smallCounts';
import { getProfile } from '../../../src/profiles';
import { readWorkbookBuffer } from '../../../src/xlsx/read';
import { sampleWorkbook, startTestInbox, XLSX, type TestInbox } from '../helpers';

/** The trend charts' figures at the inbox: accepted submissions only, the province the sum of
 *  its units, and a download that shows 1–4 as `<5` unless staff ask otherwise (audited). */
describe('trends of the main indicators', () => {
  const profile = getProfile('bac-ninh-2017')!;
  let inbox: TestInbox;
  let tokens: Record<string, string>;
  let staff: { cookie: string; csrf: string };
  const expected: Record<string, number> = {};

  const upload = async (unit: string, year: number, quarter: number, rows: number) => {
    const body = await sampleWorkbook({ unit, quarter, year, rows, seed: 7 * year + quarter + rows });
    const res = await inbox.request('POST', '/api/submissions', { headers: { authorization: `Bearer ${tokens[unit]}`, 'content-type': XLSX }, body });
    if (res.status !== 200) throw new Error(`upload ${res.status} ${res.body.toString()}`);
    // Row 1 of the report this workbook gives, computed here from the workbook itself.
    const parsed = parseWorkbook(await readWorkbookBuffer(body), profile);
    expected[`${unit} ${year}-${quarter}`] = buildReport(parsed.registry.records, parsed.support.records, profile, year, quarter).counts['1'].total;
    return res.json().id as string;
  };
  const decide = (id: string, action: 'accept' | 'return') =>
    inbox.request('POST', `/api/staff/submissions/${id}/${action}`, {
      headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrf },
      body: action === 'return' ? { reason: 'Thiếu dòng hỗ trợ' } : {},
    });
  const get = (url: string) => inbox.request('GET', url, { headers: { cookie: staff.cookie } });

  beforeAll(async () => {
    inbox = await startTestInbox({ encryptionKey: randomBytes(32) });
    tokens = {};
    for (const unit of ['BN-TS', 'BN-TP', 'BN-TD', 'BN-YP']) tokens[unit] = await inbox.addUnit('bac-ninh-2017', unit);
    await inbox.addStaff('lan', 'một mật khẩu dài');
    staff = await inbox.login('lan', 'một mật khẩu dài');
    // Accepted: BN-TS in 2019 Q4 and 2020 Q1 (small), BN-TP in 2020 Q1 (larger); in 2020 Q1 all
    // four units of the plan are accepted, so that quarter is final (closed).
    for (const [unit, year, quarter, rows] of [['BN-TS', 2019, 4, 5], ['BN-TS', 2020, 1, 5], ['BN-TP', 2020, 1, 40], ['BN-TD', 2020, 1, 30], ['BN-YP', 2020, 1, 6]] as const) {
      expect((await decide(await upload(unit, year, quarter, rows), 'accept')).status).toBe(200);
    }
    // Returned, and merely submitted: neither counts.
    expect((await decide(await upload('BN-TP', 2020, 2, 30), 'return')).status).toBe(200);
    await upload('BN-TS', 2020, 2, 9);
  }, 120_000);
  afterAll(() => inbox.close());

  test('the last 8 quarters, from accepted reports only; the province is the sum of its units', async () => {
    const res = await get('/api/staff/insight/trends?profile=bac-ninh-2017&year=2020&quarter=2');
    expect(res.status).toBe(200);
    const t = res.json();
    expect(t.quarters.map((q: { year: number; quarter: number }) => `${q.year}-${q.quarter}`)).toEqual([
      '2018-3', '2018-4', '2019-1', '2019-2', '2019-3', '2019-4', '2020-1', '2020-2',
    ]);
    expect(t.quarters.map((q: { accepted: number }) => q.accepted)).toEqual([0, 0, 0, 0, 0, 1, 4, 0]);
    expect(t.quarters.map((q: { closed: boolean }) => q.closed)).toEqual([false, false, false, false, false, false, true, false]);
    const ts = t.units.find((u: { unit_code: string }) => u.unit_code === 'BN-TS');
    const tp = t.units.find((u: { unit_code: string }) => u.unit_code === 'BN-TP');
    expect(ts.values['1'].slice(5)).toEqual([expected['BN-TS 2019-4'], expected['BN-TS 2020-1'], null]);
    expect(tp.values['1'].slice(5)).toEqual([null, expected['BN-TP 2020-1'], null]);
    const q1 = ['BN-TS', 'BN-TP', 'BN-TD', 'BN-YP'].reduce((s, u) => s + expected[`${u} 2020-1`], 0);
    expect(t.province.values['1'].slice(5)).toEqual([expected['BN-TS 2019-4'], q1, null]);
    expect(t.rows.map((r: { code: string }) => r.code)).toEqual(expect.arrayContaining(['1', '2.1', '5.1', '4.1', '6.1', '6.2', '6.3']));
    // Nothing but figures leaves the inbox: no case ID, name or date in the answer.
    expect(res.body.toString()).not.toMatch(/BN-TS-\d{4}-\d{4}|\d{4}-\d{2}-\d{2}/);
  });

  test('after a restart the figures come from the database: no workbook is read again', async () => {
    const before = (await get('/api/staff/insight/trends?profile=bac-ninh-2017&year=2020&quarter=2')).json();
    const reads: string[] = [];
    const restarted = new Insight({
      ...inbox.ctx,
      files: { ...inbox.ctx.files, read: async (key: string) => (reads.push(key), inbox.ctx.files.read(key)) },
    });
    const after = await restarted.trends(profile, { year: 2020, quarter: 2 });
    expect(JSON.parse(JSON.stringify(after))).toEqual(before);
    expect(reads).toEqual([]);
    // OUT-01 reads its history's figures the same way.
    await restarted.outliers(profile, { year: 2020, quarter: 1 });
    expect(reads).toEqual([]);
  });

  test('two requests at once read each workbook once, and keep the figures for the next process', async () => {
    const accepted = (
      await Promise.all([[2019, 4], [2020, 1]].map(([y, q]) => inbox.ctx.store.listPeriodVersions('bac-ninh-2017', y, q)))
    )
      .flat()
      .filter((v) => v.state === 'accepted');
    expect(accepted).toHaveLength(5);
    // Figures of another schema (as after an upgrade that computes them differently) are not used.
    for (const v of accepted) await inbox.ctx.store.putFigures(v.id, 0, '{}');
    const reads: string[] = [];
    const spy = () => new Insight({ ...inbox.ctx, files: { ...inbox.ctx.files, read: async (key: string) => (reads.push(key), inbox.ctx.files.read(key)) } });
    const fresh = spy();
    const [a, b] = await Promise.all([fresh.trends(profile, { year: 2020, quarter: 2 }), fresh.trends(profile, { year: 2020, quarter: 2 })]);
    expect(a).toEqual(b);
    expect(reads.sort()).toEqual(accepted.map((v) => v.file_key).sort());
    reads.length = 0;
    await spy().trends(profile, { year: 2020, quarter: 2 });
    expect(reads).toEqual([]);
  });

  const workbookCells = async (url: string) => {
    const res = await get(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('xu-huong-bac-ninh-2017-2020-Q2.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const cells: { code: string; unit: string; values: ExcelJS.CellValue[] }[] = [];
    let unit = '';
    // The table starts below its header row (`Đơn vị` / `Unit` in column A), under the letterhead.
    let head = 0;
    ws.eachRow((row, r) => {
      if (!head && ['Đơn vị', 'Unit'].includes(String(row.getCell(1).value))) head = r;
    });
    ws.eachRow((row, r) => {
      if (r <= head) return;
      if (row.getCell(1).value) unit = String(row.getCell(1).value);
      cells.push({ code: String(row.getCell(2).value ?? ''), unit, values: (row.values as ExcelJS.CellValue[]).slice(4, 12) });
    });
    return { ws, cells, head };
  };

  test('the download publishes final quarters only, with 1–4 as <5 and no hidden figure the province total would tell; the sheet says so', async () => {
    const { ws, cells, head } = await workbookCells('/api/staff/export/trends.xlsx?profile=bac-ninh-2017&year=2020&quarter=2');
    expect(ws.pageSetup.paperSize).toBe(9);
    // Decree 30/2020 letterhead: the province's People's Committee over the department, the motto.
    expect([ws.getCell('A1').value, ws.getCell('A2').value, ws.getCell('C1').value, ws.getCell('C2').value]).toEqual([
      'UBND TỈNH BẮC NINH', 'SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc',
    ]);
    expect(String(ws.getCell(`A${head - 1}`).value)).toContain('<5: từ 1 đến 4 người');
    expect(String(ws.getCell(`A${head - 1}`).value)).toContain('quý chưa chốt');
    const counts = cells.filter((c) => c.code && !c.code.startsWith('6')).flatMap((c) => c.values);
    expect(counts.filter((v) => typeof v === 'number' && v > 0 && v < 5)).toEqual([]);
    // 2019 Q4 is not final (one unit of four accepted): not published, though BN-TS has a figure.
    const tsRow1 = cells.find((c) => c.unit.startsWith('BN-TS') && c.code === '1')!;
    expect(tsRow1.values[5]).toBe('…');
    // 2020 Q1 is final: each unit's row 1 is published, and the total cannot tell a <5.
    const units = ['BN-TD', 'BN-TP', 'BN-TS', 'BN-YP'];
    const values = units.map((u) => expected[`${u} 2020-1`]);
    const marks = units.map((u) => cells.find((c) => c.unit.startsWith(u) && c.code === '1')!.values[6]);
    const province = cells.find((c) => c.unit.startsWith('Toàn tỉnh') && c.code === '1')!.values[6];
    marks.forEach((m, i) => expect(m === values[i] || (m === '<5' && values[i] >= 1 && values[i] <= 4) || m === 'x').toBe(true));
    // An `x` beside shown figures hides 5 or more; `x` on every unit is no breakdown at all.
    const noBreakdown = marks.every((m) => m === 'x');
    const pub = {
      province: province === '<5' ? ('small' as const) : ('value' as const),
      units: marks.map((m) => (m === '<5' ? ('small' as const) : m !== 'x' ? ('value' as const) : noBreakdown ? ('withheld' as const) : ('secondary' as const))),
    };
    expect({ values, marks, province, protected: isProtected(values, pub) }).toMatchObject({ protected: true });
    expect(marks.some((m) => m === '<5' || m === 'x')).toBe(true);
  });

  test('staff may ask for exact figures: the sheet says it is internal, and the audit log records the choice', async () => {
    const { ws, cells, head } = await workbookCells('/api/staff/export/trends.xlsx?profile=bac-ninh-2017&year=2020&quarter=2&small=show&lang=en');
    expect(String(ws.getCell(`A${head - 1}`).value)).toContain('internal use only');
    expect(ws.getCell(`C${head}`).value).toBe('Indicator');
    const tsRow1 = cells.find((c) => c.unit.startsWith('BN-TS') && c.code === '1')!;
    expect(tsRow1.values[5]).toBe(expected['BN-TS 2019-4']);
    const events = get('/api/staff/audit?limit=20');
    const exports = (await events).json().events.filter((e: { action: string; detail: { format?: string } }) => e.action === 'export' && e.detail.format === 'trends');
    expect(exports.map((e: { detail: { small: string } }) => e.detail.small).sort()).toEqual(['mask', 'show']);
  });

  test('both need a staff session; a bad setting is a bilingual 400', async () => {
    expect((await inbox.request('GET', '/api/staff/insight/trends?profile=bac-ninh-2017&year=2020&quarter=2')).status).toBe(401);
    expect((await inbox.request('GET', '/api/staff/export/trends.xlsx?profile=bac-ninh-2017&year=2020&quarter=2')).status).toBe(401);
    const bad = await get('/api/staff/export/trends.xlsx?profile=bac-ninh-2017&year=2020&quarter=2&small=maybe');
    expect(bad.status).toBe(400);
    expect(bad.json()).toMatchObject({ message_vi: expect.any(String), message_en: expect.any(String) });
  });
});
