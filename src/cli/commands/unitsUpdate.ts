/**
 * `vr units update --from FILE`: brings the official list of units (src/profiles/data/vn-units/)
 * to a release of the upstream dataset, prints what changed with the act and the day in force,
 * and keeps that history in index.json, so a workbook made under an older list still validates
 * (docs/units.md). Every file is computed and checked before the first one is written.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { UserError } from '../../domain/errors';
import type { ProvinceChange, UnitChange } from '../../domain/unitHistory';
import { ListUpdateError, applyPatch, diffLists, isEmptyDiff, listProblems, readPatchSql, readReleaseJson, type ListDiff, type ListPatch } from '../../profiles/listUpdate';
import type { OfficialListIndex, ProvinceUnits } from '../../profiles/officialList';

export interface UnitsUpdateOptions {
  from: string;
  act?: string;
  provinceAct?: string;
  inForce?: string;
  release?: string;
  successor?: string[];
  data?: string;
  dryRun?: boolean;
  correction?: boolean;
}

/** The project's own data folder (the command runs from src/ under ts-node or from dist/). */
export function defaultDataDir(): string {
  return path.resolve(__dirname, '..', '..', '..', 'src', 'profiles', 'data', 'vn-units');
}

const DATASET = 'thanglequoc/vietnamese-provinces-database';
/** What a correction of the dataset records in place of an act (no act of the State changed it). */
export const CORRECTION_ACT = 'Đính chính bộ dữ liệu (không phải văn bản mới) / dataset correction';
const BUILT_FROM = 'Tổng cục Thống kê: danh mục đơn vị hành chính / General Statistics Office list of administrative units';

function bad(vi: string, en: string): UserError {
  return new UserError('bad_argument', vi, en);
}

function isoDay(flag: string, text: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  const d = m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : null;
  if (!m || !d || d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3]) {
    throw bad(`Giá trị ${flag} "${text}" không hợp lệ: cần ngày dạng yyyy-mm-dd, ví dụ 2026-09-20.`, `Invalid ${flag} "${text}": expected a date as yyyy-mm-dd, e.g. 2026-09-20.`);
  }
  return text.trim();
}

function vnDay(iso: string): string {
  return iso.split('-').reverse().join('/');
}

/** `--successor 06978=06970`, `--successor 12345=12346+12347` (split). */
function successorsArg(list: readonly string[] | undefined): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const item of list ?? []) {
    const m = /^\s*(\d{5})\s*=\s*(\d{5}(?:\s*[+,]\s*\d{5})*)\s*$/.exec(item);
    if (!m) {
      throw bad(
        `Giá trị --successor "${item}" không hợp lệ: ghi MÃ_CŨ=MÃ_MỚI (sáp nhập) hoặc MÃ_CŨ=MÃ1+MÃ2 (chia tách), mã 5 chữ số.`,
        `Invalid --successor "${item}": write OLD=NEW (merge) or OLD=NEW1+NEW2 (split), 5-digit codes.`,
      );
    }
    out.set(m[1], m[2].split(/[+,]/).map((s) => s.trim()));
  }
  return out;
}

async function readJson<T>(file: string): Promise<T> {
  return JSON.parse(await fs.readFile(file, 'utf8')) as T;
}

/** The list as it stands in the data folder. */
async function readCurrent(dir: string): Promise<{ index: OfficialListIndex; provinces: ProvinceUnits[] }> {
  let index: OfficialListIndex;
  try {
    index = await readJson<OfficialListIndex>(path.join(dir, 'index.json'));
  } catch {
    throw new UserError(
      'file_missing',
      `Không đọc được danh mục hiện có ở ${dir} (index.json): chạy lệnh trong bản sao mã nguồn của dự án, hoặc chỉ thư mục bằng --data.`,
      `Cannot read the current list in ${dir} (index.json): run the command in a checkout of the project, or name the folder with --data.`,
    );
  }
  const provinces = await Promise.all(index.provinces.map((p) => readJson<ProvinceUnits>(path.join(dir, `${p.code}.json`))));
  return { index: { ...index, changes: index.changes ?? [], province_changes: index.province_changes ?? [] }, provinces };
}

/** The release as a list: a JSON list file as is, an SQL patch applied to the current list. */
async function readRelease(file: string, current: ProvinceUnits[]): Promise<{ provinces: ProvinceUnits[]; patch: ListPatch | null; generated: string | null }> {
  let text: string;
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) throw new Error('not a file');
    text = await fs.readFile(file, 'utf8');
  } catch {
    throw new UserError('file_missing', `Không đọc được tệp ${file}: kiểm tra đường dẫn.`, `Cannot read the file ${file}: check the path.`);
  }
  const name = path.basename(file);
  const generated = /(\d{4}-\d{2}-\d{2})__/.exec(name)?.[1] ?? null;
  if (/\.sql$/i.test(file)) {
    const patch = readPatchSql(text, name);
    return { provinces: applyPatch(current, patch, name), patch, generated: patch.generated };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new UserError(
      'bad_argument',
      `${name}: không phải JSON. Dùng tệp danh mục của bản phát hành (json/simplified_json_generated_data_vn_units_….json) hoặc bản vá SQL (patch/vX.Y.Z/vX.Y.Z_patch.sql).`,
      `${name}: not JSON. Use the release's list file (json/simplified_json_generated_data_vn_units_….json) or its SQL patch (patch/vX.Y.Z/vX.Y.Z_patch.sql).`,
    );
  }
  return { provinces: readReleaseJson(data, name).sort((a, b) => a.code.localeCompare(b.code)), patch: null, generated };
}

const KIND_LINES: Record<UnitChange['kind'], string> = {
  renamed: 'Đổi tên / renamed',
  recoded: 'Đổi mã / recoded',
  merged: 'Sáp nhập / merged',
  split: 'Chia tách / split',
  new: 'Thành lập / new',
  removed: 'Không còn trong danh mục / removed',
};

function describe(diff: ListDiff, names: Map<string, string>): string[] {
  const lines: string[] = [];
  for (const kind of Object.keys(KIND_LINES) as UnitChange['kind'][]) {
    const list = diff.changes.filter((c) => c.kind === kind);
    if (list.length === 0) continue;
    lines.push(`  ${KIND_LINES[kind]} (${list.length}):`);
    for (const c of list) {
      const province = `${c.province_code} ${names.get(c.province_code) ?? ''}`.trim();
      const before = c.old_code ? `${c.old_code} ${c.old_name}` : '';
      const after = c.new_code ? `${c.new_code} ${c.new_name}` : '';
      lines.push(`    ${[before, after].filter(Boolean).join(' → ')}  [${province}]`);
    }
  }
  if (diff.province_changes.length > 0) {
    lines.push(`  Tỉnh, thành phố / provinces (${diff.province_changes.length}):`);
    for (const p of diff.province_changes) lines.push(`    ${p.code} ${p.old_full_name} → ${p.new_full_name}  (${p.act}, ${vnDay(p.date)})`);
  }
  if (diff.provinces_added.length > 0) lines.push(`  Tỉnh mới / new provinces: ${diff.provinces_added.join(', ')}`);
  if (diff.provinces_removed.length > 0) lines.push(`  Tỉnh không còn / provinces removed: ${diff.provinces_removed.join(', ')}`);
  if (diff.respelled.length > 0) {
    lines.push(`  Sửa cách viết dấu (không phải thay đổi của Nhà nước) / spelling only (${diff.respelled.length}): ${diff.respelled.map((r) => `${r.code} ${r.new_name}`).join('; ')}`);
  }
  return lines;
}

function sameChange(a: UnitChange, b: UnitChange): boolean {
  return a.kind === b.kind && a.old_code === b.old_code && a.new_code === b.new_code && a.old_name === b.old_name && a.new_name === b.new_name && a.date === b.date;
}

function sameProvinceChange(a: ProvinceChange, b: ProvinceChange): boolean {
  return a.code === b.code && a.old_full_name === b.old_full_name && a.new_full_name === b.new_full_name && a.date === b.date;
}

function allTs(provinces: readonly ProvinceUnits[]): string {
  return [
    '/* Written by `vr units update` (docs/units.md): every province of the official list (Node and the',
    ' * check only; the pane loads one province at a time). Do not edit. */',
    "import type { ProvinceUnits } from '../../officialList';",
    ...provinces.map((p) => `import p${p.code} from './${p.code}.json';`),
    '',
    `export const ALL_PROVINCES: readonly ProvinceUnits[] = [${provinces.map((p) => `p${p.code}`).join(', ')}] as ProvinceUnits[];`,
    '',
  ].join('\n');
}

/** Writes a file whole or not at all (a temporary file renamed over the old one). */
async function writeWhole(file: string, text: string): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, text);
  await fs.rename(tmp, file);
}

export async function runUnitsUpdate(opts: UnitsUpdateOptions, write: (text: string) => void = (t) => process.stdout.write(t)): Promise<number> {
  const dir = path.resolve(opts.data ?? defaultDataDir());
  const successors = successorsArg(opts.successor);
  const current = await readCurrent(dir);
  let release: Awaited<ReturnType<typeof readRelease>>;
  let diff: ListDiff;
  const releaseName = opts.release?.trim() || null;
  try {
    release = await readRelease(opts.from, current.provinces);
    const problems = listProblems(release.provinces);
    if (problems.length > 0) {
      const shown = problems.slice(0, 8);
      const more = problems.length > shown.length ? ` (+${problems.length - shown.length})` : '';
      throw new ListUpdateError(
        `${path.basename(opts.from)}: danh mục mới không đạt ${problems.length} điều kiện, không ghi gì: ${shown.map((p) => p.vi).join(' ')}${more}`,
        `${path.basename(opts.from)}: the new list breaks ${problems.length} invariant(s); nothing written: ${shown.map((p) => p.en).join(' ')}${more}`,
      );
    }
    const patchRelease = release.patch?.release ?? null;
    diff = diffLists(current.provinces, release.provinces, {
      act: opts.correction ? CORRECTION_ACT : opts.act?.trim() || release.patch?.latest_act || '?',
      province_act: opts.provinceAct?.trim() || undefined,
      date: opts.inForce ? isoDay('--in-force', opts.inForce) : '0000-00-00',
      release: releaseName ?? patchRelease,
      successors,
    });
  } catch (error) {
    if (error instanceof ListUpdateError) throw new UserError('bad_argument', error.vi, error.en);
    throw error;
  }
  const releaseLabel = releaseName ?? release.patch?.release ?? path.basename(opts.from);
  const names = new Map(release.provinces.map((p) => [p.code, p.name]));
  const stateChanges = diff.changes.length + diff.province_changes.length + diff.provinces_added.length + diff.provinces_removed.length;
  const head = `Danh mục đơn vị / official list: ${current.index.source.release} → ${releaseLabel}`;

  if (isEmptyDiff(diff)) {
    write(`${head}\n  Không có thay đổi: danh mục đã như bản này. / No changes: the list already matches this release.\n`);
    if (opts.dryRun || current.index.source.release === releaseLabel) return 0;
  } else {
    if (stateChanges > 0 && !opts.dryRun && (!opts.inForce || !(opts.correction || opts.act?.trim() || release.patch?.latest_act))) {
      throw bad(
        `Bản này có ${stateChanges} thay đổi: ghi văn bản và ngày hiệu lực đọc trong ghi chú phát hành, ví dụ --act 388/NQ-UBTVQH16 --in-force 2026-09-20 (xem trước bằng --dry-run).`,
        `This release has ${stateChanges} change(s): give the legal act and the day in force from its release notes, e.g. --act 388/NQ-UBTVQH16 --in-force 2026-09-20 (preview with --dry-run).`,
      );
    }
    const act = diff.changes[0]?.act ?? diff.province_changes[0]?.act ?? '';
    const when = opts.inForce ? `, hiệu lực / in force ${vnDay(opts.inForce)}` : '';
    write([`${head}${act && act !== '?' ? ` — ${act}` : ''}${when}`, ...describe(diff, names), ''].join('\n'));
    const removed = diff.changes.filter((c) => c.kind === 'removed');
    if (removed.length > 0) {
      write(
        `  Chú ý: ${removed.length} mã không còn và không có đơn vị kế thừa. Nếu đã sáp nhập, chạy lại với --successor MÃ_CŨ=MÃ_MỚI. / ` +
          `Note: ${removed.length} code(s) gone with no successor; if merged, run again with --successor OLD=NEW.\n`,
      );
    }
  }
  const unitCount = release.provinces.reduce((n, p) => n + p.units.length, 0);
  if (opts.dryRun) {
    write(`Xem trước, không ghi gì / preview, nothing written: ${release.provinces.length} tỉnh / provinces, ${unitCount} đơn vị / units.\n`);
    return 0;
  }

  const date = opts.inForce ? isoDay('--in-force', opts.inForce) : current.index.in_force_from;
  const changes = [...current.index.changes];
  for (const c of diff.changes) if (!changes.some((x) => sameChange(x, c))) changes.push(c);
  const provinceChanges = [...current.index.province_changes];
  for (const c of diff.province_changes) if (!provinceChanges.some((x) => sameProvinceChange(x, c))) provinceChanges.push(c);
  const acts = [...current.index.legal_acts];
  const newActs = new Set([...diff.changes.map((c) => c.act), ...diff.province_changes.map((c) => c.act)]);
  for (const a of newActs) if (a !== '?' && a !== CORRECTION_ACT && !acts.some((x) => x.act === a)) acts.push({ act: a, in_force: date });
  const inForce = stateChanges > 0 && date > current.index.in_force_from ? date : current.index.in_force_from;
  const index: OfficialListIndex = {
    list: `vn-units-${inForce}`,
    in_force_from: inForce,
    source: {
      dataset: DATASET,
      release: releaseLabel,
      file: release.patch ? `patch/${releaseLabel}/${path.basename(opts.from)}` : `json/${path.basename(opts.from)}`,
      generated: release.generated ?? current.index.source.generated,
      built_from: BUILT_FROM,
    },
    legal_acts: acts,
    unit_count: unitCount,
    provinces: release.provinces.map((p) => ({ code: p.code, name: p.name, full_name: p.full_name, units: p.units.length })),
    changes,
    province_changes: provinceChanges,
  };
  try {
    for (const p of release.provinces) await writeWhole(path.join(dir, `${p.code}.json`), JSON.stringify(p) + '\n');
    await writeWhole(path.join(dir, 'all.ts'), allTs(release.provinces));
    await writeWhole(path.join(dir, 'index.json'), JSON.stringify(index, null, 1) + '\n');
    for (const code of diff.provinces_removed) await fs.rm(path.join(dir, `${code}.json`), { force: true });
  } catch (error) {
    throw new UserError('write_failed', `Không ghi được danh mục vào ${dir}: ${(error as Error).message}.`, `Cannot write the list to ${dir}: ${(error as Error).message}.`);
  }
  write(
    `Đã ghi ${release.provinces.length} tỉnh, ${unitCount} đơn vị vào ${path.relative(process.cwd(), dir) || dir}; chạy npm run build:node && npm run build rồi commit. / ` +
      `Wrote ${release.provinces.length} provinces, ${unitCount} units; run npm run build:node && npm run build, then commit.\n`,
  );
  return 0;
}
