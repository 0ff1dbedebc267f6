import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { CASES_SHEET, SUMMARY_FIRST_ROW, SUMMARY_SHEET } from '../../src/inbox/consolidate';
import { getProfile, listUnits } from '../../src/profiles';
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


/** `vr consolidate` for a province of today's plan: Khánh Hoà (56), Q3 2026. */
describe('vr consolidate --profile vn-2025', () => {
  let dir: string;
  const kh = ['22366', '22333', '22420'];
  beforeAll(async () => {
    dir = tempDir('vr-cons-kh-');
    for (const [i, unit] of kh.entries()) {
      fs.writeFileSync(path.join(dir, `${unit}.xlsx`), await sampleWorkbook({ profile: 'vn-2025', unit, year: 2026, quarter: 3, rows: 10, seed: 40 + i }));
    }
    fs.writeFileSync(path.join(dir, '09367.xlsx'), await sampleWorkbook({ profile: 'vn-2025', unit: '09367', year: 2026, quarter: 3, rows: 5, seed: 9 }));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const files = () => kh.map((u) => path.join(dir, `${u}.xlsx`));
  const summaryCodes = async (file: string): Promise<string[]> => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet(SUMMARY_SHEET)!;
    const codes: string[] = [];
    for (let r = SUMMARY_FIRST_ROW; ws.getRow(r).getCell(1).value !== 'TỔNG'; r++) codes.push(String(ws.getRow(r).getCell(1).value));
    return codes;
  };
  const khanhHoa = listUnits(getProfile('vn-2025')!, '56').map((u) => u.unit_code);

  test('--province 56: every unit of Khánh Hoà listed, the missing counted, the province named', async () => {
    const out = path.join(dir, 'tong-hop-56.xlsx');
    const r = await run(['--profile', 'vn-2025', '--province', '56', '--year', '2026', '--quarter', '3', '-o', out, ...files()]);
    expect(r.code).toBe(0);
    expect(r.err).toContain(`3 đơn vị, 30 ca (Tỉnh Khánh Hoà, 56)`);
    expect(r.err).toContain(`Chưa nộp / missing ${khanhHoa.length - 3}:`);
    expect(await summaryCodes(out)).toEqual(khanhHoa);
  });

  test('no --province: the files name one province, which is taken; a province name works too', async () => {
    const out = path.join(dir, 'tong-hop.xlsx');
    expect((await run(['--profile', 'vn-2025', '--year', '2026', '--quarter', '3', '-o', out, ...files()])).code).toBe(0);
    expect(await summaryCodes(out)).toEqual(khanhHoa);
    expect((await run(['--profile', 'vn-2025', '--province', 'Khánh Hoà', '--year', '2026', '--quarter', '3', '-o', out, ...files()])).code).toBe(0);
  });

  test('a Bắc Ninh file among them: exit 2, one bilingual line naming it, no output', async () => {
    const out = path.join(dir, 'khong.xlsx');
    const r = await run(['--profile', 'vn-2025', '--province', '56', '--year', '2026', '--quarter', '3', '-o', out, ...files(), path.join(dir, '09367.xlsx')]);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/09367\.xlsx: đơn vị 09367 Phường Từ Sơn thuộc Thành phố Bắc Ninh \(24\), không thuộc Tỉnh Khánh Hoà.*\| .*09367\.xlsx: unit 09367/);
    expect(fs.existsSync(out)).toBe(false);
    const mixed = await run(['--profile', 'vn-2025', '--year', '2026', '--quarter', '3', '-o', out, ...files(), path.join(dir, '09367.xlsx')]);
    expect(mixed.err).toMatch(/nhiều tỉnh \(Khánh Hoà \(56\), Bắc Ninh \(24\)|nhiều tỉnh \(Bắc Ninh \(24\), Khánh Hoà \(56\)/);
  });

  test('--inbox: the inbox’s own province (set by vr inbox init --province 56); another --province is refused', async () => {
    const inbox = await startTestInbox({ web: true });
    try {
      await vrInProcess('inbox', 'init', '--data', inbox.dir, '--profile', 'vn-2025', '--province', '56');
      const token = await inbox.addUnit('vn-2025', '22366');
      await inbox.addStaff('soyte', 'mật-khẩu-sở-y-tế');
      const sub = await inbox.request('POST', '/api/submissions', {
        headers: { authorization: `Bearer ${token}`, 'content-type': XLSX },
        body: fs.readFileSync(path.join(dir, '22366.xlsx')),
      });
      expect(sub.status).toBe(200);
      process.env.VR_STAFF_PASSWORD = 'mật-khẩu-sở-y-tế';
      const out = path.join(dir, 'tu-hop-thu-56.xlsx');
      const args = ['--profile', 'vn-2025', '--year', '2026', '--quarter', '3', '-o', out, '--inbox', inbox.url, '--user', 'soyte'];
      expect((await run(args)).code).toBe(0);
      expect(await summaryCodes(out)).toEqual(khanhHoa);
      expect(await sheetNames(out)).toEqual([SUMMARY_SHEET, CASES_SHEET, '22366']);
      const other = await run([...args, '--province', '24']);
      expect(other.code).toBe(2);
      expect(other.err).toMatch(/Hộp thư này phục vụ Tỉnh Khánh Hoà \(56\), không phải tỉnh "24"/);
      expect((await run([...args, '--province', '56'])).code).toBe(0);
    } finally {
      delete process.env.VR_STAFF_PASSWORD;
      await inbox.close();
    }
  });
});
