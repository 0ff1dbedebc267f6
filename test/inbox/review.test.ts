import '../../src/profiles/officialAll';
import { readReportSheet } from '../../src/domain/reportSheet';
import { SHEET, findSheet } from '../../src/domain/sheet';
import { readWorkbookBuffer } from '../../src/xlsx/read';
import { sampleWorkbook, setRegistryCell, startTestInbox, XLSX, type TestInbox } from './helpers';

/**
 * "Xem bản nộp" (docs/inbox.md): staff read a stored version's findings and its quarterly report in
 * the browser, audited like a download; a unit reads its own versions only. On a commune of the
 * two-level plan (Khánh Hoà, Phường Nha Trang 22366) and on a district plan (Bắc Ninh, BN-TS).
 */
describe('reading a submission in the browser', () => {
  let inbox: TestInbox;
  let tokens: Record<string, string>;
  let staff: { cookie: string; csrf: string };
  let body: Buffer;
  const get = (url: string, headers: Record<string, string>) => inbox.request('GET', url, { headers });

  beforeAll(async () => {
    inbox = await startTestInbox();
    tokens = { nhaTrang: await inbox.addUnit('vn-2025', '22366'), bacNhaTrang: await inbox.addUnit('vn-2025', '22333'), tuSon: await inbox.addUnit('bac-ninh-2017', 'BN-TS') };
    await inbox.addStaff('hoa', 'một mật khẩu dài', 'staff');
    staff = await inbox.login('hoa', 'một mật khẩu dài');
    // A consent left empty: CNS-01, a warning that does not block the upload.
    body = await sampleWorkbook({ profile: 'vn-2025', unit: '22366', year: 2026, quarter: 3, rows: 12, seed: 5, edit: (s) => setRegistryCell(s, 3, 'consent_share', null) });
  }, 60_000);
  afterAll(() => inbox.close());

  const upload = async (token: string, bytes: Buffer) => {
    const res = await inbox.request('POST', '/api/submissions', { headers: { authorization: `Bearer ${token}`, 'content-type': XLSX }, body: bytes });
    expect(res.status).toBe(200);
    return res.json() as { id: string; summary: { warning: number } };
  };

  test('staff see every finding at its cell, words in both languages, and the report exactly as the sheet holds it', async () => {
    const receipt = await upload(tokens.nhaTrang, body);
    expect(receipt.summary.warning).toBeGreaterThan(0);
    const res = await get(`/api/staff/submissions/${receipt.id}/review`, { cookie: staff.cookie });
    expect(res.status).toBe(200);
    const review = res.json();
    expect(review).toMatchObject({ unit_code: '22366', unit_name: 'Phường Nha Trang', profile: 'vn-2025', year: 2026, quarter: 3, deadline: '2026-09-20' });
    expect(review.versions.map((v: { version: number }) => v.version)).toEqual([1]);
    // The warnings the receipt counted, each at its cell with its words.
    expect(review.summary).toEqual(receipt.summary);
    const cns = review.findings.find((f: { rule: string }) => f.rule === 'CNS-01');
    expect(cns).toMatchObject({ severity: 'warning', sheet: 'Sổ theo dõi', cell: expect.stringMatching(/^[A-Z]+\d+$/) });
    expect(cns.message_vi.length).toBeGreaterThan(10);
    // The report's figures are those of the sheet, row by row.
    const sheet = readReportSheet(findSheet(await readWorkbookBuffer(body), SHEET.report));
    const total = sheet.sheet!.rows[sheet.rows['1']][sheet.columns.total!];
    expect(review.report.found).toBe(true);
    expect(review.report.filled).toBe(true);
    expect(review.report.rows[0]).toMatchObject({ code: '1', label_vi: 'Số người được tiếp nhận trong kỳ', present: true, figures: { total } });
    expect(review.report.rows.map((r: { code: string }) => r.code)).toEqual(expect.arrayContaining(['1', '2.1', '4.11', '6.1', '7.3']));
  });

  test('each view is in the audit log like a download: who, which version; no name, no figure', async () => {
    const [version] = await inbox.ctx.store.listPeriodVersions('vn-2025', 2026, 3);
    await get(`/api/staff/submissions/${version.id}/review`, { cookie: staff.cookie });
    const events = (await inbox.ctx.store.listAudit({ target: version.id })).filter((e) => e.action === 'view');
    expect(events[0]).toMatchObject({ actor_role: 'staff', actor: 'hoa', detail: { unit_code: '22366', version: 1 } });
    expect(JSON.stringify(events[0].detail)).not.toMatch(/Nguyễn|Trần|Lê /);
  });

  test('a unit reads its own versions only; strangers read none', async () => {
    const [version] = await inbox.ctx.store.listPeriodVersions('vn-2025', 2026, 3);
    const own = await get(`/api/units/me/submissions/${version.id}/review`, { authorization: `Bearer ${tokens.nhaTrang}` });
    expect(own.status).toBe(200);
    expect(own.json().findings.some((f: { rule: string }) => f.rule === 'CNS-01')).toBe(true);
    expect((await get(`/api/units/me/submissions/${version.id}/review`, { authorization: `Bearer ${tokens.bacNhaTrang}` })).status).toBe(404);
    expect((await get(`/api/staff/submissions/${version.id}/review`, {})).status).toBe(401);
    expect((await get('/api/staff/submissions/00000000-0000-4000-8000-000000000000/review', { cookie: staff.cookie })).status).toBe(404);
    const units = (await inbox.ctx.store.listAudit({ target: version.id })).filter((e) => e.action === 'view' && e.actor_role === 'unit');
    expect(units.map((e) => e.actor)).toEqual(['22366']);
  });

  test('a district plan: the report rows follow its law (4.1–4.8 of the 2011 law), versions listed oldest first', async () => {
    const first = await upload(tokens.tuSon, await sampleWorkbook({ profile: 'bac-ninh-2017', unit: 'BN-TS', year: 2020, quarter: 3, rows: 10, seed: 1 }));
    await inbox.request('POST', `/api/staff/submissions/${first.id}/return`, { headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrf }, body: { reason: 'Bổ sung' } });
    const second = await upload(tokens.tuSon, await sampleWorkbook({ profile: 'bac-ninh-2017', unit: 'BN-TS', year: 2020, quarter: 3, rows: 11, seed: 1 }));
    const review = (await get(`/api/staff/submissions/${second.id}/review`, { cookie: staff.cookie })).json();
    expect(review.versions.map((v: { version: number; state: string }) => [v.version, v.state])).toEqual([[1, 'returned'], [2, 'submitted']]);
    expect(review.version.version).toBe(2);
    const supports = review.report.rows.filter((r: { code: string }) => r.code.startsWith('4.')).map((r: { code: string }) => r.code);
    expect(supports).toEqual(['4.1', '4.2', '4.3', '4.4', '4.5', '4.6', '4.7', '4.8']);
  });

  test('the staff page learns which plans the inbox has units for (registered or expected)', async () => {
    const res = await get('/api/staff/plans', { cookie: staff.cookie });
    expect(res.json()).toEqual({ plans: ['bac-ninh-2017', 'vn-2025'] });
    await inbox.ctx.store.setExpectedUnits('dong-thap-2021', [{ unit_code: 'DT-HN', unit_name: 'Thành phố Hồng Ngự', province_code: 'DT' }]);
    expect((await get('/api/staff/plans', { cookie: staff.cookie })).json().plans).toContain('dong-thap-2021');
    expect((await get('/api/staff/plans', {})).status).toBe(401);
  });
});
