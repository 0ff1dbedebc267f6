/**
 * `vr units update --from FILE` as a maintainer runs it: on a copy of the project's list, with a
 * release file in the upstream's own shape (docs/units.md).
 */
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, ensureBuilt, sha256, tempDir, vr } from './helpers';
import type { OfficialListIndex, ProvinceUnits } from '../../src/profiles/officialList';

beforeAll(() => ensureBuilt(), 180_000);

const DATA = path.join(ROOT, 'src', 'profiles', 'data', 'vn-units');

function copyList(): string {
  const dir = tempDir('vr-units-');
  for (const f of fs.readdirSync(DATA)) fs.copyFileSync(path.join(DATA, f), path.join(dir, f));
  return dir;
}

function readList(dir: string): { index: OfficialListIndex; provinces: ProvinceUnits[] } {
  const index = JSON.parse(fs.readFileSync(path.join(dir, 'index.json'), 'utf8')) as OfficialListIndex;
  return { index, provinces: index.provinces.map((p) => JSON.parse(fs.readFileSync(path.join(dir, `${p.code}.json`), 'utf8')) as ProvinceUnits) };
}

/** The list as the upstream's `simplified_json_generated_data_vn_units_<date>.json` spells it. */
function writeRelease(file: string, provinces: ProvinceUnits[]): void {
  const json = provinces.map((p) => ({
    Code: p.code,
    Name: p.name,
    NameEn: '',
    FullName: p.full_name,
    Wards: p.units.map(([code, name]) => ({ Code: code, Name: name.replace(/^(Xã|Phường|Đặc khu) /u, ''), FullName: name, ProvinceCode: p.code })),
  }));
  fs.writeFileSync(file, JSON.stringify(json, null, 1));
}

function hashes(dir: string): Record<string, string> {
  return Object.fromEntries(fs.readdirSync(dir).map((f) => [f, sha256(path.join(dir, f))]));
}

/** Khánh Hoà (56) after an imagined act: Tây Nha Trang merged into Nha Trang, Cam Hiệp recoded,
 *  Cam Lâm renamed, a new ward, Cam An dissolved with no successor named. */
function khanhHoaRelease(dir: string): ProvinceUnits[] {
  const { provinces } = readList(dir);
  const kh = provinces.find((p) => p.code === '56')!;
  const drop = new Set(['22390', '22435', '22465']);
  kh.units = kh.units.filter(([c]) => !drop.has(c));
  kh.units.push(['22436', 'Xã Cam Hiệp'], ['22999', 'Phường Hòn Chồng']);
  kh.units.find((u) => u[0] === '22453')![1] = 'Phường Cam Lâm';
  kh.units.sort((a, b) => a[0].localeCompare(b[0]));
  return provinces;
}

describe('vr units update', () => {
  test('previews, then writes the release with the act and day in force, and keeps the history', () => {
    const dir = copyList();
    const release = path.join(tempDir(), 'simplified_json_generated_data_vn_units_2027-01-02__10_00_00.json');
    writeRelease(release, khanhHoaRelease(dir));
    const before = hashes(dir);

    const preview = vr(['units', 'update', '--from', release, '--data', dir, '--dry-run', '--successor', '22390=22366']);
    expect(preview.code).toBe(0);
    expect(preview.stdout).toContain('Đổi tên / renamed (1):\n    22453 Xã Cam Lâm → 22453 Phường Cam Lâm  [56 Khánh Hoà]');
    expect(preview.stdout).toContain('Đổi mã / recoded (1):\n    22435 Xã Cam Hiệp → 22436 Xã Cam Hiệp');
    expect(preview.stdout).toContain('Sáp nhập / merged (1):\n    22390 Phường Tây Nha Trang → 22366 Phường Nha Trang');
    expect(preview.stdout).toContain('Thành lập / new (1):\n    22999 Phường Hòn Chồng');
    expect(preview.stdout).toContain('Không còn trong danh mục / removed (1):\n    22465 Xã Cam An');
    expect(preview.stdout).toMatch(/--successor OLD=NEW/);
    expect(hashes(dir)).toEqual(before);

    const noAct = vr(['units', 'update', '--from', release, '--data', dir]);
    expect(noAct.code).toBe(2);
    expect(noAct.stderr).toMatch(/^Bản này có 5 thay đổi: ghi văn bản và ngày hiệu lực .* \| This release has 5 change\(s\): give the legal act/);
    expect(hashes(dir)).toEqual(before);

    const run = vr(['units', 'update', '--from', release, '--data', dir, '--act', '999/NQ-UBTVQH16', '--in-force', '2027-01-01', '--release', 'v9.0.0', '--successor', '22390=22366']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('— 999/NQ-UBTVQH16, hiệu lực / in force 01/01/2027');
    const after = readList(dir);
    expect(after.index).toMatchObject({ list: 'vn-units-2027-01-01', in_force_from: '2027-01-01', source: { release: 'v9.0.0', generated: '2027-01-02' } });
    expect(after.index.legal_acts.at(-1)).toEqual({ act: '999/NQ-UBTVQH16', in_force: '2027-01-01' });
    const recorded = after.index.changes.filter((c) => c.act === '999/NQ-UBTVQH16').map((c) => [c.kind, c.old_code, c.new_code]);
    expect(recorded).toEqual([
      ['renamed', '22453', '22453'],
      ['merged', '22390', '22366'],
      ['recoded', '22435', '22436'],
      ['removed', '22465', null],
      ['new', null, '22999'],
    ]);
    // The history written before is kept.
    expect(after.index.changes.filter((c) => c.act === '388/NQ-UBTVQH16')).toHaveLength(12);
    const kh = after.provinces.find((p) => p.code === '56')!;
    expect(after.index.provinces.find((p) => p.code === '56')!.units).toBe(kh.units.length);
    expect(after.index.unit_count).toBe(after.provinces.reduce((n, p) => n + p.units.length, 0));
    expect(fs.readFileSync(path.join(dir, 'all.ts'), 'utf8')).toContain("import p56 from './56.json';");

    // The same release again changes nothing and writes nothing.
    const written = hashes(dir);
    const again = vr(['units', 'update', '--from', release, '--data', dir, '--act', '999/NQ-UBTVQH16', '--in-force', '2027-01-01', '--release', 'v9.0.0']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('No changes');
    expect(hashes(dir)).toEqual(written);
  });

  test('a release that breaks an invariant (a code twice) is refused, and nothing is written', () => {
    const dir = copyList();
    const { provinces } = readList(dir);
    provinces.find((p) => p.code === '56')!.units.push(['09367', 'Phường Từ Sơn Hai']);
    provinces.find((p) => p.code === '56')!.units.sort((a, b) => a[0].localeCompare(b[0]));
    const release = path.join(tempDir(), 'release.json');
    writeRelease(release, provinces);
    const before = hashes(dir);
    const run = vr(['units', 'update', '--from', release, '--data', dir, '--act', 'X', '--in-force', '2027-01-01']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/không ghi gì: Mã đơn vị 09367 thuộc cả tỉnh 24 và tỉnh 56\..*\| .*nothing written: Unit code 09367 is in both province 24 and province 56\./);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(hashes(dir)).toEqual(before);
  });

  test('an upstream SQL patch is applied to the list as it stands, and one for another base is refused', () => {
    const dir = copyList();
    const patch = path.join(tempDir(), 'v9.1.0_patch.sql');
    fs.writeFileSync(
      patch,
      `/*\n * Release: v9.1.0\n */\nUPDATE wards\nSET full_name = 'Phường Cam Lâm',\n    administrative_unit_id = 3\nWHERE code = '22453';\n` +
        `DELETE FROM vn_provinces_metadata;\nINSERT INTO vn_provinces_metadata(dataset_version, latest_decree, generated_at)\nVALUES ('v9.1.0', '998/NQ-UBTVQH16', '2027-02-01 10:00:00');\n`,
    );
    const run = vr(['units', 'update', '--from', patch, '--data', dir, '--in-force', '2027-02-15']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('v5.2.0 → v9.1.0 — 998/NQ-UBTVQH16, hiệu lực / in force 15/02/2027');
    const after = readList(dir);
    expect(after.index.source).toMatchObject({ release: 'v9.1.0', file: 'patch/v9.1.0/v9.1.0_patch.sql' });
    expect(after.index.changes.at(-1)).toMatchObject({ kind: 'renamed', old_name: 'Xã Cam Lâm', new_name: 'Phường Cam Lâm', act: '998/NQ-UBTVQH16', release: 'v9.1.0' });

    fs.writeFileSync(patch, `UPDATE wards SET code = '06970' WHERE code = '06978';`);
    const old = vr(['units', 'update', '--from', patch, '--data', dir, '--in-force', '2027-02-15']);
    expect(old.code).toBe(2);
    expect(old.stderr).toContain('changes code 06978, which the current list does not have');
  });

  test('a retired code makes no new workbook: vr new names its successor', () => {
    const out = path.join(tempDir(), 'x.xlsx');
    const run = vr(['new', '--profile', 'vn-2025', '--unit', '06978', '--year', '2026', '--quarter', '4', '-o', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Mã đơn vị "06978" không còn dùng: Xã Ba Chẽ (06978) đã đổi mã từ 08/08/2026');
    expect(run.stderr).toContain('dùng mã 06970');
    expect(fs.existsSync(out)).toBe(false);
  });
});
