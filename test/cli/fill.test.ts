import * as fs from 'fs';
import * as path from 'path';
import { runFill } from '../../src/cli/commands/fill';
import { validateFile } from '../../src/cli/commands/validate';
import { buildTemplate } from '../../src/domain/template';
import { typeManualParts } from '../../src/domain/sampleReport';
import { REGISTRY_KEYS, SUPPORT_KEYS } from '../../src/domain/schema/registry';
import { findUnit, getProfile } from '../../src/profiles';
import { SUPPORT_TYPES_2011, PURPOSE } from '../../src/domain/codes';
import type { CellValue } from '../../src/domain/sheet';
import { readWorkbookFile } from '../../src/xlsx/read';
import { writeTemplateFile } from '../../src/xlsx/write';
import { readZip } from '../xlsx/zip';
import { sample, sha256, sheetOf, tempDir } from './helpers';

/** Counts written here from docs/workbook.md directly, not with buildReport. */
const START = Date.UTC(2020, 6, 1);
const END = Date.UTC(2020, 8, 30);
type Row = Record<string, CellValue>;
const inPeriod = (d: CellValue) => d instanceof Date && d.getTime() >= START && d.getTime() <= END;

function ageAtReceipt(r: Row): number {
  const rec = r.received_date as Date;
  const birth = typeof r.birth_date === 'string' ? new Date(Date.UTC(Number(r.birth_date), 6, 1)) : (r.birth_date as Date);
  let age = rec.getUTCFullYear() - birth.getUTCFullYear();
  if (rec.getUTCMonth() * 100 + rec.getUTCDate() < birth.getUTCMonth() * 100 + birth.getUTCDate()) age--;
  return age;
}

interface Figures {
  total: number;
  male: number;
  female: number;
  under16: number;
  age16to18: number;
  adult: number;
  amount?: number;
}

function figures(people: Row[]): Figures {
  const ages = people.map(ageAtReceipt);
  return {
    total: people.length,
    male: people.filter((p) => p.sex === 'Nam').length,
    female: people.filter((p) => p.sex === 'Nữ').length,
    under16: ages.filter((a) => a < 16).length,
    age16to18: ages.filter((a) => a >= 16 && a < 18).length,
    adult: ages.filter((a) => a >= 18).length,
  };
}

describe('vr fill writes the report computed from the registry', () => {
  const dir = tempDir();
  const file = path.join(dir, 'so.xlsx');
  const blankFile = path.join(dir, 'blank.xlsx');
  const profile = getProfile('bac-ninh-2017')!;
  const unit = findUnit(profile, 'BN-TS')!;
  const s = sample(400, 21);
  const registry: Row[] = sheetOf(s.spec, 'Sổ theo dõi').rows.slice(1).map((r) => Object.fromEntries(REGISTRY_KEYS.map((k, i) => [k, r[i] ?? null])));
  const support: Row[] = sheetOf(s.spec, 'Hỗ trợ').rows.slice(1).map((r) => Object.fromEntries(SUPPORT_KEYS.map((k, i) => [k, r[i] ?? null])));
  let report: CellValue[][] = [];

  const valueAt = (code: string, col: number): CellValue => report.find((row) => row[0] === code)?.[col] ?? null;
  const figuresAt = (code: string): Figures => ({
    total: Number(valueAt(code, 2)),
    male: Number(valueAt(code, 3)),
    female: Number(valueAt(code, 4)),
    under16: Number(valueAt(code, 5)),
    age16to18: Number(valueAt(code, 6)),
    adult: Number(valueAt(code, 7)),
  });

  beforeAll(async () => {
    // The sample with an empty report, as a clerk has it before pressing "Fill report".
    const blank = buildTemplate(profile, unit, 2020, 3, '2020-10-01T00:00:00.000Z');
    sheetOf(s.spec, 'Báo cáo quý').rows = sheetOf(blank, 'Báo cáo quý').rows;
    typeManualParts(sheetOf(s.spec, 'Báo cáo quý').rows, { done: unit.communes.length, total: unit.communes.length });
    await writeTemplateFile(s.spec, file);
    fs.copyFileSync(file, blankFile);
    await runFill(file, {}, () => undefined);
    report = (await readWorkbookFile(file)).sheets.find((x) => x.name === 'Báo cáo quý')!.rows;
  });

  test('rows 1 and 1.x: persons received in the period by channel, sex and age', () => {
    const received = registry.filter((r) => inPeriod(r.received_date));
    expect(received.length).toBeGreaterThan(100);
    expect(figuresAt('1')).toEqual(figures(received));
    const channels: Record<string, string> = { '1.1.1': 'Trao trả chính thức', '1.1.2': 'Tự trở về', '1.2.1': 'Được giải cứu', '1.2.2': 'Tự đến trình báo', '1.3': 'Người nước ngoài bị mua bán tại địa phương' };
    for (const [code, channel] of Object.entries(channels)) {
      expect([code, figuresAt(code)]).toEqual([code, figures(received.filter((r) => r.receipt_channel === channel))]);
    }
  });

  test('rows 2.x and 3.x: verification results in the period, victims by purpose', () => {
    const identified = registry.filter((r) => r.verification_status === 'Đã xác định là nạn nhân' && inPeriod(r.verification_date));
    expect(figuresAt('2.1')).toEqual(figures(identified));
    expect(figuresAt('2.2')).toEqual(figures(registry.filter((r) => r.verification_status === 'Không phải nạn nhân' && inPeriod(r.verification_date))));
    const pendingAtEnd = registry.filter(
      (r) => (r.received_date as Date).getTime() <= END && (r.verification_status === 'Chờ xác minh' || (r.verification_date as Date).getTime() > END),
    );
    expect(figuresAt('2.3').total).toBe(pendingAtEnd.length);
    PURPOSE.forEach((p, i) => {
      expect([`3.${i + 1}`, figuresAt(`3.${i + 1}`)]).toEqual([`3.${i + 1}`, figures(identified.filter((r) => r.purpose === p.vi))]);
    });
  });

  test('rows 4.x: each person once per support type in the period, amounts summed', () => {
    const byCase = new Map(registry.map((r) => [r.case_id, r]));
    SUPPORT_TYPES_2011.forEach((type, i) => {
      const given = support.filter((x) => x.type === type.vi && inPeriod(x.date));
      const persons = [...new Set(given.map((x) => x.case_id))].map((id) => byCase.get(id)!);
      const amount = given.reduce((sum, x) => sum + (typeof x.amount === 'number' ? x.amount : 0), 0);
      const code = `4.${i + 1}`;
      expect([code, figuresAt(code), Number(valueAt(code, 9) ?? 0)]).toEqual([code, figures(persons), amount]);
    });
  });

  test('rows 5.x and 6.x: minors received (not those found not to be victims by the end), referrals, year-to-date percentages', () => {
    const decidedBy = (r: Row) => r.verification_date instanceof Date && r.verification_date.getTime() <= END;
    const notVictim = (r: Row) => r.verification_status === 'Không phải nạn nhân' && decidedBy(r);
    const minorsOf = (rows: Row[]) => rows.filter((r) => ageAtReceipt(r) < 18 && !notVictim(r));
    const minors = minorsOf(registry.filter((r) => inPeriod(r.received_date)));
    const referred = minors.filter((r) => r.child_referral === 'Có');
    expect(figuresAt('5.1')).toEqual(figures(minors));
    expect(figuresAt('5.2')).toEqual(figures(referred));
    // Year to date: 01/01/2020 to the period's end.
    const ytd = registry.filter((r) => r.received_date instanceof Date && r.received_date.getTime() >= Date.UTC(2020, 0, 1) && r.received_date.getTime() <= END);
    expect(ytd.length).toBeGreaterThan(registry.filter((r) => inPeriod(r.received_date)).length);
    const pct = (n: number, d: number) => Math.round((1000 * n) / d) / 10;
    expect(valueAt('6.1', 2)).toBeCloseTo(pct(ytd.filter(decidedBy).length, ytd.length), 1);
    const minorsYtd = minorsOf(ytd);
    expect(valueAt('6.3', 2)).toBeCloseTo(pct(minorsYtd.filter((r) => r.child_referral === 'Có').length, minorsYtd.length), 1);
  });

  test('rows it cannot count are named in Ghi chú of row 1 and 4.x and in the output; a new fill replaces the note', async () => {
    const spec = sample(60, 4).spec;
    const reg = sheetOf(spec, 'Sổ theo dõi').rows;
    const sup = sheetOf(spec, 'Hỗ trợ').rows;
    const col = (key: string) => REGISTRY_KEYS.indexOf(key as never);
    const r0 = reg.findIndex((r, i) => i > 0 && inPeriod(r[col('received_date')]));
    reg[r0][col('sex')] = 'nu';
    const s0 = sup.findIndex((r, i) => i > 0 && inPeriod(r[SUPPORT_KEYS.indexOf('date')]));
    sup[s0][SUPPORT_KEYS.indexOf('type')] = 'Y te';
    const bad = path.join(dir, 'bad.xlsx');
    await writeTemplateFile(spec, bad);
    const lines: string[] = [];
    await runFill(bad, {}, (l) => lines.push(l));
    const rows = (await readWorkbookFile(bad)).sheets.find((x) => x.name === 'Báo cáo quý')!.rows;
    const notes = (code: string) => String(rows.find((row) => row[0] === code)?.[10] ?? '');
    expect(notes('1')).toContain(`1 dòng bị loại (dòng ${r0 + 1}: REG-02)`);
    expect(notes('1')).toMatch(/^Theo Ngày tiếp nhận/); // the template's explanation stays
    expect(notes('4.1')).toContain(`1 dòng sổ hỗ trợ bị loại (dòng ${s0 + 1}: REG-02)`);
    expect(lines.join('\n')).toContain(`Mục 1: 1 dòng bị loại (dòng ${r0 + 1}: REG-02) | Item 1: 1 row left out (row ${r0 + 1}: REG-02)`);
    // Fixed and filled again: the note goes, the explanation stays, nothing is repeated.
    reg[r0][col('sex')] = 'Nữ';
    sup[s0][SUPPORT_KEYS.indexOf('type')] = 'Y tế';
    const fixed = path.join(dir, 'fixed.xlsx');
    await writeTemplateFile({ ...spec, sheets: spec.sheets.map((sh) => (sh.name === 'Báo cáo quý' ? { ...sh, rows } : sh)) }, fixed);
    const again: string[] = [];
    await runFill(fixed, {}, (l) => again.push(l));
    const rows2 = (await readWorkbookFile(fixed)).sheets.find((x) => x.name === 'Báo cáo quý')!.rows;
    expect(String(rows2.find((row) => row[0] === '1')?.[10])).not.toContain('bị loại');
    expect(String(rows2.find((row) => row[0] === '1')?.[10])).toMatch(/^Theo Ngày tiếp nhận/);
    expect(again).toHaveLength(1);
  });

  test('the filled workbook passes every check and hand-typed rows stay as typed', async () => {
    const { exitCode, result } = await validateFile(file, { today: '2020-12-31' });
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(exitCode).toBe(0);
    expect(valueAt('7.1', 10)).toEqual(expect.stringContaining('Tiếp nhận'));
    expect(valueAt('6.4', 2)).toBe('12/12');
    // The header's period and date are filled too (the same domain function as the pane's fill).
    const header = (label: string) => report.find((row) => row[1] === label)?.[2];
    expect(header('Kỳ báo cáo:')).toBe('01/07/2020 - 30/09/2020');
    expect(header('Ngày lập:')).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
  });

  test('-o writes elsewhere and leaves the input byte for byte', async () => {
    const before = sha256(blankFile);
    const out = path.join(dir, 'out.xlsx');
    await runFill(blankFile, { output: out }, () => undefined);
    expect(sha256(blankFile)).toBe(before);
    expect(sha256(out)).toBe(sha256(file));
    expect(fs.existsSync(out)).toBe(true);
    expect(fs.readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    // Only the report sheet's part changed; every other part is the input's, byte for byte.
    const a = await readZip(fs.readFileSync(blankFile));
    const b = await readZip(fs.readFileSync(out));
    expect(b.map((e) => e.name)).toEqual(a.map((e) => e.name));
    const changed = b.filter((e) => !e.data.equals(a.find((x) => x.name === e.name)!.data)).map((e) => e.name);
    expect(changed).toEqual(['xl/worksheets/sheet4.xml']);
  });
});
