/**
 * Bringing the official list of units up to date from a release of the upstream dataset
 * (thanglequoc/vietnamese-provinces-database, built from the statistics office's list): read the
 * release (its full JSON list, or the SQL patch it publishes between releases), check the new
 * list's invariants, and tell what changed (renamed, recoded, merged, split, new, removed; a
 * province renamed) with the legal act and the day in force. Pure functions over text and data:
 * `vr units update` (src/cli/commands/unitsUpdate.ts) reads and writes the files. docs/units.md.
 */
import type { ProvinceChange, UnitChange } from '../domain/unitHistory';
import type { ProvinceUnits } from './officialList';

/** A problem with the release or the options, in both languages. */
export class ListUpdateError extends Error {
  constructor(
    readonly vi: string,
    readonly en: string,
  ) {
    super(en);
  }
}

export const UNIT_PREFIXES = ['Phường', 'Xã', 'Đặc khu'] as const;

function clean(text: string): string {
  return text.normalize('NFC').trim().replace(/\s+/g, ' ');
}

/** The unit's full name with its kind spelled as the list spells it (`xã Bắc Sơn` → `Xã Bắc Sơn`). */
export function unitFullName(raw: string): string {
  const name = clean(raw);
  const prefix = UNIT_PREFIXES.find((p) => name.toLocaleLowerCase('vi').startsWith(p.toLocaleLowerCase('vi') + ' '));
  return prefix ? prefix + name.slice(prefix.length) : name;
}

/** Tone marks after the letters of each syllable: `Hòa` and `Hoà` (old and new placement) agree. */
export function toneKey(name: string): string {
  return name
    .normalize('NFD')
    .toLocaleLowerCase('vi')
    .split(' ')
    .map((s) => {
      const tones = s.match(/[\u0300\u0301\u0303\u0309\u0323]/g) ?? [];
      return s.replace(/[\u0300\u0301\u0303\u0309\u0323]/g, '') + tones.join('');
    })
    .join(' ');
}

function bare(name: string): string {
  return toneKey(name.replace(/^(Phường|Xã|Đặc khu|Thị trấn) /u, ''));
}

// ---------------------------------------------------------------------------------------------
// Reading a release

interface UpstreamWard {
  Code?: unknown;
  FullName?: unknown;
  Name?: unknown;
  ProvinceCode?: unknown;
}
interface UpstreamProvince {
  Code?: unknown;
  Name?: unknown;
  FullName?: unknown;
  Wards?: unknown;
}

/**
 * The upstream's JSON list (`simplified_json_generated_data_vn_units_<date>.json`, or the `full_`
 * and `vn_only_` files of the same release: an array of provinces, each with its `Wards`). The
 * province a unit is filed under and the province it names must agree.
 */
export function readReleaseJson(data: unknown, file: string): ProvinceUnits[] {
  if (!Array.isArray(data)) {
    throw new ListUpdateError(
      `${file}: không phải tệp danh mục của bộ dữ liệu (cần một mảng JSON các tỉnh, mỗi tỉnh có "Wards").`,
      `${file}: not a list file of the dataset (expected a JSON array of provinces, each with "Wards").`,
    );
  }
  return (data as UpstreamProvince[]).map((p, i) => {
    const code = typeof p?.Code === 'string' || typeof p?.Code === 'number' ? String(p.Code) : '';
    if (!code || typeof p.Name !== 'string' || typeof p.FullName !== 'string' || !Array.isArray(p.Wards)) {
      throw new ListUpdateError(
        `${file}: phần tử thứ ${i + 1} không phải một tỉnh (cần Code, Name, FullName, Wards).`,
        `${file}: item ${i + 1} is not a province (Code, Name, FullName and Wards expected).`,
      );
    }
    const units = (p.Wards as UpstreamWard[]).map((w, j): [string, string] => {
      const wardCode = typeof w?.Code === 'string' || typeof w?.Code === 'number' ? String(w.Code) : '';
      if (!wardCode || typeof w.FullName !== 'string') {
        throw new ListUpdateError(
          `${file}: tỉnh ${code}, đơn vị thứ ${j + 1} thiếu Code hoặc FullName.`,
          `${file}: province ${code}, unit ${j + 1} has no Code or FullName.`,
        );
      }
      if (w.ProvinceCode !== undefined && String(w.ProvinceCode) !== code) {
        throw new ListUpdateError(
          `${file}: đơn vị ${wardCode} nằm trong tỉnh ${code} nhưng ghi mã tỉnh ${String(w.ProvinceCode)}.`,
          `${file}: unit ${wardCode} is listed in province ${code} but names province ${String(w.ProvinceCode)}.`,
        );
      }
      return [wardCode, unitFullName(w.FullName)];
    });
    return { code, name: clean(p.Name), full_name: clean(p.FullName), units: sortUnits(units) };
  });
}

function sortUnits(units: [string, string][]): [string, string][] {
  return units.sort((a, b) => a[0].localeCompare(b[0]));
}

/** What an upstream SQL patch changes, in the order it says. */
export interface ListPatch {
  release: string | null;
  latest_act: string | null;
  generated: string | null;
  steps: PatchStep[];
}

export type PatchStep =
  | { table: 'wards'; op: 'update'; code: string; set: Record<string, string> }
  | { table: 'wards'; op: 'insert'; row: Record<string, string> }
  | { table: 'wards'; op: 'delete'; code: string }
  | { table: 'provinces'; op: 'update'; code: string; set: Record<string, string> };

/** Statements split on `;` outside quotes, comments dropped. */
function statements(sql: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i];
    if (ch === "'") {
      const end = findQuoteEnd(sql, i);
      cur += sql.slice(i, end + 1);
      i = end;
    } else if (ch === '-' && sql[i + 1] === '-') {
      while (i < sql.length && sql[i] !== '\n') i++;
      cur += ' ';
    } else if (ch === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 1;
      cur += ' ';
    } else if (ch === ';') {
      if (cur.trim()) out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

function findQuoteEnd(sql: string, start: number): number {
  for (let i = start + 1; i < sql.length; i++) {
    if (sql[i] === "'") {
      if (sql[i + 1] === "'") i++;
      else return i;
    }
  }
  return sql.length - 1;
}

/** Values of a comma list of SQL literals: 'text' (with '' escapes), numbers, NULL. */
function literals(text: string): (string | null)[] {
  const out: (string | null)[] = [];
  const re = /\s*(?:'((?:[^']|'')*)'|(-?\d+(?:\.\d+)?)|(NULL))\s*(?:,|$)/giy;
  let m: RegExpExecArray | null;
  let last = 0;
  while (last < text.length && (m = re.exec(text)) !== null) {
    if (m[0] === '') break;
    out.push(m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2] !== undefined ? m[2] : null);
    last = re.lastIndex;
  }
  if (text.slice(last).trim() !== '') throw new Error(`bad literal list: ${text}`);
  return out;
}

function assignments(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /\s*([a-z_]+)\s*=\s*(?:'((?:[^']|'')*)'|(-?\d+)|NULL)\s*(?:,|$)/giy;
  let m: RegExpExecArray | null;
  let last = 0;
  while (last < text.length && (m = re.exec(text)) !== null) {
    if (m[0] === '') break;
    out[m[1].toLowerCase()] = m[2] !== undefined ? m[2].replace(/''/g, "'") : (m[3] ?? '');
    last = re.lastIndex;
  }
  if (text.slice(last).trim() !== '') throw new Error(`bad SET list: ${text}`);
  return out;
}

const IGNORED_TABLES = /^(?:administrative_regions|administrative_units|vn_provinces_metadata)$/i;

/**
 * An upstream patch (`patch/vX.Y.Z/vX.Y.Z_patch.sql`, for PostgreSQL): the `UPDATE`, `INSERT` and
 * `DELETE` statements on `wards` and `provinces`, keyed by code, and the release it names.
 * Anything else that touches those tables is refused, so nothing is silently left out.
 */
export function readPatchSql(sql: string, file: string): ListPatch {
  const patch: ListPatch = { release: null, latest_act: null, generated: null, steps: [] };
  const header = /Release:\s*(v\d+\.\d+\.\d+)/i.exec(sql);
  if (header) patch.release = header[1];
  const list = statements(sql);
  list.forEach((st, i) => {
    const flat = st.replace(/\s+/g, ' ');
    const fail = (): never => {
      throw new ListUpdateError(
        `${file}: câu lệnh thứ ${i + 1} không đọc được (${flat.slice(0, 80)}…): dùng tệp danh mục JSON của bản phát hành thay cho bản vá.`,
        `${file}: statement ${i + 1} cannot be read (${flat.slice(0, 80)}…): use the release's JSON list file instead of the patch.`,
      );
    };
    try {
      let m: RegExpExecArray | null;
      if ((m = /^UPDATE (wards|provinces) SET (.+) WHERE code ?= ?'(\d+)'$/i.exec(flat))) {
        const table = m[1].toLowerCase() as 'wards' | 'provinces';
        patch.steps.push({ table, op: 'update', code: m[3], set: assignments(m[2]) } as PatchStep);
      } else if ((m = /^DELETE FROM wards WHERE code ?= ?'(\d+)'$/i.exec(flat))) {
        patch.steps.push({ table: 'wards', op: 'delete', code: m[1] });
      } else if ((m = /^INSERT INTO wards ?\(([^)]*)\) VALUES (.+)$/i.exec(flat))) {
        const columns = m[1].split(',').map((c) => c.trim().toLowerCase());
        const tuples = m[2].match(/\((?:[^()']|'(?:[^']|'')*')*\)/g) ?? fail();
        for (const tuple of tuples) {
          const values = literals(tuple.slice(1, -1));
          if (values.length !== columns.length) fail();
          const row: Record<string, string> = {};
          columns.forEach((c, k) => {
            if (values[k] !== null) row[c] = values[k]!;
          });
          patch.steps.push({ table: 'wards', op: 'insert', row });
        }
      } else if ((m = /^INSERT INTO vn_provinces_metadata ?\(([^)]*)\) VALUES ?\((.+)\)$/i.exec(flat))) {
        const columns = m[1].split(',').map((c) => c.trim().toLowerCase());
        const values = literals(m[2]);
        const get = (name: string) => values[columns.indexOf(name)] ?? null;
        patch.release = get('dataset_version') ?? patch.release;
        patch.latest_act = get('latest_decree');
        patch.generated = get('generated_at')?.slice(0, 10) ?? null;
      } else if ((m = /^(?:CREATE TABLE (?:IF NOT EXISTS )?|DELETE FROM |UPDATE |INSERT INTO |ALTER TABLE |TRUNCATE (?:TABLE )?)([a-z_]+)/i.exec(flat))) {
        if (!IGNORED_TABLES.test(m[1])) fail();
      } else if (!/^(?:BEGIN|COMMIT|START TRANSACTION|SET [a-z_]+ ?(?:=|TO) )/i.test(flat)) {
        fail();
      }
    } catch (error) {
      if (error instanceof ListUpdateError) throw error;
      fail();
    }
  });
  if (patch.steps.length === 0) {
    throw new ListUpdateError(
      `${file}: bản vá không thay đổi đơn vị hay tỉnh nào.`,
      `${file}: the patch changes no unit and no province.`,
    );
  }
  return patch;
}

/** The list after a patch; a step on a code the list does not have is refused (wrong base). */
export function applyPatch(before: readonly ProvinceUnits[], patch: ListPatch, file: string): ProvinceUnits[] {
  const provinces = new Map(before.map((p) => [p.code, { ...p, units: p.units.map((u) => [...u] as [string, string]) }]));
  const where = (code: string) => [...provinces.values()].find((p) => p.units.some(([c]) => c === code));
  const missing = (code: string): never => {
    throw new ListUpdateError(
      `${file}: bản vá sửa mã ${code}, nhưng danh mục hiện có không có mã này: bản vá dành cho một bản phát hành khác; áp dụng các bản vá theo thứ tự.`,
      `${file}: the patch changes code ${code}, which the current list does not have: it is meant for another release; apply the patches in order.`,
    );
  };
  for (const step of patch.steps) {
    if (step.table === 'provinces') {
      const p = provinces.get(step.code) ?? missing(step.code);
      if (step.set.full_name) p.full_name = clean(step.set.full_name);
      if (step.set.name) p.name = clean(step.set.name);
      continue;
    }
    if (step.op === 'insert') {
      const code = step.row.code;
      const province = provinces.get(step.row.province_code ?? '');
      const name = step.row.full_name ?? (step.row.name ? `Xã ${step.row.name}` : undefined);
      if (!code || !province || !name) {
        throw new ListUpdateError(
          `${file}: một đơn vị thêm mới thiếu code, full_name hoặc province_code của một tỉnh có trong danh mục.`,
          `${file}: an inserted unit lacks its code, full_name, or the province_code of a province in the list.`,
        );
      }
      province.units.push([code, unitFullName(name)]);
      continue;
    }
    const province = where(step.code) ?? missing(step.code);
    const index = province.units.findIndex(([c]) => c === step.code);
    if (step.op === 'delete') {
      province.units.splice(index, 1);
      continue;
    }
    const unit = province.units[index];
    if (step.set.full_name) unit[1] = unitFullName(step.set.full_name);
    else if (step.set.name) unit[1] = unitFullName(`${unit[1].match(/^(Phường|Xã|Đặc khu)/u)?.[0] ?? 'Xã'} ${step.set.name}`);
    if (step.set.province_code && step.set.province_code !== province.code) {
      const target = provinces.get(step.set.province_code) ?? missing(step.set.province_code);
      province.units.splice(index, 1);
      target.units.push(unit);
    }
    if (step.set.code) unit[0] = step.set.code;
  }
  return [...provinces.values()].map((p) => ({ ...p, units: sortUnits(p.units) })).sort((a, b) => a.code.localeCompare(b.code));
}

// ---------------------------------------------------------------------------------------------
// Invariants

/**
 * What must hold for any list, whatever its size: 2-digit province codes, 5-digit unit codes,
 * each code once in the country, each unit in the province it is filed under (one province per
 * code), names in NFC with their kind (`Xã`, `Phường`, `Đặc khu`), no name twice in a province.
 * Returns the problems found, both languages (empty: the list is sound).
 */
export function listProblems(provinces: readonly ProvinceUnits[]): { vi: string; en: string }[] {
  const out: { vi: string; en: string }[] = [];
  const seen = new Map<string, string>();
  const provinceCodes = new Set<string>();
  if (provinces.length === 0) out.push({ vi: 'Danh mục không có tỉnh nào.', en: 'The list has no province.' });
  for (const p of provinces) {
    if (!/^\d{2}$/.test(p.code)) out.push({ vi: `Mã tỉnh "${p.code}" không phải 2 chữ số.`, en: `Province code "${p.code}" is not 2 digits.` });
    if (provinceCodes.has(p.code)) out.push({ vi: `Mã tỉnh ${p.code} xuất hiện hai lần.`, en: `Province code ${p.code} appears twice.` });
    provinceCodes.add(p.code);
    for (const [label, text] of [['tên tỉnh', p.name], ['tên đầy đủ của tỉnh', p.full_name]] as const) {
      if (!text || text !== text.normalize('NFC')) out.push({ vi: `Tỉnh ${p.code}: ${label} "${text}" không ở dạng NFC.`, en: `Province ${p.code}: name "${text}" is not NFC.` });
    }
    if (!/^(Tỉnh|Thành phố) \S/u.test(p.full_name)) {
      out.push({ vi: `Tỉnh ${p.code}: tên đầy đủ "${p.full_name}" không bắt đầu bằng "Tỉnh" hoặc "Thành phố".`, en: `Province ${p.code}: full name "${p.full_name}" does not start with "Tỉnh" or "Thành phố".` });
    }
    if (p.units.length === 0) out.push({ vi: `Tỉnh ${p.code} không có đơn vị nào.`, en: `Province ${p.code} has no unit.` });
    const names = new Map<string, string>();
    for (const [code, name] of p.units) {
      if (!/^\d{5}$/.test(code)) out.push({ vi: `Mã đơn vị "${code}" (${p.code}) không phải 5 chữ số.`, en: `Unit code "${code}" (${p.code}) is not 5 digits.` });
      const other = seen.get(code);
      if (other !== undefined) {
        out.push(
          other === p.code
            ? { vi: `Mã đơn vị ${code} xuất hiện hai lần trong tỉnh ${p.code}.`, en: `Unit code ${code} appears twice in province ${p.code}.` }
            : { vi: `Mã đơn vị ${code} thuộc cả tỉnh ${other} và tỉnh ${p.code}.`, en: `Unit code ${code} is in both province ${other} and province ${p.code}.` },
        );
      }
      seen.set(code, p.code);
      if (name !== name.normalize('NFC')) out.push({ vi: `Đơn vị ${code}: tên không ở dạng NFC.`, en: `Unit ${code}: its name is not NFC.` });
      if (!/^(Xã|Phường|Đặc khu) \S/u.test(name)) {
        out.push({ vi: `Đơn vị ${code} "${name}": tên không bắt đầu bằng Xã, Phường hoặc Đặc khu.`, en: `Unit ${code} "${name}": the name does not start with Xã, Phường or Đặc khu.` });
      }
      const key = toneKey(name);
      if (names.has(key)) out.push({ vi: `Tỉnh ${p.code}: hai đơn vị cùng tên "${name}" (${names.get(key)}, ${code}).`, en: `Province ${p.code}: two units named "${name}" (${names.get(key)}, ${code}).` });
      names.set(key, code);
    }
    const sorted = p.units.every((u, i) => i === 0 || p.units[i - 1][0] < u[0]);
    if (!sorted) out.push({ vi: `Tỉnh ${p.code}: các đơn vị không xếp theo mã.`, en: `Province ${p.code}: units are not sorted by code.` });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// What changed

export interface ListDiff {
  changes: UnitChange[];
  province_changes: ProvinceChange[];
  /** Spelling corrections of the dataset (tone placement only): not a change of the State. */
  respelled: { code: string; old_name: string; new_name: string }[];
  provinces_added: string[];
  provinces_removed: string[];
}

export interface DiffOptions {
  act: string;
  date: string;
  /** Act for province renames, when another act than the units' (e.g. 39/2026/QH16). */
  province_act?: string;
  release?: string | null;
  /** Old code → successor code(s), for merges and splits the list alone cannot show. */
  successors?: ReadonlyMap<string, readonly string[]>;
}

/**
 * The changes from one list to the next. A code still there with another name (beyond tone
 * placement) is renamed; a code gone is, in this order: mapped by `successors` (merged into a
 * unit that was already there, recoded to a new one, split over several), recoded when a new
 * code of its province has the same name, else removed. Codes new and unclaimed are new.
 */
export function diffLists(before: readonly ProvinceUnits[], after: readonly ProvinceUnits[], options: DiffOptions): ListDiff {
  const oldUnits = new Map<string, { name: string; province: string }>();
  const newUnits = new Map<string, { name: string; province: string }>();
  for (const p of before) for (const [c, n] of p.units) oldUnits.set(c, { name: n, province: p.code });
  for (const p of after) for (const [c, n] of p.units) newUnits.set(c, { name: n, province: p.code });
  const base = { date: options.date, act: options.act, release: options.release ?? null };
  const changes: UnitChange[] = [];
  const respelled: ListDiff['respelled'] = [];
  const claimed = new Set<string>();

  for (const [code, was] of oldUnits) {
    const now = newUnits.get(code);
    if (!now) continue;
    if (now.name !== was.name && toneKey(now.name) === toneKey(was.name) && now.province === was.province) {
      respelled.push({ code, old_name: was.name, new_name: now.name });
    } else if (now.name !== was.name || now.province !== was.province) {
      changes.push({ kind: 'renamed', old_code: code, old_name: was.name, new_code: code, new_name: now.name, province_code: now.province, ...base });
    }
  }

  const gone = [...oldUnits.keys()].filter((c) => !newUnits.has(c)).sort();
  const fresh = new Set([...newUnits.keys()].filter((c) => !oldUnits.has(c)));
  for (const code of gone) {
    const was = oldUnits.get(code)!;
    const mapped = options.successors?.get(code);
    if (mapped && mapped.length > 0) {
      for (const target of mapped) {
        const now = newUnits.get(target);
        if (!now) {
          throw new ListUpdateError(
            `--successor ${code}=${mapped.join('+')}: mã ${target} không có trong danh mục mới.`,
            `--successor ${code}=${mapped.join('+')}: code ${target} is not in the new list.`,
          );
        }
        const kind = mapped.length > 1 ? 'split' : fresh.has(target) && !claimed.has(target) ? 'recoded' : 'merged';
        changes.push({ kind, old_code: code, old_name: was.name, new_code: target, new_name: now.name, province_code: now.province, ...base });
        claimed.add(target);
      }
      continue;
    }
    const twin = [...fresh].find((c) => !claimed.has(c) && newUnits.get(c)!.province === was.province && bare(newUnits.get(c)!.name) === bare(was.name));
    if (twin) {
      const now = newUnits.get(twin)!;
      changes.push({ kind: 'recoded', old_code: code, old_name: was.name, new_code: twin, new_name: now.name, province_code: now.province, ...base });
      claimed.add(twin);
      continue;
    }
    changes.push({ kind: 'removed', old_code: code, old_name: was.name, new_code: null, new_name: null, province_code: was.province, ...base });
  }
  for (const code of [...fresh].sort()) {
    if (claimed.has(code)) continue;
    const now = newUnits.get(code)!;
    changes.push({ kind: 'new', old_code: null, old_name: null, new_code: code, new_name: now.name, province_code: now.province, ...base });
  }
  for (const [code] of options.successors ?? []) {
    if (!oldUnits.has(code)) {
      throw new ListUpdateError(`--successor ${code}=…: mã ${code} không có trong danh mục hiện có.`, `--successor ${code}=…: code ${code} is not in the current list.`);
    }
    if (newUnits.has(code)) {
      throw new ListUpdateError(
        `--successor ${code}=…: mã ${code} vẫn còn trong danh mục mới, nên không có đơn vị kế thừa.`,
        `--successor ${code}=…: code ${code} is still in the new list, so it has no successor.`,
      );
    }
  }

  const province_changes: ProvinceChange[] = [];
  const oldProvinces = new Map(before.map((p) => [p.code, p]));
  for (const p of after) {
    const was = oldProvinces.get(p.code);
    if (was && (was.full_name !== p.full_name || toneKey(was.name) !== toneKey(p.name))) {
      province_changes.push({
        code: p.code,
        old_name: was.name,
        new_name: p.name,
        old_full_name: was.full_name,
        new_full_name: p.full_name,
        date: options.date,
        act: options.province_act ?? options.act,
        release: options.release ?? null,
      });
    }
  }
  const newProvinceCodes = new Set(after.map((p) => p.code));
  return {
    changes,
    province_changes,
    respelled,
    provinces_added: after.filter((p) => !oldProvinces.has(p.code)).map((p) => p.code),
    provinces_removed: before.filter((p) => !newProvinceCodes.has(p.code)).map((p) => p.code),
  };
}

/** True when the diff changes nothing a person or a check would see. */
export function isEmptyDiff(diff: ListDiff): boolean {
  return diff.changes.length === 0 && diff.province_changes.length === 0 && diff.respelled.length === 0 && diff.provinces_added.length === 0 && diff.provinces_removed.length === 0;
}
