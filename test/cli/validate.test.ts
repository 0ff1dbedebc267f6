import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { SHEET } from '../../src/domain/sheet';
import type { TemplateSpec } from '../../src/domain/template';
import { templateToBuffer, writeTemplateFile } from '../../src/xlsx/write';
import { makeZip } from '../xlsx/zip';
import { ensureBuilt, findingKey, sample, sha256, sheetOf, tempDir, vr } from './helpers';

interface Json {
  file: string;
  unit_code: string | null;
  year: number | null;
  quarter: number | null;
  findings: { rule: string; severity: string; sheet: string | null; cell: string | null; row: number | null }[];
  summary: Record<string, number>;
}

const TODAY = ['--today', '2021-01-15'];

describe('vr sample and vr validate on real files', () => {
  const dir = tempDir();
  beforeAll(() => ensureBuilt(), 300_000);

  test('sample --errors: validate --json reports exactly the expected findings, exit 1', () => {
    const file = path.join(dir, 's.xlsx');
    const made = vr(['sample', '--rows', '500', '--seed', '7', '--errors', '-o', file]);
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    const expected = JSON.parse(fs.readFileSync(path.join(dir, 's.expected.json'), 'utf8')) as Json;
    const before = sha256(file);
    const run = vr(['validate', file, '--json']);
    expect(run.code).toBe(1);
    const actual = JSON.parse(run.stdout) as Json;
    expect(actual).toMatchObject({ file, unit_code: 'BN-TS', year: 2020, quarter: 3 });
    expect(actual.findings.map(findingKey).sort()).toEqual(expected.findings.map(findingKey).sort());
    expect(actual.summary).toEqual(expected.summary);
    expect(sha256(file)).toBe(before);
    const rules = new Set(actual.findings.map((f) => f.rule));
    for (const id of ['FMT-03', 'FMT-04', 'FMT-05', 'FMT-06', 'FMT-08', 'REG-01', 'REG-05', 'REG-10', 'REG-11', 'VER-04', 'SUP-02', 'SUP-06', 'CHD-02', 'PRT-01', 'CNS-01', 'RPT-01', 'RPT-07', 'RPT-09']) {
      expect(rules).toContain(id);
    }
    // The support log's field rules, each planted on a support row (docs/workbook.md).
    const onSupport = new Set(actual.findings.filter((f) => f.sheet === 'Hỗ trợ').map((f) => f.rule));
    for (const id of ['REG-01', 'REG-02', 'REG-03', 'REG-04']) expect(onSupport).toContain(id);
  }, 120_000);

  test('the same seed gives the same workbook content', () => {
    const a = sample(50, 3, true);
    const b = sample(50, 3, true);
    expect(JSON.stringify(a.spec.sheets.map((s) => s.rows))).toBe(JSON.stringify(b.spec.sheets.map((s) => s.rows)));
    expect(a.expected).toEqual(b.expected);
  });

  test('a clean sample has no finding; text output is grouped and bilingual; exit 0', async () => {
    const file = path.join(dir, 'clean.xlsx');
    await writeTemplateFile(sample(300, 5).spec, file);
    const run = vr(['validate', file, ...TODAY]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Không có lỗi chặn việc gửi. / Nothing blocks submission.');
    const json = JSON.parse(vr(['validate', file, '--json', ...TODAY]).stdout) as Json;
    expect(json.findings).toEqual([]);
  }, 60_000);

  test('text output names the sheet and cell of each finding, errors before warnings', async () => {
    const run = vr(['validate', path.join(dir, 's.xlsx'), ...TODAY]);
    expect(run.code).toBe(1);
    const errorsAt = run.stdout.indexOf('LỖI');
    const warningsAt = run.stdout.indexOf('CẢNH BÁO');
    expect(errorsAt).toBeGreaterThan(0);
    expect(warningsAt).toBeGreaterThan(errorsAt);
    expect(run.stdout).toMatch(/\[REG-06\] Sổ theo dõi!A\d+: /);
  }, 60_000);
});

/** Writes a variant of a clean sample and returns its findings. */
async function variantFindings(dir: string, name: string, edit: (spec: TemplateSpec) => void): Promise<{ code: number; json: Json; stderr: string }> {
  const s = sample(120, 9);
  edit(s.spec);
  const file = path.join(dir, name);
  await writeTemplateFile(s.spec, file);
  const before = sha256(file);
  const run = vr(['validate', file, '--json', ...TODAY]);
  expect(sha256(file)).toBe(before);
  return { code: run.code, json: run.stdout ? (JSON.parse(run.stdout) as Json) : ({} as Json), stderr: run.stderr };
}

describe('robustness: real-world workbooks give findings, never a crash', () => {
  const dir = tempDir();
  beforeAll(() => ensureBuilt(), 300_000);

  test('reordered and inserted registry columns are found by header (only FMT-04)', async () => {
    const { code, json } = await variantFindings(dir, 'cols.xlsx', (spec) => {
      const sheet = sheetOf(spec, SHEET.registry);
      sheet.rows = sheet.rows.map((row, i) => {
        const reversed = [...row].reverse();
        reversed.splice(3, 0, i === 0 ? 'Cột thêm' : 'x');
        return reversed;
      });
    });
    expect(json.findings.map(findingKey)).toEqual(['FMT-04 Sổ theo dõi D1']);
    expect(code).toBe(0);
  }, 60_000);

  test('decomposed (NFD) Vietnamese text and text dates dd/mm/yyyy read like the originals', async () => {
    const { code, json } = await variantFindings(dir, 'nfd.xlsx', (spec) => {
      for (const sheet of [sheetOf(spec, SHEET.registry), sheetOf(spec, SHEET.support)]) {
        sheet.rows = sheet.rows.map((row, i) =>
          row.map((v) => {
            if (typeof v === 'string') return v.normalize('NFD');
            if (v instanceof Date && i > 0) return `${String(v.getUTCDate()).padStart(2, '0')}/${String(v.getUTCMonth() + 1).padStart(2, '0')}/${v.getUTCFullYear()}`;
            return v;
          }),
        );
      }
    });
    expect(json.findings).toEqual([]);
    expect(code).toBe(0);
  }, 60_000);

  test('an empty registry is valid: only the unwritten narrative is flagged', async () => {
    const file = path.join(dir, 'blank.xlsx');
    expect(vr(['new', '--profile', 'vn-2025', '--unit', 'BN-P-TS', '--year', '2025', '--quarter', '3', '-o', file]).code).toBe(0);
    const run = vr(['validate', file, '--json']);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as Json;
    expect(json.summary.error).toBe(0);
    expect(new Set(json.findings.map((f) => f.rule))).toEqual(new Set(['RPT-07']));
  }, 60_000);

  test('unusable inputs: one bilingual line on stderr, exit 2, no stack trace', async () => {
    const cases: [string, Buffer | null, RegExp][] = [
      ['missing.xlsx', null, /Không tìm thấy tệp .*\| File not found/],
      ['old.xls', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1024)]), /\.xls.*\|.*Excel 97-2003/],
      ['export.csv', Buffer.from('a,b\n1,2\n'), /CSV/],
      ['locked.xlsx', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.from('EncryptionInfo', 'utf16le')]), /mật khẩu.*\|.*password-protected/],
      ['cut.xlsx', (await templateToBuffer(sample(5, 1).spec)).subarray(0, 3000), /bị hỏng.*\|.*damaged/],
      [
        'bomb.xlsx',
        makeZip([
          { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
          { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(30 * 1024 * 1024, 0x20) },
        ]),
        /giải nén ra quá lớn.*\|.*inflate/,
      ],
    ];
    for (const [name, bytes, message] of cases) {
      const file = path.join(dir, name);
      if (bytes) fs.writeFileSync(file, bytes);
      const run = vr(['validate', file]);
      expect([name, run.code]).toEqual([name, 2]);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toMatch(/\s+at \S+ \(/);
    }
    expect(vr(['validate', dir]).stderr).toMatch(/thư mục/);
  }, 120_000);

  test('over the configured size limit: exit 2 with the limit named', async () => {
    const file = path.join(dir, 'big.xlsx');
    await writeTemplateFile(sample(40, 2).spec, file);
    const run = vr(['validate', file], { VR_MAX_FILE_MB: '0.01' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/VR_MAX_FILE_MB/);
  }, 60_000);

  test('not our template (FMT-01) and a newer template (FMT-02): exit 2, findings in JSON', async () => {
    const plain = new ExcelJS.Workbook();
    plain.addWorksheet('Sheet1').getCell('A1').value = 'Họ và tên';
    const foreign = path.join(dir, 'foreign.xlsx');
    await plain.xlsx.writeFile(foreign);
    const r1 = vr(['validate', foreign, '--json']);
    expect(r1.code).toBe(2);
    expect((JSON.parse(r1.stdout) as Json).findings.map((f) => f.rule)).toEqual(['FMT-01']);
    expect(r1.stderr.trim().split('\n')).toHaveLength(1);

    const { code, json } = await variantFindings(dir, 'newer.xlsx', (spec) => {
      sheetOf(spec, SHEET.meta).rows[1][1] = 99;
    });
    expect(code).toBe(2);
    expect(json.findings.map((f) => f.rule)).toEqual(['FMT-02']);
  }, 60_000);

  test('bad arguments are usage errors (exit 2), and fill refuses a non-template without touching it', () => {
    expect(vr(['validate', path.join(dir, 'blank.xlsx'), '--today', '15/01/2021']).code).toBe(2);
    expect(vr(['new', '--profile', 'nope', '--unit', 'X', '--year', '2020', '--quarter', '3', '-o', path.join(dir, 'n.xlsx')]).stderr).toMatch(/bac-ninh-2017/);
    expect(vr(['new', '--profile', 'bac-ninh-2017', '--unit', 'BN-TS', '--year', '2020', '--quarter', '5', '-o', path.join(dir, 'n.xlsx')]).code).toBe(2);
    const foreign = path.join(dir, 'foreign.xlsx');
    const before = sha256(foreign);
    const run = vr(['fill', foreign]);
    expect(run.code).toBe(2);
    expect(sha256(foreign)).toBe(before);
  }, 60_000);

  test('an existing workbook is never overwritten without --force, an earlier sample may be', () => {
    const again = path.join(dir, 'again.xlsx');
    expect(vr(['sample', '--rows', '3', '--seed', '1', '-o', again]).code).toBe(0);
    expect(vr(['sample', '--rows', '4', '--seed', '2', '-o', again]).code).toBe(0);
    const registry = path.join(dir, 'registry.xlsx');
    expect(vr(['new', '--profile', 'bac-ninh-2017', '--unit', 'BN-TS', '--year', '2020', '--quarter', '3', '-o', registry]).code).toBe(0);
    const before = sha256(registry);
    for (const args of [['sample', '--rows', '3', '--seed', '1', '-o', registry], ['new', '--profile', 'bac-ninh-2017', '--unit', 'BN-TS', '--year', '2020', '--quarter', '4', '-o', registry]]) {
      const run = vr(args);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/--force/);
    }
    expect(sha256(registry)).toBe(before);
  }, 60_000);
});
