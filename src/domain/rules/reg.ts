/**
 * REG: each registry row is complete, typed and plausible (docs/workbook.md, docs/rules.md).
 */
import { CODE_LISTS, matchCode, supportTypes } from '../codes';
import { formatDate, isUnknownBirth } from '../dates';
import type { Finding, Severity } from '../finding';
import type { RegistryRecord } from '../model';
import type { CellValue } from '../sheet';
import { matchCommune, splitNeeds } from '../parse';
import { registryOwners } from '../caseIndex';
import { isOfficialUnit, supersededCommune } from '../communes';
import type { Superseded } from '../unitHistory';
import { REG08_NATIONAL_MESSAGE, REG08_SUPERSEDED_MESSAGE } from './reg08National';
import { REGISTRY_COLUMNS, type RegistryKey } from '../schema/registry';
import { REG_11 } from './regCase';
import { REG_07 } from './regDuplicate';
import { supportFieldFindings, type SupportFieldRule } from './supFields';
import { eachRecord, registryFinding, hasValue, type Rule, type RuleContext } from './types';
import {
  type LostZeros,
  REG01_MESSAGE_1, REG02_MESSAGE_2, REG02_MESSAGE_3, REG03_MESSAGE_4, REG03_MESSAGE_5, REG03_MESSAGE_6, REG04_MESSAGE_7, REG04_MESSAGE_8, REG05_MESSAGE_9, REG05_MESSAGE_10, REG06_MESSAGE_11, REG08_MESSAGE_13, REG09_MESSAGE_14, REG10_MESSAGE_15, REG10_MESSAGE_16, REG10_MESSAGE_17,
  type Place,
} from './regMessages';

/** Required fields (REG-01). Quốc tịch defaults to Việt Nam and an empty consent is CNS-01's
 *  warning (the row is shared de-identified), so neither is a REG-01 error. */
const REQUIRED = REGISTRY_COLUMNS.filter((c) => c.required === 'yes' && c.key !== 'nationality' && c.key !== 'consent_share');
const CODE_COLUMNS = REGISTRY_COLUMNS.filter((c) => c.kind === 'code');
const DATE_KEYS: RegistryKey[] = ['received_date', 'verification_date', 'child_referral_date'];
/** The record field the parse fills from a cell, null exactly when the cell is blank or invalid:
 *  when it is not null, the cell is not blank (REG-01 need not read it). */
const PARSED_AS: Partial<Record<RegistryKey, keyof RegistryRecord>> = {
  case_id: 'case_id', full_name: 'full_name', sex: 'sex', birth_date: 'birth', commune: 'commune', received_date: 'received_date',
  receipt_channel: 'receipt_channel', destination: 'destination', purpose: 'purpose', verification_status: 'verification_status', protection: 'protection',
};


/** registryFinding with a module-level message function and its arguments. An inline message
 *  lambda capturing row variables makes V8 allocate a context for every row (and loop
 *  iteration), finding or not: ~100 MB of garbage per 100,000-row check. Here the capturing
 *  lambda exists only when a finding is made. */
function findingOf<A extends unknown[]>(ctx: RuleContext, rule: string, severity: Severity, r: RegistryRecord, key: RegistryKey, message: (p: Place, ...args: A) => Place, ...args: A): Finding {
  return registryFinding(ctx, rule, severity, r, key, (p) => message(p, ...args));
}



const reg01: Rule = {
  id: 'REG-01',
  severity: 'error',
  fields: REQUIRED.map((c) => c.key),
  description_vi: 'Trường bắt buộc để trống',
  description_en: 'Required field empty',
  check: (ctx) => {
    // A missing column is FMT-03's finding, not one REG-01 per row.
    const present = REQUIRED.filter((c) => ctx.parsed.registry.columns[c.key] !== undefined);
    const parsedAs = present.map((c) => PARSED_AS[c.key]);
    return eachRecord(ctx, (r, out) => {
      for (let k = 0; k < present.length; k++) {
        const c = present[k];
        // A parsed value means the cell was not blank: decided without reading the cell.
        const field = parsedAs[k];
        if (field !== undefined && r[field] !== null) continue;
        if (hasValue(r.raw[c.key])) continue;
        out.push(findingOf(ctx, 'REG-01', 'error', r, c.key, REG01_MESSAGE_1, c));
      }
    });
  },
};


type BadPart = { part: string; suggestion: { vi: string; en: string } | null };
/** Shared result for a blank `Nhu cầu hỗ trợ` (no array per row). */
const NO_BAD_PARTS: readonly BadPart[] = Object.freeze([]);


const reg02: Rule = {
  id: 'REG-02',
  severity: 'error',
  fields: [...CODE_COLUMNS.map((c) => c.key), 'support_needs'],
  description_vi: 'Giá trị không có trong danh mục',
  description_en: 'Value not in its code list',
  check: (ctx) => {
    const types = supportTypes(ctx.profile.law);
    // Invalid parts per distinct `Nhu cầu hỗ trợ` text (the same few combinations repeat).
    const badParts = new Map<string, BadPart[]>();
    const invalidNeeds = (raw: CellValue): readonly BadPart[] => {
      if (typeof raw !== 'string' && typeof raw !== 'number') return NO_BAD_PARTS;
      const text = String(raw);
      let found = badParts.get(text);
      if (!found) {
        found = [];
        for (const part of splitNeeds(text)) {
          const m = matchCode(types, part);
          if (!m.ok) found.push({ part, suggestion: m.suggestion });
        }
        badParts.set(text, found);
      }
      return found;
    };
    return eachRecord(ctx, (r, out) => {
      for (let k = 0; k < CODE_COLUMNS.length; k++) {
        const c = CODE_COLUMNS[k];
        // A typed value means the code matched: the usual case, decided before reading the cell.
        if (r[c.key as keyof RegistryRecord] !== null) continue;
        const raw = r.raw[c.key];
        if (!hasValue(raw)) continue;
        const list = CODE_LISTS[c.codeList as keyof typeof CODE_LISTS];
        const m = matchCode(list, String(raw));
        const suggestion = m.ok ? m.code : m.suggestion;
        out.push(
          findingOf(ctx, 'REG-02', 'error', r, c.key, REG02_MESSAGE_2, raw, suggestion),
        );
      }
      const bad = invalidNeeds(r.raw.support_needs ?? null);
      for (let k = 0; k < bad.length; k++) {
        const { part, suggestion } = bad[k];
        out.push(
          findingOf(ctx, 'REG-02', 'error', r, 'support_needs', REG02_MESSAGE_3, part, suggestion),
        );
      }
    });
  },
};


const reg03: Rule = {
  id: 'REG-03',
  severity: 'error',
  fields: ['birth_date', ...DATE_KEYS, 'accompanying_minors'],
  description_vi: 'Ngày hoặc số không hợp lệ',
  description_en: 'Not a valid date or number',
  check: (ctx) =>
    eachRecord(ctx, (r, out) => {
      // The parse stage leaves a typed field null exactly when its cell is blank or invalid, so
      // a null field with a non-blank cell is invalid: no second parse. `Không rõ` is the one
      // legal way to say the date of birth is unknown (counted under `Chưa rõ`).
      if (r.birth === null && hasValue(r.raw.birth_date) && !isUnknownBirth(r.raw.birth_date ?? null)) {
        out.push(findingOf(ctx, 'REG-03', 'error', r, 'birth_date', REG03_MESSAGE_4, r));
      }
      for (let k = 0; k < DATE_KEYS.length; k++) {
        const key = DATE_KEYS[k];
        if (r[key as 'received_date' | 'verification_date' | 'child_referral_date'] === null && hasValue(r.raw[key])) {
          out.push(findingOf(ctx, 'REG-03', 'error', r, key, REG03_MESSAGE_5, r, key));
        }
      }
      const minors = r.raw.accompanying_minors;
      if (r.accompanying_minors === null && hasValue(minors)) {
        out.push(findingOf(ctx, 'REG-03', 'error', r, 'accompanying_minors', REG03_MESSAGE_6, minors));
      }
    }),
};


const reg04: Rule = {
  id: 'REG-04',
  severity: 'error',
  fields: ['birth_date', ...DATE_KEYS],
  description_vi: 'Ngày sau ngày kiểm tra (hôm nay)',
  description_en: 'Date after today (the check date)',
  check: (ctx) => {
    const today = ctx.options.today;
    const todayText = formatDate(today);
    return eachRecord(ctx, (r, out) => {
      const b = r.birth;
      // A year alone (1 July) is in the future only when the year is.
      if (b && (b.yearOnly ? b.date.getUTCFullYear() > today.getUTCFullYear() : b.date.getTime() > today.getTime())) {
        out.push(findingOf(ctx, 'REG-04', 'error', r, 'birth_date', REG04_MESSAGE_7, b, todayText));
      }
      for (let k = 0; k < DATE_KEYS.length; k++) {
        const key = DATE_KEYS[k];
        const d = r[key as 'received_date' | 'verification_date' | 'child_referral_date'];
        if (d && d.getTime() > today.getTime()) {
          out.push(findingOf(ctx, 'REG-04', 'error', r, key, REG04_MESSAGE_8, d, todayText));
        }
      }
    });
  },
};


const reg05: Rule = {
  id: 'REG-05',
  severity: 'error',
  fields: ['birth_date', 'received_date'],
  description_vi: 'Ngày sinh sau ngày tiếp nhận, hoặc tuổi khi tiếp nhận trên mức tối đa',
  description_en: 'Birth date after received date, or age at receipt over the maximum',
  check: (ctx) => {
    const maxAge = ctx.profile.thresholds.max_age;
    return eachRecord(ctx, (r, out) => {
      const b = r.birth;
      const received = r.received_date;
      if (!b || !received) return;
      const after = b.yearOnly ? b.date.getUTCFullYear() > received.getUTCFullYear() : b.date.getTime() > received.getTime();
      if (after) {
        out.push(findingOf(ctx, 'REG-05', 'error', r, 'birth_date', REG05_MESSAGE_9, b, received));
      } else if (r.age_at_receipt !== null && r.age_at_receipt > maxAge) {
        out.push(findingOf(ctx, 'REG-05', 'error', r, 'birth_date', REG05_MESSAGE_10, b, r, maxAge));
      }
    });
  },
};


const reg06: Rule = {
  id: 'REG-06',
  severity: 'error',
  fields: ['case_id'],
  description_vi: 'Mã hồ sơ bị trùng',
  description_en: 'Duplicate case ID',
  check: (ctx) => {
    // The first row per case ID is shared with buildReport and the SUP rules.
    const records = ctx.parsed.registry.records;
    const owners = registryOwners(records);
    const out: Finding[] = [];
    for (let i = 0; i < records.length; i++) {
      const firstIndex = owners[i];
      if (firstIndex < 0 || firstIndex === i) continue; // no ID, or its first row
      const r = records[i];
      const earlier = records[firstIndex];
      out.push(findingOf(ctx, 'REG-06', 'error', r, 'case_id', REG06_MESSAGE_11, r, earlier));
    }
    return out;
  },
};


const reg08: Rule = {
  id: 'REG-08',
  severity: 'error',
  fields: ['commune'],
  description_vi: 'Xã/phường không thuộc đơn vị (tên cũ đã được văn bản thay thế: cảnh báo, nêu tên mới)',
  description_en: "Commune not in the unit's list (a former name superseded by a legal act: a warning naming the successor)",
  check: (ctx) => {
    const unit = ctx.unit;
    if (!unit) return [];
    const official = isOfficialUnit(unit);
    // A former name is read as the commune it became (the report counts the row), and the clerk
    // is told the name in force: one lookup per distinct text.
    const former = new Map<string, Superseded | null>();
    return eachRecord(ctx, (r, out) => {
      const raw = r.raw.commune;
      if (!hasValue(raw)) return;
      if (r.commune !== null) {
        if (!official) return;
        const text = String(raw);
        let s = former.get(text);
        if (s === undefined) {
          s = supersededCommune(unit, text);
          former.set(text, s);
        }
        if (s) out.push(findingOf(ctx, 'REG-08', 'warning', r, 'commune', REG08_SUPERSEDED_MESSAGE, raw, s));
        return;
      }
      const m = matchCommune(unit, String(raw));
      const hint = !m.ok && m.suggestion ? m.suggestion : null;
      out.push(
        findingOf(ctx, 'REG-08', 'error', r, 'commune', official ? REG08_NATIONAL_MESSAGE : REG08_MESSAGE_13, raw, hint, unit),
      );
    });
  },
};

const CITIZEN_ID = /^\d{12}$/;
/** The old 9-digit identity card (CMND) stayed valid until 31/12/2024 (Law on Identification
 *  2023, Art. 46): fine for a person received before 01/01/2025. */
const OLD_ID_CARD = /^\d{9}$/;
const CMND_LAST_DAY = Date.UTC(2024, 11, 31);
/** Vietnamese passports: one letter and 7 digits (e.g. C1234567); foreign ones vary. */
const PASSPORT = /^[A-Z]{1,2}\d{6,8}$/;
const FOREIGN_DOCUMENT = /^[A-Z0-9]{5,20}$/;


/**
 * The zeros Excel dropped from an ID typed into a cell not formatted as Text: the cell holds a
 * number, not the text typed. A citizen ID (CCCD) starts with its province code, 001–096, so it
 * loses one or two zeros (11 or 10 digits left); a 9-digit CMND of a province coded 0x loses
 * one (8 left). Null when the cell was text, or the digits fit no such ID.
 */
function lostZeros(raw: unknown, digits: string): LostZeros | null {
  if (typeof raw !== 'number') return null;
  if (/^\d{10,11}$/.test(digits)) return { kind: 'cccd', zeros: 12 - digits.length, restored: digits.padStart(12, '0') };
  if (/^\d{8}$/.test(digits)) return { kind: 'cmnd', zeros: 1, restored: digits.padStart(9, '0') };
  return null;
}

const reg09: Rule = {
  id: 'REG-09',
  severity: 'warning',
  fields: ['id_number'],
  description_vi: 'Số CCCD không đúng 12 chữ số (CMND 9 chữ số chỉ được chấp nhận với người tiếp nhận trước 01/01/2025); số mà Excel đã lưu thành con số, mất số 0 ở đầu, được chỉ ra tại ô kèm cách sửa',
  description_en: 'Malformed citizen ID (not 12 digits; a 9-digit CMND only for persons received before 01/01/2025); an ID Excel stored as a number, losing its leading zeros, is named at its cell with the fix',
  check: (ctx) =>
    eachRecord(ctx, (r, out) => {
      const id = r.id_number;
      if (id === null) return;
      // Most IDs are 12 plain digits: no compacted copy (compact would equal id).
      if (CITIZEN_ID.test(id)) return;
      const compact = id.replace(/[\s.-]/g, '').toUpperCase();
      if (CITIZEN_ID.test(compact) || PASSPORT.test(compact)) return;
      const cmnd = OLD_ID_CARD.test(compact);
      if (cmnd && r.received_date !== null && r.received_date.getTime() <= CMND_LAST_DAY) return;
      if (r.nationality && r.nationality.key !== 'VN' && FOREIGN_DOCUMENT.test(compact)) return;
      out.push(findingOf(ctx, 'REG-09', 'warning', r, 'id_number', REG09_MESSAGE_14, id, lostZeros(r.raw.id_number, compact), cmnd));
    }),
};


const reg10: Rule = {
  id: 'REG-10',
  severity: 'error',
  fields: ['receipt_channel', 'destination', 'nationality'],
  description_vi: 'Hình thức tiếp nhận mâu thuẫn với nơi bị mua bán đến hoặc quốc tịch',
  description_en: 'Receipt channel contradicts destination or nationality',
  check: (ctx) =>
    eachRecord(ctx, (r, out) => {
      const channel = r.receipt_channel;
      if (channel === null) return;
      const channelText = String(r.raw.receipt_channel ?? '').trim();
      const dest = r.destination;
      if ((channel === 'handover' || channel === 'self_return') && dest && dest.key === 'domestic') {
        out.push(findingOf(ctx, 'REG-10', 'error', r, 'receipt_channel', REG10_MESSAGE_15, channelText));
      } else if ((channel === 'rescued' || channel === 'self_report') && dest && dest.key !== 'domestic') {
        out.push(findingOf(ctx, 'REG-10', 'error', r, 'receipt_channel', REG10_MESSAGE_16, channelText, dest));
      } else if (channel === 'foreign_victim' && r.nationality && r.nationality.key === 'VN') {
        out.push(findingOf(ctx, 'REG-10', 'error', r, 'receipt_channel', REG10_MESSAGE_17, channelText));
      }
    }),
};

/** REG-01..04 judge the support log's rows too (docs/workbook.md), each at its own cell. */
function withSupportLog(rule: Rule, id: SupportFieldRule, supportFields: string[]): Rule {
  const registryCheck = rule.check;
  return {
    ...rule,
    fields: [...new Set([...rule.fields, ...supportFields])],
    check: (ctx) => {
      const out = registryCheck(ctx);
      const sup = supportFieldFindings(ctx, id);
      for (let i = 0; i < sup.length; i++) out.push(sup[i]);
      return out;
    },
  };
}

export const REG_RULES: Rule[] = [
  withSupportLog(reg01, 'REG-01', ['case_id', 'type', 'date']),
  withSupportLog(reg02, 'REG-02', ['type']),
  withSupportLog(reg03, 'REG-03', ['date', 'amount']),
  withSupportLog(reg04, 'REG-04', ['date']),
  reg05,
  reg06,
  REG_07,
  reg08,
  reg09,
  reg10,
  REG_11,
];
