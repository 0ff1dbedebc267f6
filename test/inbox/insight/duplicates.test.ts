import '../../../src/profiles/officialAll';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { inboxInit } from '../../../src/cli/commands/inbox';
import type { CellValue } from '../../../src/domain/sheet';
import type { TemplateSpec } from '../../../src/domain/template';
import { parseWorkbook } from '../../../src/domain/parse';
import { matchPeople } from '../../../src/domain/personMatch';
import { hashedCaseKey } from '../../../src/inbox/insight/digest';
import { INBOX_KEY_FILE, loadMatchKey } from '../../../src/inbox/insight/matchKey';
import { getProfile } from '../../../src/profiles';
import { readWorkbookBuffer } from '../../../src/xlsx/read';
import { templateToBuffer } from '../../../src/xlsx/write';
import { registryCell, sampleParts, setRegistryCell, startTestInbox, tempDir, XLSX, type TestInbox } from '../helpers';

const PLANTED_NAME = 'Quàng Thị Phượng Vĩ';
const PLANTED_ID = '001190012345';
const OTHER_ID = '001190099999';

function birthYear(v: CellValue): number {
  if (v instanceof Date) return v.getUTCFullYear();
  if (typeof v === 'number') return v;
  const m = /(\d{4})$/.exec(String(v));
  return m ? Number(m[1]) : NaN;
}

/** Every file under a folder, recursively (the database, its WAL, the stored workbooks, keys). */
function allFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? allFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** DUP-01 across units: keyed hashes only; staff see two case IDs and the other unit. */
describe('DUP-01 across units with keyed hashes', () => {
  let inbox: TestInbox;
  let staff: { cookie: string };
  const cases: Record<string, string> = {};

  beforeAll(async () => {
    inbox = await startTestInbox({ encryptionKey: randomBytes(32) });
    await inbox.addStaff('minh', 'một mật khẩu dài');
    staff = await inbox.login('minh', 'một mật khẩu dài');
    const a = sampleParts({ unit: 'BN-TS', rows: 12, seed: 5 });
    const year = birthYear(registryCell(a.spec, 0, 'birth_date'));
    setRegistryCell(a.spec, 0, 'full_name', PLANTED_NAME);
    setRegistryCell(a.spec, 0, 'id_number', PLANTED_ID);
    cases['BN-TS'] = String(registryCell(a.spec, 0, 'case_id'));
    const specs: Record<string, TemplateSpec> = { 'BN-TS': a.spec };
    // The same name and birth year elsewhere: BN-TP with the same ID number (a pair), BN-TD with
    // another ID number (not a pair: both have one and they differ).
    for (const [unit, id] of [['BN-TP', PLANTED_ID], ['BN-TD', OTHER_ID]] as const) {
      const b = sampleParts({ unit, rows: 40, seed: 7 });
      const j = [...Array(40).keys()].find((i) => birthYear(registryCell(b.spec, i, 'birth_date')) === year);
      if (j === undefined) throw new Error(`no row born in ${year} in ${unit}`);
      setRegistryCell(b.spec, j, 'full_name', PLANTED_NAME.toUpperCase().normalize('NFD'));
      setRegistryCell(b.spec, j, 'id_number', id);
      cases[unit] = String(registryCell(b.spec, j, 'case_id'));
      specs[unit] = b.spec;
    }
    // Spelling variants, without ID numbers: the tone mark placed the other way (BN-YP), and one
    // letter off (BN-YP again, another person).
    const y = sampleParts({ unit: 'BN-YP', rows: 12, seed: 9 });
    for (const [row, ts, yp] of [[1, 'Lò Thị Hòa', 'Lò Thị Hoà'], [2, 'Cầm Thị Thoa', 'Cầm Thị Thao']] as const) {
      for (const [spec, name] of [[a.spec, ts], [y.spec, yp]] as const) {
        setRegistryCell(spec, row, 'full_name', name);
        setRegistryCell(spec, row, 'id_number', null);
        setRegistryCell(spec, row, 'birth_date', '1991');
      }
      cases[`${ts}`] = String(registryCell(a.spec, row, 'case_id'));
      cases[`${yp}`] = String(registryCell(y.spec, row, 'case_id'));
    }
    specs['BN-YP'] = y.spec;
    for (const [unit, spec] of Object.entries(specs)) {
      const token = await inbox.addUnit('bac-ninh-2017', unit);
      const res = await inbox.request('POST', '/api/submissions', { headers: { authorization: `Bearer ${token}`, 'content-type': XLSX }, body: await templateToBuffer(spec) });
      if (res.status !== 200) throw new Error(`upload ${unit} ${res.status} ${res.body.toString()}`);
    }
  }, 120_000);
  afterAll(() => inbox.close());

  test('the same name (any case, any Unicode form) and birth year with the same ID number in two units is one probable pair of case IDs, with its reason', async () => {
    const res = await inbox.request('GET', '/api/staff/insight/duplicates?profile=bac-ninh-2017&year=2020&quarter=3', { headers: { cookie: staff.cookie } });
    expect(res.status).toBe(200);
    const { pairs } = res.json();
    const planted = pairs.filter((p: { a: { case_id: string }; b: { case_id: string } }) =>
      [p.a.case_id, p.b.case_id].some((c) => Object.values(cases).includes(c)),
    );
    expect(planted).toContainEqual({
      rule: 'DUP-01',
      severity: 'info',
      level: 'probable',
      reasons: ['same_id', 'same_name_year'],
      same_id: true,
      a: { unit_code: 'BN-TP', case_id: cases['BN-TP'] },
      b: { unit_code: 'BN-TS', case_id: cases['BN-TS'] },
    });
    // Same name and year but two different ID numbers: two people.
    expect(planted.filter((p: { a: { unit_code: string }; b: { unit_code: string } }) => [p.a.unit_code, p.b.unit_code].includes('BN-TD'))).toEqual([]);
    const between = (x: string, y: string) =>
      pairs.find((p: { a: { case_id: string }; b: { case_id: string } }) => new Set([p.a.case_id, p.b.case_id]).size === 2 && [p.a.case_id, p.b.case_id].every((c) => [cases[x], cases[y]].includes(c)));
    expect(between('Lò Thị Hòa', 'Lò Thị Hoà')).toMatchObject({ level: 'probable', reasons: ['same_name_year'], same_id: false });
    expect(between('Cầm Thị Thoa', 'Cầm Thị Thao')).toMatchObject({ level: 'possible', reasons: ['similar_name_year'] });
    // Probable pairs come first.
    const levels = pairs.map((p: { level: string }) => p.level);
    expect(levels).toEqual([...levels].sort((x: string, y: string) => (x === y ? 0 : x === 'probable' ? -1 : 1)));
    // Only case IDs and unit codes leave the inbox: no name, no ID number.
    const text = res.body.toString('utf8');
    expect(text).not.toContain('Phượng');
    expect(text.toLowerCase()).not.toContain('quàng');
    expect(text).not.toContain(PLANTED_ID);
    for (const name of ['Hòa', 'Hoà', 'Thoa', 'Thao', 'Cầm']) expect(text).not.toContain(name);
  });

  test('no name or ID number is stored in clear anywhere in the data folder', async () => {
    const needles = [PLANTED_NAME, PLANTED_NAME.normalize('NFD'), PLANTED_NAME.toLowerCase(), 'Phượng Vĩ', 'phuong vi', 'quang thi', PLANTED_ID, 'Lò Thị', 'lo thi hoa', 'cam thi th'].flatMap((s) => [
      Buffer.from(s, 'utf8'),
      Buffer.from(s, 'utf16le'),
    ]);
    const files = allFiles(inbox.dir);
    expect(files.some((f) => f.endsWith('inbox.sqlite'))).toBe(true);
    for (const file of files) {
      const bytes = fs.readFileSync(file);
      for (const needle of needles) expect({ file, found: bytes.includes(needle) }).toEqual({ file, found: false });
    }
  });
});

describe('DUP-01 keys of rows the check would flag', () => {
  test('a birth written 03/1990 is hashed by its year, and a row without a birth date is matched by its ID number', async () => {
    const profile = getProfile('bac-ninh-2017')!;
    const key = randomBytes(32);
    const a = sampleParts({ unit: 'BN-TS', rows: 5, seed: 21 });
    const b = sampleParts({ unit: 'BN-TP', rows: 5, seed: 22 });
    setRegistryCell(a.spec, 0, 'full_name', 'Vàng Thị Dua');
    setRegistryCell(a.spec, 0, 'birth_date', '03/1990');
    setRegistryCell(a.spec, 0, 'id_number', null);
    setRegistryCell(b.spec, 0, 'full_name', 'Vàng Thị Dua');
    setRegistryCell(b.spec, 0, 'birth_date', '21/03/1990');
    setRegistryCell(b.spec, 0, 'id_number', null);
    setRegistryCell(a.spec, 1, 'birth_date', null);
    setRegistryCell(a.spec, 1, 'id_number', '001195000777');
    setRegistryCell(b.spec, 1, 'full_name', 'Another Name');
    setRegistryCell(b.spec, 1, 'id_number', '001195000777');
    const entries = [];
    for (const [unit, spec] of [['BN-TS', a.spec], ['BN-TP', b.spec]] as const) {
      for (const rec of parseWorkbook(await readWorkbookBuffer(await templateToBuffer(spec)), profile).registry.records) {
        const c = hashedCaseKey(rec, key);
        if (c) entries.push({ ...c, unit_code: unit });
      }
    }
    const found = matchPeople(entries).map((m) => ({ cases: [m.a.case_id, m.b.case_id].sort(), level: m.level, reasons: m.reasons }));
    const caseOf = (spec: TemplateSpec, i: number) => String(registryCell(spec, i, 'case_id'));
    expect(found).toContainEqual({ cases: [caseOf(a.spec, 0), caseOf(b.spec, 0)].sort(), level: 'probable', reasons: ['same_name_year'] });
    expect(found).toContainEqual({ cases: [caseOf(a.spec, 1), caseOf(b.spec, 1)].sort(), level: 'probable', reasons: ['same_id'] });
    // Only keyed hashes (HMAC-SHA-256, base64url): no name, number or date in what DUP-01 keeps.
    const hashes = entries.flatMap((e) => [e.id, ...e.keys.map((k) => k.text)]).filter((h): h is string => h !== null);
    expect(hashes.every((h) => /^[A-Za-z0-9_-]{43}$/.test(h))).toBe(true);
    const kept = JSON.stringify(entries);
    for (const needle of ['Vàng', 'vang thi dua', 'vang|', '001195000777', '03/1990']) expect(kept).not.toContain(needle);
  });
});

describe('DUP-01 on a vn-2025 province (Khánh Hoà, communes 22366 and 22333)', () => {
  test('Trần Văn Thủy and Tran Van Thuy of the same year in two communes are probably one person', async () => {
    const profile = getProfile('vn-2025')!;
    const key = randomBytes(32);
    const specs = [sampleParts({ profile: 'vn-2025', unit: '22366', rows: 8, seed: 31, year: 2026, quarter: 2 }), sampleParts({ profile: 'vn-2025', unit: '22333', rows: 8, seed: 32, year: 2026, quarter: 2 })];
    specs.forEach((p, i) => {
      setRegistryCell(p.spec, 0, 'full_name', i === 0 ? 'Trần Văn Thủy' : 'Tran Van Thuy');
      setRegistryCell(p.spec, 0, 'birth_date', i === 0 ? '14/07/1993' : '1993');
      setRegistryCell(p.spec, 0, 'id_number', null);
    });
    const entries = [];
    for (const p of specs) {
      for (const rec of parseWorkbook(await readWorkbookBuffer(await templateToBuffer(p.spec)), profile).registry.records) {
        const c = hashedCaseKey(rec, key);
        if (c) entries.push({ ...c, unit_code: p.unit.code });
      }
    }
    const planted = [String(registryCell(specs[0].spec, 0, 'case_id')), String(registryCell(specs[1].spec, 0, 'case_id'))].sort();
    const found = matchPeople(entries).find((m) => [m.a.case_id, m.b.case_id].sort().join() === planted.join());
    expect(found).toMatchObject({ level: 'probable', reasons: ['same_name_no_diacritics'] });
  });
});

describe('the inbox key DUP-01 hashes under', () => {
  test('`vr inbox init` creates it with mode 0600 when VR_INBOX_KEY is not set, and never replaces it', async () => {
    const dir = tempDir();
    try {
      const lines: string[] = [];
      const before = process.env.VR_INBOX_KEY;
      delete process.env.VR_INBOX_KEY;
      try {
        await inboxInit({ data: dir }, (l) => lines.push(l));
        const file = path.join(dir, INBOX_KEY_FILE);
        expect(fs.statSync(file).mode & 0o777).toBe(0o600);
        expect(lines.join('\n')).toContain(INBOX_KEY_FILE);
        const key = fs.readFileSync(file, 'utf8');
        await inboxInit({ data: dir }, () => undefined);
        expect(fs.readFileSync(file, 'utf8')).toBe(key);
        const config = { dataDir: dir, encryptionKey: null };
        expect((await loadMatchKey(config)).equals(await loadMatchKey(config))).toBe(true);
      } finally {
        if (before !== undefined) process.env.VR_INBOX_KEY = before;
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('with VR_INBOX_KEY set no key file is written and the hash key is derived from it', async () => {
    const dir = tempDir();
    try {
      const k1 = await loadMatchKey({ dataDir: dir, encryptionKey: Buffer.alloc(32, 1) });
      const k2 = await loadMatchKey({ dataDir: dir, encryptionKey: Buffer.alloc(32, 2) });
      expect(k1.equals(k2)).toBe(false);
      expect(k1.equals(Buffer.alloc(32, 1))).toBe(false);
      expect(fs.existsSync(path.join(dir, INBOX_KEY_FILE))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
