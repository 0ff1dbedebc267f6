import '../../../src/profiles/officialAll';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { parseWorkbook } from '../../../src/domain/parse';
import { SUPPORT_PLAN_LABEL, TOOLKIT_FIELDS } from '../../../src/domain/htcds';
import { TOOLKIT_COUNTRIES, TOOLKIT_LISTS } from '../../../src/domain/htcdsLists';
import { CASE_SHEET, exportHtcds, onePerPerson, SUPPORT_SHEET, VALIDATION_SHEET, type CollectedCase } from '../../../src/inbox/htcdsExport';
import type { HtcdsCase } from '../../../src/domain/htcds';
import { personKeys } from '../../../src/domain/personMatch';
import { getProfile } from '../../../src/profiles';
import { readWorkbookBuffer } from '../../../src/xlsx/read';
import { templateToBuffer } from '../../../src/xlsx/write';
import { registryCell, sampleParts, sampleWorkbook, setRegistryCell, startTestInbox, tempDir, XLSX } from '../helpers';
import { vrInProcess, type InProcessRun } from '../../cli/inProcess';

/** `vr export --format htcds` and the staff page's download: consented rows, each person once,
 *  no identifiers, k-anonymous over every written column, 2-diverse in the trafficking status,
 *  in IOM's toolkit layout and words. */
const run = (args: string[]): Promise<InProcessRun> => vrInProcess('export', ...args);

const dmy = (d: Date): string => `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
const iso = (d: Date): string => d.toISOString().slice(0, 10);

/** Row 2 of the toolkit's `Case Sheet` B…AM, as IOM's file has it (its N…R labels do not follow
 *  row 1's field names; the export keeps the toolkit's words). */
const TOOLKIT_ROW2 = [
  'Case Owner', 'Salutation', 'First Name', 'Second Name', 'Consent', 'Birthdate', 'Gender', 'Citizenship', 'Title', 'Email',
  'Home Phone', 'Mobile Phone', 'Mailing Street', 'Mailing City', 'Mailing State/Province', 'Mailing Zip/Postal Code',
  'Mailing Country', 'Trafficking Status', 'Trafficking Status Decision Making Organization', 'Method of Recruitment',
  'Location of Recruitment', 'Methods of Control', 'Type of Exploitation', 'Forced Labour Industry', 'Type of Sex Exploitation',
  'Location of Exploitation', 'Status', 'Referring Organisation', 'Incoming Referral Date', 'Referring Primary Case Worker',
  'Reason for Incoming Referral', 'Incoming Referral Details', 'Referred Organisation', 'Referred Primary Case Worker',
  'Reason for Outgoing Referral', 'Outgoing Referral Date', 'Outgoing Referral Details', 'Reason for Case Closure',
];

/** Names, ID numbers and every date of the inputs: none may appear in the export. */
async function secretsOf(files: Buffer[], profileId = 'bac-ninh-2017'): Promise<{ names: string[]; ids: string[]; dates: string[] }> {
  const profile = getProfile(profileId)!;
  const names: string[] = [];
  const ids: string[] = [];
  const dates: string[] = [];
  for (const bytes of files) {
    for (const r of parseWorkbook(await readWorkbookBuffer(bytes), profile).registry.records) {
      if (r.full_name) names.push(r.full_name);
      if (r.id_number) ids.push(r.id_number);
      for (const d of [r.birth?.yearOnly ? null : r.birth?.date, r.received_date, r.verification_date]) if (d) dates.push(dmy(d), iso(d));
    }
  }
  return { names, ids, dates };
}

interface ReadExport {
  wb: ExcelJS.Workbook;
  fields: string[];
  rows: Record<string, unknown>[];
  /** Support Plan rows: case number → types. */
  support: Map<number, string[]>;
}

async function readExport(file: string | Buffer): Promise<ReadExport> {
  const wb = new ExcelJS.Workbook();
  if (typeof file === 'string') await wb.xlsx.readFile(file);
  else await wb.xlsx.load(file as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(CASE_SHEET)!;
  const fields = (ws.getRow(1).values as unknown[]).slice(2).map(String);
  const rows: Record<string, unknown>[] = [];
  for (let r = 3; r <= ws.rowCount; r++) {
    const values = ws.getRow(r).values as unknown[];
    rows.push({ _n: values[1], ...Object.fromEntries(fields.map((f, i) => [f, values[i + 2] ?? ''])) });
  }
  const support = new Map<number, string[]>();
  const sp = wb.getWorksheet(SUPPORT_SHEET)!;
  for (let r = 3; r <= sp.rowCount; r++) {
    const n = Number(sp.getCell(r, 2).value);
    support.set(n, [...(support.get(n) ?? []), String(sp.getCell(r, 3).value)]);
  }
  return { wb, fields, rows, support };
}

/** Every written value of a case but its trafficking status (and running number), with the types
 *  of support it received: what an outsider could know of a person. */
const quasiKey = (x: ReadExport, row: Record<string, unknown>): string =>
  JSON.stringify([...x.fields.filter((f) => f !== 'vic_TraffickingStatus').map((f) => row[f] ?? ''), [...(x.support.get(Number(row._n)) ?? [])].sort()]);

/** k-anonymity over every written column, and distinct 2-diversity of the status (or the status
 *  withheld for the whole class). */
function expectKAnonymousAndDiverse(x: ReadExport, rows: Record<string, unknown>[], k: number): void {
  const classes = new Map<string, Record<string, unknown>[]>();
  for (const row of rows) classes.set(quasiKey(x, row), [...(classes.get(quasiKey(x, row)) ?? []), row]);
  for (const [key, members] of classes) {
    expect({ key, size: members.length, atLeastK: members.length >= k }).toMatchObject({ atLeastK: true });
    const statuses = new Set(members.map((m) => m.vic_TraffickingStatus));
    const withheld = members.filter((m) => String(m.vn_Withheld).includes('vic_TraffickingStatus')).length;
    expect({ key, ok: withheld === members.length || (withheld === 0 && statuses.size >= 2) }).toEqual({ key, ok: true });
  }
}

/** Every cell of a validated column holds a value of the list its validation names (what
 *  Excel's "Circle Invalid Data" checks), and that list is the toolkit's. */
function expectToolkitValid(x: ReadExport): void {
  const lists = x.wb.getWorksheet(VALIDATION_SHEET)!;
  const listAt = (formula: string): string[] => {
    const m = /^validation!\$([A-Z]+)\$(\d+):\$[A-Z]+\$(\d+)$/.exec(formula)!;
    const out: string[] = [];
    for (let r = Number(m[2]); r <= Number(m[3]); r++) out.push(String(lists.getCell(`${m[1]}${r}`).value));
    return out;
  };
  for (const name of [CASE_SHEET, SUPPORT_SHEET]) {
    const ws = x.wb.getWorksheet(name)!;
    const model = (ws as unknown as { dataValidations: { model: Record<string, { type: string; formulae: string[] }> } }).dataValidations.model;
    const columns = new Map<string, string[]>();
    for (const [address, v] of Object.entries(model)) if (v.type === 'list') columns.set(address.replace(/\d+/, ''), listAt(v.formulae[0]));
    if (name === CASE_SHEET) expect([...columns.keys()].sort()).toEqual(['AB', 'AF', 'AJ', 'H', 'I', 'S', 'T', 'U', 'W', 'X', 'Y', 'Z']);
    let checked = 0;
    for (let r = 3; r <= ws.rowCount; r++) {
      for (const [col, list] of columns) {
        const v = ws.getCell(`${col}${r}`).value;
        if (v === null || v === undefined || v === '') continue;
        checked++;
        expect({ cell: `${name}!${col}${r}`, valid: list.includes(String(v)) }).toEqual({ cell: `${name}!${col}${r}`, valid: true });
      }
    }
    if (name === CASE_SHEET) expect(checked).toBeGreaterThan(0);
  }
  // The lists are the toolkit's own (generated from IOM's file, htcdsLists.ts).
  const check = (field: string, allowed: readonly string[]) => {
    for (const row of x.rows) if (row[field] !== '') expect(allowed).toContain(row[field]);
  };
  check('prs_Gender', TOOLKIT_LISTS.Gender);
  check('prs_Citizenship', Object.values(TOOLKIT_COUNTRIES));
  check('vic_TraffickingStatus', TOOLKIT_LISTS['Trafficking Status']);
  check('vic_TraffickinStatusDecisionMakingOrg', TOOLKIT_LISTS['Trafficking Status Decision Making Organization']);
  check('vic_TypeOfExploitation', TOOLKIT_LISTS['Type of Exploitation']);
  for (const types of x.support.values()) for (const t of types) expect(Object.values(SUPPORT_PLAN_LABEL)).toContain(t);
}

function expectNoSecrets(wb: ExcelJS.Workbook, secrets: { names: string[]; ids: string[]; dates: string[] }): void {
  const cells: string[] = [];
  wb.eachSheet((ws) => {
    if (ws.name === VALIDATION_SHEET) return;
    ws.eachRow((row) => row.eachCell((cell) => cells.push(cell.value instanceof Date ? 'DATE' : String(cell.value))));
  });
  const text = cells.join('\n');
  expect(cells).not.toContain('DATE');
  for (const name of secrets.names) expect(text).not.toContain(name);
  for (const id of secrets.ids) expect(text).not.toContain(id);
  for (const date of secrets.dates) expect(text).not.toContain(date);
}

/** A multiset of whole written rows (status and support included), without the running number. */
function rowBag(x: ReadExport, rows: Record<string, unknown>[]): Map<string, number> {
  const bag = new Map<string, number>();
  for (const row of rows) {
    const key = JSON.stringify([...x.fields.map((f) => row[f] ?? ''), [...(x.support.get(Number(row._n)) ?? [])].sort()]);
    bag.set(key, (bag.get(key) ?? 0) + 1);
  }
  return bag;
}

describe('vr export --format htcds', () => {
  let dir: string;
  let inputs: Buffer[];
  const files: string[] = [];
  beforeAll(async () => {
    dir = tempDir('vr-htcds-');
    inputs = [];
    for (const [unit, seed] of [['BN-TS', 1], ['BN-TP', 2], ['BN-TD', 3], ['BN-YP', 4]] as const) {
      const bytes = await sampleWorkbook({ unit, rows: 150, seed, year: 2020, quarter: 4 });
      inputs.push(bytes);
      const file = path.join(dir, `${unit}.xlsx`);
      fs.writeFileSync(file, bytes);
      files.push(file);
    }
  }, 120_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("the toolkit's layout and words: its field names and row-2 labels, its picklist labels, its validation on the same columns", async () => {
    const out = path.join(dir, 'htcds.xlsx');
    const r = await run(['--format', 'htcds', '--profile', 'bac-ninh-2017', '--year', '2020', '-o', out, ...files]);
    expect(r).toMatchObject({ code: 0 });
    const x = await readExport(out);
    const ws = x.wb.getWorksheet(CASE_SHEET)!;
    expect(ws.getRow(1).hidden).toBe(true);
    expect(x.fields.slice(0, TOOLKIT_FIELDS.length)).toEqual(TOOLKIT_FIELDS.map(([f]) => f));
    expect((ws.getRow(2).values as unknown[]).slice(2, 2 + TOOLKIT_ROW2.length)).toEqual(TOOLKIT_ROW2);
    expect(ws.getRow(3).getCell(1).value).toBe(1);
    expect(x.rows.length).toBeGreaterThan(0);
    expectToolkitValid(x);
    // Labels, not HTCDS value names: `Actual victim of trafficking`, `Forced labour`, `Viet Nam`.
    const values = new Set(x.rows.flatMap((row) => Object.values(row).map(String)));
    for (const name of ['PossibleVictimOfTrafficking', 'ActualVictimOfTrafficking', 'NotAVictimOfTrafficking', 'ForcedLabour', 'SexualExploitation', 'VN', 'NonPoliceGovernmentalOrganization']) {
      expect(values.has(name)).toBe(false);
    }
    expect(x.rows.some((row) => row.prs_Citizenship === 'Viet Nam')).toBe(true);
    for (const row of x.rows) {
      expect(row.con_Consent).toBe(true);
      for (const f of ['prs_FirstName', 'prs_SecondName', 'prs_Birthdate', 'prs_MailingStreet', 'cas_IncomingReferralDate']) expect(row[f]).toBe('');
      // An empty published field says why: not in the register, or withheld; never both.
      const unknown = String(row.vn_Unknown).split('; ');
      const withheld = String(row.vn_Withheld).split('; ');
      for (const f of ['prs_Gender', 'prs_Citizenship', 'vic_TraffickingStatus', 'vic_TypeOfExploitation']) {
        if (row[f] === '') expect({ f, why: unknown.includes(f) !== withheld.includes(f) }).toEqual({ f, why: true });
        else expect({ f, explained: unknown.includes(f) || withheld.includes(f) }).toEqual({ f, explained: false });
      }
      expect(['Under16', '16to17', 'Adult18Plus', 'Minor', 'Adult', 'NonSpecifiedUnknown', 'Withheld']).toContain(row.vn_AgeGroup);
    }
    // Support plans in their own sheet, one row per type received, a single picklist value each.
    const sp = x.wb.getWorksheet(SUPPORT_SHEET)!;
    expect((sp.getRow(1).values as unknown[]).slice(2)).toEqual(['vn_CaseNumber', 'spl_Type', 'spl_Objectives', 'spl_ActionPlan', 'spl_PlannedEndDate', 'spl_ActualEndDate']);
    expect(x.fields).not.toContain('spl_Type');
    for (const [n, types] of x.support) {
      expect(n).toBeGreaterThanOrEqual(1);
      expect(n).toBeLessThanOrEqual(x.rows.length);
      expect(new Set(types).size).toBe(types.length);
      for (const t of types) expect(t).not.toContain(';');
    }
  }, 120_000);

  test('k-anonymous over every written column but the status (support included), 2-diverse in the status; no name, ID number or date', async () => {
    const secrets = await secretsOf(inputs);
    for (const k of [11, 25]) {
      const out = path.join(dir, `k${k}.xlsx`);
      const r = await run(['--format', 'htcds', '--profile', 'bac-ninh-2017', '--year', '2020', '--k', String(k), '-o', out, ...files]);
      expect(r.code).toBe(0);
      const x = await readExport(out);
      expect(x.rows.length).toBeGreaterThanOrEqual(k);
      expectKAnonymousAndDiverse(x, x.rows, k);
      expectNoSecrets(x.wb, secrets);
    }
  }, 120_000);

  test("a quarter's file subtracted from the year's leaves whole classes of at least k, each 2-diverse (no differencing)", async () => {
    const year = await exportHtcds(getProfile('bac-ninh-2017')!, { year: 2020, quarter: null, k: 11 }, files.map((f, i) => ({ label: f, load: () => readWorkbookBuffer(inputs[i]) })));
    const q4 = await exportHtcds(getProfile('bac-ninh-2017')!, { year: 2020, quarter: 4, k: 11 }, files.map((f, i) => ({ label: f, load: () => readWorkbookBuffer(inputs[i]) })));
    const y = await readExport(year.buffer);
    const q = await readExport(q4.buffer);
    const ybag = rowBag(y, y.rows);
    const qbag = rowBag(q, q.rows);
    // Every row of the quarter's file is a row of the year's file.
    for (const [key, n] of qbag) expect({ key, inYear: (ybag.get(key) ?? 0) >= n }).toEqual({ key, inYear: true });
    // What is left after subtracting: rebuild the rows and check them as a file of their own.
    const left: Record<string, unknown>[] = [];
    const remaining = new Map(qbag);
    for (const row of y.rows) {
      const key = [...rowBag(y, [row].map((r) => r)).keys()][0];
      if ((remaining.get(key) ?? 0) > 0) remaining.set(key, remaining.get(key)! - 1);
      else left.push(row);
    }
    expect(left.length).toBe(y.rows.length - q.rows.length);
    expect(left.length).toBeGreaterThan(0);
    expectKAnonymousAndDiverse(y, left, 11);
    expect(left.every((row) => row.vn_ReportQuarter !== 4)).toBe(true);
  }, 120_000);

  test('k below 11 is refused in one bilingual line, and no file is written', async () => {
    const out = path.join(dir, 'k5.xlsx');
    const r = await run(['--format', 'htcds', '--profile', 'bac-ninh-2017', '--year', '2020', '--k', '5', '-o', out, ...files]);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/k = 5 quá nhỏ/);
    expect(r.err).toMatch(/k ≥ 11/);
    expect(r.err).toMatch(/too small/);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(out)).toBe(false);
  });

  test('too few consented rows for k: a clear message and no file', async () => {
    const out = path.join(dir, 'few.xlsx');
    const r = await run(['--format', 'htcds', '--profile', 'bac-ninh-2017', '--year', '2020', '--quarter', '4', '--k', '1000', '-o', out, files[0]]);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/quá ít/);
    expect(r.err).toMatch(/too few/);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(out)).toBe(false);
  });

  test('an unknown format is refused in one line', async () => {
    const r = await run(['--format', 'csv', '--profile', 'bac-ninh-2017', '--year', '2020', '-o', path.join(dir, 'x.xlsx'), files[0]]);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/--format htcds/);
  });

  test('each person once: the same person registered by two units (same CCCD, the tone mark placed differently) is one row', async () => {
    const profile = getProfile('bac-ninh-2017')!;
    const a = sampleParts({ unit: 'BN-TS', rows: 60, seed: 11, year: 2020, quarter: 4 });
    const b = sampleParts({ unit: 'BN-TP', rows: 60, seed: 12, year: 2020, quarter: 4 });
    const plant = (spec: typeof a.spec, i: number, name: string) => {
      setRegistryCell(spec, i, 'full_name', name);
      setRegistryCell(spec, i, 'id_number', '001190012345');
      setRegistryCell(spec, i, 'consent_share', 'Có');
      setRegistryCell(spec, i, 'received_date', '02/11/2020');
    };
    const received = (spec: typeof a.spec, i: number) => String(registryCell(spec, i, 'received_date'));
    expect(received(a.spec, 0)).toBeTruthy();
    plant(a.spec, 0, 'Nguyễn Thị Hòa');
    plant(b.spec, 0, 'Nguyễn Thị Hoà');
    const bytes = [await templateToBuffer(a.spec), await templateToBuffer(b.spec)];
    const result = await exportHtcds(profile, { year: 2020, quarter: null, k: 11 }, bytes.map((x, i) => ({ label: `f${i}`, load: () => readWorkbookBuffer(x) })));
    expect(result.merged).toBe(1);
  }, 120_000);

  test('a name and a birth year alone do not merge two cases (two people of one name born the same year); the same date of birth does, keeping the decided status and every support', () => {
    const c = (unit: string, caseId: string, birth: string, status: HtcdsCase['status'], support: string[], received: number): CollectedCase => {
      const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(birth)!;
      const date = new Date(Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1])));
      return {
        c: { caseId, sex: 'female', ageGroup: 'Adult18Plus', citizenship: 'VN', exploitation: 'labour', province: '24', status, decisionOrg: null, support, year: 2020, quarter: 4 },
        received,
        person: { unit_code: unit, case_id: caseId, ...personKeys({ full_name: 'Nguyễn Thị Hoa', id_number: null, raw: {}, birth: { date, yearOnly: false } }) },
      };
    };
    const apart = onePerPerson([c('A', 'A-1', '01/02/1995', 'identified', ['Health'], 1), c('B', 'B-1', '09/10/1995', 'identified', ['Legal'], 2)]);
    expect(apart.merged).toBe(0);
    const same = onePerPerson([c('A', 'A-1', '01/02/1995', 'pending', ['Health'], 1), c('B', 'B-1', '01/02/1995', 'identified', ['Legal'], 2)]);
    expect(same.merged).toBe(1);
    expect(same.cases).toEqual([expect.objectContaining({ caseId: 'B-1', status: 'identified', support: ['Health', 'Legal'] })]);
  });

  test("the staff page's download: accepted reports only, k never below the inbox's floor (refusals audited)", async () => {
    const inbox = await startTestInbox();
    try {
      const ids: string[] = [];
      for (const [i, unit] of ['BN-TS', 'BN-TP', 'BN-TD', 'BN-YP'].entries()) {
        const token = await inbox.addUnit('bac-ninh-2017', unit);
        const res = await inbox.request('POST', '/api/submissions', { headers: { authorization: `Bearer ${token}`, 'content-type': XLSX }, body: inputs[i] });
        expect(res.status).toBe(200);
        ids.push(res.json().id);
      }
      await inbox.addStaff('thu', 'một mật khẩu dài');
      const staff = await inbox.login('thu', 'một mật khẩu dài');
      const get = (q: string) => inbox.request('GET', `/api/staff/export/htcds.xlsx?profile=bac-ninh-2017&year=2020${q}`, { headers: { cookie: staff.cookie } });
      expect((await inbox.request('GET', '/api/staff/export/htcds.xlsx?profile=bac-ninh-2017&year=2020')).status).toBe(401);
      // Nothing accepted yet: nothing leaves the province.
      const none = await get('&quarter=4');
      expect(none.status).toBe(400);
      expect(none.json().message_vi).toMatch(/quá ít/);
      for (const id of ids) {
        const res = await inbox.request('POST', `/api/staff/submissions/${id}/accept`, { headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrf }, body: {} });
        expect(res.status).toBe(200);
      }
      const res = await get('&quarter=4');
      expect(res.status).toBe(200);
      const x = await readExport(res.body);
      expectKAnonymousAndDiverse(x, x.rows, 11);
      expectToolkitValid(x);
      expectNoSecrets(x.wb, await secretsOf(inputs));
      const low = await get('&quarter=4&k=2');
      expect(low.status).toBe(400);
      expect(low.json()).toMatchObject({ message_vi: expect.stringMatching(/k = 2 quá nhỏ.*k ≥ 11/), message_en: expect.stringMatching(/k = 2 is too small/) });
      expect((await inbox.request('GET', '/api/staff/export/htcds/settings', { headers: { cookie: staff.cookie } })).json()).toEqual({ k_floor: 11 });
      const events = (await inbox.request('GET', '/api/staff/audit', { headers: { cookie: staff.cookie } })).json().events as { action: string; detail: Record<string, unknown> }[];
      const exports = events.filter((e) => e.action === 'export');
      expect(exports.find((e) => e.detail.refused === 'k_below_floor')).toMatchObject({ detail: { format: 'htcds', k: 2 } });
      expect(exports.find((e) => e.detail.rows)).toMatchObject({ detail: { format: 'htcds', k: 11 } });
    } finally {
      await inbox.close();
    }
  }, 180_000);

  test("an administrator's higher floor (VR_INBOX_MIN_K) is the default and the least k staff may ask for; a floor below 11 is refused", async () => {
    const { loadConfig } = await import('../../../src/inbox/config');
    expect(() => loadConfig({ dataDir: dir }, { VR_INBOX_MIN_K: '5' })).toThrow(/VR_INBOX_MIN_K/);
    expect(loadConfig({ dataDir: dir }, { VR_INBOX_MIN_K: '15' }).minK).toBe(15);
    expect(loadConfig({ dataDir: dir }, {}).minK).toBe(11);
    const inbox = await startTestInbox({ minK: 15 });
    try {
      for (const [i, unit] of ['BN-TS', 'BN-TP', 'BN-TD', 'BN-YP'].entries()) {
        const token = await inbox.addUnit('bac-ninh-2017', unit);
        const id = (await inbox.request('POST', '/api/submissions', { headers: { authorization: `Bearer ${token}`, 'content-type': XLSX }, body: inputs[i] })).json().id;
        await inbox.ctx.store.decideVersion(id, { state: 'accepted' }, 'test', new Date().toISOString());
      }
      await inbox.addStaff('lan', 'một mật khẩu dài');
      const staff = await inbox.login('lan', 'một mật khẩu dài');
      const get = (q: string) => inbox.request('GET', `/api/staff/export/htcds.xlsx?profile=bac-ninh-2017&year=2020${q}`, { headers: { cookie: staff.cookie } });
      const eleven = await get('&k=11');
      expect(eleven.status).toBe(400);
      expect(eleven.json().message_vi).toMatch(/k ≥ 15/);
      const res = await get('');
      expect(res.status).toBe(200);
      const x = await readExport(res.body);
      expectKAnonymousAndDiverse(x, x.rows, 15);
      expect((await get('&k=20')).status).toBe(200);
      // `vr export --inbox` without --k takes the inbox's floor; with --k 11 it is refused.
      process.env.VR_STAFF_PASSWORD = 'một mật khẩu dài';
      try {
        const out = path.join(dir, 'inbox-floor.xlsx');
        const ok = await run(['--format', 'htcds', '--profile', 'bac-ninh-2017', '--year', '2020', '--inbox', inbox.url, '--user', 'lan', '-o', out]);
        expect(ok.code).toBe(0);
        expectKAnonymousAndDiverse(await readExport(out), (await readExport(out)).rows, 15);
        const low = await run(['--format', 'htcds', '--profile', 'bac-ninh-2017', '--year', '2020', '--k', '11', '--inbox', inbox.url, '--user', 'lan', '-o', path.join(dir, 'low.xlsx')]);
        expect(low.code).not.toBe(0);
        expect(low.err).toMatch(/k ≥ 15/);
      } finally {
        delete process.env.VR_STAFF_PASSWORD;
      }
      const events = (await inbox.request('GET', '/api/staff/audit', { headers: { cookie: staff.cookie } })).json().events as { action: string; detail: Record<string, unknown> }[];
      expect(events.filter((e) => e.action === 'export' && e.detail.rows).map((e) => e.detail.k)).toContain(15);
    } finally {
      await inbox.close();
    }
  }, 180_000);
});

describe('vr export on a vn-2025 province (Khánh Hoà, communes 22366 and 22333)', () => {
  test('consented cases of two communes: province 56, toolkit-valid, k-anonymous and 2-diverse, no identifiers', async () => {
    const dir = tempDir('vr-htcds-vn-');
    try {
      const files: string[] = [];
      const bytes: Buffer[] = [];
      for (const [unit, seed] of [['22366', 5], ['22333', 6]] as const) {
        const b = await sampleWorkbook({ profile: 'vn-2025', unit, rows: 160, seed, year: 2026, quarter: 2 });
        bytes.push(b);
        files.push(path.join(dir, `${unit}.xlsx`));
        fs.writeFileSync(files[files.length - 1], b);
      }
      const out = path.join(dir, 'htcds.xlsx');
      const r = await run(['--format', 'htcds', '--profile', 'vn-2025', '--year', '2026', '-o', out, ...files]);
      expect(r.err).toMatch(/Đã xuất \d+ trường hợp/);
      expect(r.code).toBe(0);
      const x = await readExport(out);
      expect(new Set(x.rows.map((row) => row.vn_Province))).toEqual(new Set(x.rows.some((row) => row.vn_Province === 'Withheld') ? ['Withheld'] : ['56']));
      expectToolkitValid(x);
      expectKAnonymousAndDiverse(x, x.rows, 11);
      expectNoSecrets(x.wb, await secretsOf(bytes, 'vn-2025'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
