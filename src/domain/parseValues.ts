/**
 * Cell values -> typed values for the parse stage: code and commune matching (with a per-parse
 * cache), support needs, counts and amounts. The rules reuse these, so a value is judged the
 * same way when parsed and when reported.
 */
import { matchCode, type Code } from './codes';
import { isOfficialUnit, matchOfficialCommune } from './communes';
import type { Unit } from './schema/profile';
import type { CellValue } from './sheet';
import { cleanText } from './text';

const communeCache = new WeakMap<Unit, readonly Code[]>();
const PREFIX = /^(?:phường|xã|thị trấn|p\.|x\.|tt\.?)\s*/iu;

/** The unit's communes as a code list: the full name, and the name without `Phường`/`Xã`/
 *  `Thị trấn` as an alias (docs/profiles.md: `Đông Ngàn` matches `Phường Đông Ngàn`). */
export function communeCodes(unit: Unit): readonly Code[] {
  let codes = communeCache.get(unit);
  if (!codes) {
    codes = unit.communes.map((name) => {
      const bare = name.normalize('NFC').replace(PREFIX, '');
      return { vi: name, en: name, key: name, aliases: bare !== name ? [bare] : undefined };
    });
    communeCache.set(unit, codes);
  }
  return codes;
}

/** Matches a commune against the unit's list; abbreviations `P.`, `X.`, `TT.` are accepted. */
export function matchCommune(unit: Unit, text: string): { ok: true; name: string } | { ok: false; suggestion: string | null } {
  if (isOfficialUnit(unit)) return matchOfficialCommune(unit, text);
  const codes = communeCodes(unit);
  const first = matchCode(codes, text);
  if (first.ok) return { ok: true, name: first.code.vi };
  const bare = text.normalize('NFC').trim().replace(PREFIX, '');
  if (bare !== text.trim()) {
    const second = matchCode(codes, bare);
    if (second.ok) return { ok: true, name: second.code.vi };
    return { ok: false, suggestion: (first.suggestion ?? second.suggestion)?.vi ?? null };
  }
  return { ok: false, suggestion: first.suggestion?.vi ?? null };
}

/** Matching with a per-parse cache: code columns hold few distinct values. */
export class CodeMatcher {
  private readonly cache = new Map<string, Map<string, Code | null>>();
  private readonly communes = new Map<string, string | null>();

  private readonly needCache = new Map<string, string[]>();

  /** Support-type keys of a `Nhu cầu hỗ trợ` cell (unknown parts dropped; REG-02 names them),
   *  one array per distinct text, shared by the rows that hold it. One matcher serves one law. */
  needs(types: readonly Code[], value: CellValue): string[] {
    if (value === null || value === undefined || value === '') return [];
    const text = typeof value === 'string' ? value : String(value);
    let keys = this.needCache.get(text);
    if (!keys) {
      const found: string[] = [];
      for (const part of splitNeeds(text)) {
        const m = matchCode(types, part);
        if (m.ok && !found.includes(m.code.key)) found.push(m.code.key);
      }
      keys = Object.freeze(found) as string[];
      this.needCache.set(text, keys);
    }
    return keys;
  }

  /** The unit's canonical commune name, or null. One matcher serves one unit. */
  commune(unit: Unit, text: string): string | null {
    let found = this.communes.get(text);
    if (found === undefined) {
      const m = matchCommune(unit, text);
      found = m.ok ? m.name : null;
      this.communes.set(text, found);
    }
    return found;
  }

  match(codes: readonly Code[], listId: string, value: CellValue): Code | null {
    if (value === null || value === undefined) return null;
    const text = typeof value === 'string' ? value : String(value);
    let byText = this.cache.get(listId);
    if (!byText) this.cache.set(listId, (byText = new Map()));
    let found = byText.get(text);
    if (found === undefined) {
      const m = text.trim() === '' ? null : matchCode(codes, text);
      found = m && m.ok ? m.code : null;
      byText.set(text, found);
    }
    return found;
  }
}

/** Splits `Nhu cầu hỗ trợ` on `;` (a type name may contain a comma). */
export function splitNeeds(value: CellValue): string[] {
  const text = cleanText(value);
  if (text === null) return [];
  return text
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** An integer ≥ 0 from a number or digits; null otherwise (REG-03 reports it). */
export function parseCount(value: CellValue): number | null {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : null;
  const text = cleanText(value);
  return text !== null && /^\d{1,9}$/.test(text) ? Number(text) : null;
}

/** An amount in đồng: a number, or text with `.`/`,` thousands separators and an optional
 *  `đ`/`đồng`; any finite number is kept (SUP-04 judges sign and fraction). */
export function parseAmount(value: CellValue): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  let text = cleanText(value);
  if (text === null) return null;
  text = text.replace(/\s*(đồng|đ|vnđ|vnd)$/iu, '').replace(/\s+/g, '');
  if (/^-?\d{1,3}(\.\d{3})+$/.test(text)) text = text.replace(/\./g, '');
  else if (/^-?\d{1,3}(,\d{3})+$/.test(text)) text = text.replace(/,/g, '');
  else text = text.replace(',', '.');
  const n = Number(text);
  return text !== '' && Number.isFinite(n) ? n : null;
}
