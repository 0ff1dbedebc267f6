import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { parseWorkbook } from '../../../src/domain/parse';
import { QI_FIELDS, TOOLKIT_FIELDS } from '../../../src/domain/htcds';
import { CASE_SHEET } from '../../../src/inbox/htcdsExport';
import { getProfile } from '../../../src/profiles';
import { readWorkbookBuffer } from '../../../src/xlsx/read';
import { sampleWorkbook, startTestInbox, tempDir, XLSX } from '../helpers';
import { vrInProcess, type InProcessRun } from '../../cli/inProcess';

/** `vr export --format htcds` and the staff page's download: consented rows, no identifiers,
 *  k-anonymous, in IOM's toolkit layout. */
/** `vr export …` as a clerk runs it. */
const run = (args: string[]): Promise<InProcessRun> => vrInProcess('export', ...args);

const dmy = (d: Date): string => `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
const iso = (d: Date): string => d.toISOString().slice(0, 10);

/** Names, ID numbers and every date of the inputs: none may appear in the export. */
async function secretsOf(files: Buffer[]): Promise<{ names: string[]; ids: string[]; dates: string[]; consented: number }> {
  const profile = getProfile('bac-ninh-2017')!;
  const names: string[] = [];
  const ids: string[] = [];
  const dates: string[] = [];
  let consented = 0;
  for (const bytes of files) {
    for (const r of parseWorkbook(await readWorkbookBuffer(bytes), profile).registry.records) {
      if (r.full_name) names.push(r.full_name);
      if (r.id_number) ids.push(r.id_number);
      for (const d of [r.birth?.yearOnly ? null : r.birth?.date, r.received_date, r.verification_date]) if (d) dates.push(dmy(d), iso(d));
      if (r.consent_share === 'yes') consented++;
    }
  }
  return { names, ids, dates, consented };
}

async function readExport(file: string | Buffer): Promise<{ wb: ExcelJS.Workbook; fields: string[]; rows: Record<string, unknown>[] }> {
  const wb = new ExcelJS.Workbook();
  if (typeof file === 'string') await wb.xlsx.readFile(file);
  else await wb.xlsx.load(file as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(CASE_SHEET)!;
  const fields = (ws.getRow(1).values as unknown[]).slice(2).map(String);
  const rows: Record<string, unknown>[] = [];
  for (let r = 3; r <= ws.rowCount; r++) {
    const values = ws.getRow(r).values as unknown[];
    rows.push(Object.fromEntries(fields.map((f, i) => [f, values[i + 2] ?? ''])));
  }
  return { wb, fields, rows };
}

function expectKAnonymous(rows: Record<string, unknown>[], k: number): void {
  const counts = new Map<string, number>();
  for (const row of rows) {
    const key = JSON.stringify(QI_FIELDS.map((f) => row[f] ?? ''));
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  for (const [key, n] of counts) expect({ key, atLeastK: n >= k }).toEqual({ key, atLeastK: true });
}

function expectNoSecrets(wb: ExcelJS.Workbook, secrets: { names: string[]; ids: string[]; dates: string[] }): void {
  const cells: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => cells.push(cell.value instanceof Date ? 'DATE' : String(cell.value)))));
  const text = cells.join('\n');
  expect(cells).not.toContain('DATE');
  for (const name of secrets.names) expect(text).not.toContain(name);
  for (const id of secrets.ids) expect(text).not.toContain(id);
  for (const date of secrets.dates) expect(text).not.toContain(date);
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

  test('the toolkit layout: field names in a hidden first row, labels below, a running number in column A', async () => {
    const out = path.join(dir, 'htcds.xlsx');
    const r = await run(['--format', 'htcds', '--profile', 'bac-ninh-2017', '--year', '2020', '-o', out, ...files]);
    expect(r).toMatchObject({ code: 0 });
    const { wb, fields, rows } = await readExport(out);
    const ws = wb.getWorksheet(CASE_SHEET)!;
    expect(ws.getRow(1).hidden).toBe(true);
    expect(fields.slice(0, TOOLKIT_FIELDS.length)).toEqual(TOOLKIT_FIELDS.map(([f]) => f));
    expect(fields).toEqual(expect.arrayContaining(['vic_TypeOfExploitation', 'prs_Gender', 'prs_Citizenship', 'vic_TraffickingStatus', 'spl_Type']));
    expect(ws.getRow(2).getCell(2).value).toBe('Case Owner');
    expect(ws.getRow(3).getCell(1).value).toBe(1);
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((x) => x.prs_Gender))).toEqual(new Set(['Masculine', 'Feminine', ''].filter((g) => rows.some((x) => x.prs_Gender === g))));
    for (const x of rows) {
      expect(['', 'Masculine', 'Feminine']).toContain(x.prs_Gender);
      expect(['', 'PossibleVictimOfTrafficking', 'ActualVictimOfTrafficking', 'NotAVictimOfTrafficking']).toContain(x.vic_TraffickingStatus);
      expect(x.con_Consent).toBe(true);
      for (const f of ['prs_FirstName', 'prs_SecondName', 'prs_Birthdate', 'prs_MailingStreet', 'cas_IncomingReferralDate']) expect(x[f]).toBe('');
    }
  }, 120_000);

  test('consented rows only, every quasi-identifier combination at least k times, no name, ID number or exact date', async () => {
    const secrets = await secretsOf(inputs);
    for (const k of [11, 25]) {
      const out = path.join(dir, `k${k}.xlsx`);
      const r = await run(['--format', 'htcds', '--profile', 'bac-ninh-2017', '--year', '2020', '--k', String(k), '-o', out, ...files]);
      expect(r.code).toBe(0);
      const { wb, rows } = await readExport(out);
      expect(rows.length).toBeLessThanOrEqual(secrets.consented);
      expect(rows.length).toBeGreaterThanOrEqual(k);
      expectKAnonymous(rows, k);
      expectNoSecrets(wb, secrets);
    }
  }, 120_000);

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

  test('the staff page offers the same download, audited; too few rows answers the same message', async () => {
    const inbox = await startTestInbox();
    try {
      for (const [i, unit] of ['BN-TS', 'BN-TP', 'BN-TD', 'BN-YP'].entries()) {
        const token = await inbox.addUnit('bac-ninh-2017', unit);
        const res = await inbox.request('POST', '/api/submissions', { headers: { authorization: `Bearer ${token}`, 'content-type': XLSX }, body: inputs[i] });
        expect(res.status).toBe(200);
      }
      await inbox.addStaff('thu', 'một mật khẩu dài');
      const staff = await inbox.login('thu', 'một mật khẩu dài');
      expect((await inbox.request('GET', '/api/staff/export/htcds.xlsx?profile=bac-ninh-2017&year=2020')).status).toBe(401);
      const res = await inbox.request('GET', '/api/staff/export/htcds.xlsx?profile=bac-ninh-2017&year=2020&quarter=4', { headers: { cookie: staff.cookie } });
      expect(res.status).toBe(200);
      const { wb, rows } = await readExport(res.body);
      expectKAnonymous(rows, 11);
      expectNoSecrets(wb, await secretsOf(inputs));
      const few = await inbox.request('GET', '/api/staff/export/htcds.xlsx?profile=bac-ninh-2017&year=2020&quarter=4&k=1000', { headers: { cookie: staff.cookie } });
      expect(few.status).toBe(400);
      expect(few.json().message_vi).toMatch(/quá ít/);
      const events = (await inbox.request('GET', '/api/staff/audit', { headers: { cookie: staff.cookie } })).json().events;
      expect(events.find((e: { action: string }) => e.action === 'export')).toMatchObject({ actor: 'thu', detail: { format: 'htcds', k: 11 } });
    } finally {
      await inbox.close();
    }
  }, 120_000);
});
