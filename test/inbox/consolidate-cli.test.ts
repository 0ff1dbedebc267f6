import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { CASES_SHEET, SUMMARY_SHEET } from '../../src/inbox/consolidate';
import { XLSX, sampleWorkbook, startTestInbox, tempDir } from './helpers';
import { vrInProcess, type InProcessRun } from '../cli/inProcess';

/** `vr consolidate …` as a clerk runs it. */
const run = (args: string[]): Promise<InProcessRun> => vrInProcess('consolidate', ...args);

async function sheetNames(file: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.worksheets.map((w) => w.name);
}

describe('vr consolidate', () => {
  let dir: string;
  beforeAll(async () => {
    dir = tempDir('vr-cons-cli-');
    fs.writeFileSync(path.join(dir, 'ts.xlsx'), await sampleWorkbook({ unit: 'BN-TS', rows: 12, seed: 1 }));
    fs.writeFileSync(path.join(dir, 'yp.xlsx'), await sampleWorkbook({ unit: 'BN-YP', rows: 9, seed: 2 }));
    fs.writeFileSync(path.join(dir, 'q2.xlsx'), await sampleWorkbook({ unit: 'BN-TP', rows: 5, seed: 3, quarter: 2 }));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('a run does not inherit the exit code an earlier command left in the process', async () => {
    process.exitCode = 1; // as `vr validate` with findings leaves it
    const r = await run(['--profile', 'bac-ninh-2017', '--year', '2020', '--quarter', '3', '-o', path.join(dir, 'again.xlsx'), path.join(dir, 'ts.xlsx')]);
    expect(r.code).toBe(0);
  });

  test('files → one consolidated workbook, missing units named, exit 0', async () => {
    const out = path.join(dir, 'tong-hop.xlsx');
    const r = await run(['--profile', 'bac-ninh-2017', '--year', '2020', '--quarter', '3', '-o', out, path.join(dir, 'ts.xlsx'), path.join(dir, 'yp.xlsx')]);
    expect(r.code).toBe(0);
    expect(r.out.trim()).toBe(out);
    expect(r.err).toContain('2 đơn vị, 21 ca');
    expect(r.err).toContain('BN-TP, BN-TD');
    expect(await sheetNames(out)).toEqual([SUMMARY_SHEET, CASES_SHEET, 'BN-TS', 'BN-YP']);
  });

  test('a file of another quarter: exit 2, one bilingual line naming the file, no output', async () => {
    const out = path.join(dir, 'khong-co.xlsx');
    const r = await run(['--profile', 'bac-ninh-2017', '--year', '2020', '--quarter', '3', '-o', out, path.join(dir, 'ts.xlsx'), path.join(dir, 'q2.xlsx')]);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/q2\.xlsx: là báo cáo quý 2\/2020.*\| .*Q2 2020/);
    expect(fs.existsSync(out)).toBe(false);
  });

  test('bad arguments: unknown profile, quarter 5, no files', async () => {
    expect((await run(['--profile', 'nope', '--year', '2020', '--quarter', '3', '-o', 'x.xlsx', 'a.xlsx'])).err).toContain('Không có kế hoạch "nope"');
    expect((await run(['--profile', 'bac-ninh-2017', '--year', '2020', '--quarter', '5', '-o', 'x.xlsx', 'a.xlsx'])).code).toBe(2);
    expect((await run(['--profile', 'bac-ninh-2017', '--year', '2020', '--quarter', '3', '-o', 'x.xlsx'])).err).toContain('--inbox');
  });

  test('--inbox: signs in as staff and saves the inbox consolidated workbook; wrong password exits 3', async () => {
    const inbox = await startTestInbox({ web: true });
    try {
      const token = await inbox.addUnit('bac-ninh-2017', 'BN-TS');
      await inbox.addStaff('chicuc', 'mật-khẩu-dài-1');
      const sub = await inbox.request('POST', '/api/submissions', {
        headers: { authorization: `Bearer ${token}`, 'content-type': XLSX },
        body: fs.readFileSync(path.join(dir, 'ts.xlsx')),
      });
      expect(sub.status).toBe(200);
      const out = path.join(dir, 'tu-hop-thu.xlsx');
      const args = ['--profile', 'bac-ninh-2017', '--year', '2020', '--quarter', '3', '-o', out, '--inbox', inbox.url, '--user', 'chicuc'];
      process.env.VR_STAFF_PASSWORD = 'sai';
      const refused = await run(args);
      expect(refused.code).toBe(3);
      expect(fs.existsSync(out)).toBe(false);
      process.env.VR_STAFF_PASSWORD = 'mật-khẩu-dài-1';
      const ok = await run(args);
      expect(ok.code).toBe(0);
      expect(await sheetNames(out)).toEqual([SUMMARY_SHEET, CASES_SHEET, 'BN-TS']);
    } finally {
      delete process.env.VR_STAFF_PASSWORD;
      await inbox.close();
    }
  });
});

