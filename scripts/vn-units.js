/* Regenerates the official list of Viet Nam's commune-level units (src/profiles/data/vn-units/)
 * from the public dataset `thanglequoc/vietnamese-provinces-database`, built from the General
 * Statistics Office's list. Reads files given on the command line; downloads nothing.
 *
 *   node scripts/vn-units.js <simplified_json_generated_data_vn_units_*.json> \
 *     [--previous <file of release v3.0.2> --changed <file of release v3.1.0>]
 *
 * Writes one file per province (NN.json: code, names, units as [code, full name] pairs), an
 * index.json (source, legal acts, date in force, provinces, renames since the previous release)
 * and all.ts (imports every province, for the CLI, the inbox and the check). The renames are
 * those between the release before the acts of 30/04/2026 (v3.0.2) and the release that applied
 * them (v3.1.0); later releases only correct spellings, which are not changes of the State. */
'use strict';
const fs = require('fs');
const path = require('path');

const OUT = path.resolve(__dirname, '../src/profiles/data/vn-units');
const SOURCE = {
  dataset: 'thanglequoc/vietnamese-provinces-database',
  release: 'v4.2.0',
  file: 'json/simplified_json_generated_data_vn_units_2026-07-25__20_49_07.json',
  generated: '2026-07-25',
  built_from: 'Tổng cục Thống kê: danh mục đơn vị hành chính / General Statistics Office list of administrative units',
};
const LEGAL_ACTS = [
  { act: '19/2025/QĐ-TTg', in_force: '2025-07-01', subject: 'Bảng danh mục và mã số các đơn vị hành chính Việt Nam' },
  { act: '30/2026/QH16', in_force: '2026-04-30' },
  { act: '237/NQ-UBTVQH16', in_force: '2026-04-30' },
];
const IN_FORCE = '2026-04-30';
const PREFIXES = ['Phường', 'Xã', 'Đặc khu'];

function arg(name) {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

/** The unit's full name with its kind spelled as the list spells it (`xã Bắc Sơn` → `Xã Bắc Sơn`). */
function fullName(ward) {
  const name = ward.FullName.normalize('NFC').trim().replace(/\s+/g, ' ');
  const prefix = PREFIXES.find((p) => name.toLowerCase().startsWith(p.toLowerCase() + ' '));
  if (!prefix) throw new Error(`Unit ${ward.Code} "${name}": not a xã, phường or đặc khu`);
  return prefix + name.slice(prefix.length);
}

/** Tone marks after the vowel cluster, so `Hòa` and `Hoà` (old and new tone placement) compare equal. */
function toneKey(name) {
  return name
    .normalize('NFD')
    .toLowerCase()
    .split(' ')
    .map((s) => {
      const tones = s.match(/[\u0300\u0301\u0303\u0309\u0323]/g) || [];
      return s.replace(/[\u0300\u0301\u0303\u0309\u0323]/g, '') + tones.join('');
    })
    .join(' ');
}

function read(file) {
  const provinces = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!Array.isArray(provinces)) throw new Error(`${file}: expected an array of provinces`);
  return provinces.map((p) => ({
    code: String(p.Code),
    name: p.Name.normalize('NFC'),
    full_name: p.FullName.normalize('NFC'),
    units: p.Wards.map((w) => {
      if (w.ProvinceCode !== p.Code) throw new Error(`Unit ${w.Code} lists province ${w.ProvinceCode} inside ${p.Code}`);
      return [String(w.Code), fullName(w)];
    }).sort((a, b) => a[0].localeCompare(b[0])),
  }));
}

/** Units whose name changed between two releases beyond tone placement (e.g. Xã → Phường). */
function renames(previous, current, date, act) {
  const before = new Map();
  for (const p of previous) for (const [code, name] of p.units) before.set(code, name);
  const out = [];
  for (const p of current) {
    for (const [code, name] of p.units) {
      const old = before.get(code);
      if (old !== undefined && toneKey(old) !== toneKey(name)) {
        out.push({ old_code: code, old_name: old, new_code: code, new_name: name, province_code: p.code, date, act });
      }
    }
  }
  return out;
}

function main() {
  const file = process.argv[2];
  if (!file || file.startsWith('--')) {
    process.stderr.write('usage: node scripts/vn-units.js <simplified_json…json> [--previous <v3.0.2 file> --changed <v3.1.0 file>]\n');
    process.exit(2);
  }
  const provinces = read(file).sort((a, b) => a.code.localeCompare(b.code));
  const previousFile = arg('--previous');
  const changedFile = arg('--changed');
  const changes = previousFile && changedFile ? renames(read(previousFile), read(changedFile), IN_FORCE, '30/2026/QH16; 237/NQ-UBTVQH16') : [];
  fs.mkdirSync(OUT, { recursive: true });
  for (const p of provinces) fs.writeFileSync(path.join(OUT, `${p.code}.json`), JSON.stringify(p) + '\n');
  const index = {
    list: `vn-units-${IN_FORCE}`,
    in_force_from: IN_FORCE,
    source: { ...SOURCE, changes_from: changes.length ? 'v3.0.2 → v3.1.0' : null },
    legal_acts: LEGAL_ACTS,
    unit_count: provinces.reduce((n, p) => n + p.units.length, 0),
    provinces: provinces.map((p) => ({ code: p.code, name: p.name, full_name: p.full_name, units: p.units.length })),
    changes,
  };
  fs.writeFileSync(path.join(OUT, 'index.json'), JSON.stringify(index, null, 1) + '\n');
  const lines = [
    '/* Generated by scripts/vn-units.js: every province of the official list (Node and the check only;',
    ' * the pane loads one province at a time). Do not edit. */',
    "import type { ProvinceUnits } from '../../officialList';",
    ...provinces.map((p) => `import p${p.code} from './${p.code}.json';`),
    '',
    `export const ALL_PROVINCES: readonly ProvinceUnits[] = [${provinces.map((p) => `p${p.code}`).join(', ')}] as ProvinceUnits[];`,
    '',
  ];
  fs.writeFileSync(path.join(OUT, 'all.ts'), lines.join('\n'));
  process.stdout.write(`${provinces.length} provinces, ${index.unit_count} units, ${changes.length} renames → ${path.relative(process.cwd(), OUT)}\n`);
}

main();
