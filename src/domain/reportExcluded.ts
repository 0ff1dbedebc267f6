/**
 * Rows the quarterly report cannot count (docs/workbook.md): a registry or support-log row with an
 * error on a field the report needs is never dropped silently. `buildReport` lists each such row
 * under the report row it would have entered (row 1 for the registry, 4.x for the support log);
 * `vr fill` and the pane write the list into that row's `Ghi chú`, e.g.
 * `1 dòng bị loại (dòng 4: REG-02)`, and show it.
 *
 * Only rows that fail are looked at: the builder calls in here after a cheap null test, so a
 * clean 100,000-row register allocates nothing.
 */
import type { RegistryRecord, ReportExclusion, SupportRecord } from './model';
import { SHEET, type CellValue } from './sheet';

/** Blank as REG-01 sees it (no allocation). */
function blank(value: CellValue | undefined): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value !== 'string') return false;
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) > 32 && value.charCodeAt(i) !== 0xa0) return false;
  return true;
}

/** The rule that reports a null typed field: REG-01 when the cell is blank, else `invalid`. */
const ruleOf = (raw: CellValue | undefined, invalid: string): string => (blank(raw) ? 'REG-01' : invalid);

function addRule(rules: string[], rule: string): void {
  if (!rules.includes(rule)) rules.push(rule);
}

/**
 * Why a registry row is out of row 1 (or out of the whole report), or null when it is counted:
 * a blank or invalid sex (Tổng số = Nam + Nữ) or date received keeps it out of everything; a
 * blank or invalid receipt channel keeps a person received in the period out of row 1.
 */
export function registryExclusion(rec: RegistryRecord, receivedInPeriod: boolean): ReportExclusion | null {
  const rules: string[] = [];
  if (rec.sex === null) addRule(rules, ruleOf(rec.raw.sex, 'REG-02'));
  if (rec.received_date === null) addRule(rules, ruleOf(rec.raw.received_date, 'REG-03'));
  if (rec.receipt_channel === null && (receivedInPeriod || rec.received_date === null)) addRule(rules, ruleOf(rec.raw.receipt_channel, 'REG-02'));
  return rules.length === 0 ? null : { sheet: SHEET.registry, row: rec.row0 + 1, rules, part: 'row' };
}

/**
 * Why a support row is out of rows 4.x (or its amount out of `Kinh phí`), or null. `inPeriod`:
 * its date is in the period; `known`: its case is in the registry; `person`: that registry row
 * (a person without a valid sex is out of the report, and so is their support).
 */
export function supportExclusion(sup: SupportRecord, inPeriod: boolean, known: boolean, person: RegistryRecord | null): ReportExclusion | null {
  const rules: string[] = [];
  if (sup.date === null) addRule(rules, ruleOf(sup.raw.date, 'REG-03'));
  else if (!inPeriod) return null; // another quarter's support
  if (sup.case_id === null) addRule(rules, 'REG-01');
  else if (!known) addRule(rules, 'SUP-06');
  if (sup.type === null) addRule(rules, ruleOf(sup.raw.type, 'REG-02'));
  if (person && person.sex === null) addRule(rules, ruleOf(person.raw.sex, 'REG-02'));
  if (rules.length > 0) return { sheet: SHEET.support, row: sup.row0 + 1, rules, part: 'row' };
  // Counted, but its amount is not summed: text that is no number, or negative / fractional.
  if (sup.amount === null && !blank(sup.raw.amount)) return { sheet: SHEET.support, row: sup.row0 + 1, rules: ['REG-03'], part: 'amount' };
  if (sup.amount !== null && (sup.amount < 0 || !Number.isInteger(sup.amount))) return { sheet: SHEET.support, row: sup.row0 + 1, rules: ['SUP-04'], part: 'amount' };
  return null;
}

/** At most this many rows are named in one note (a cell stays readable); the count says all. */
const LISTED = 8;

function listOf(items: readonly ReportExclusion[], word: string): string {
  const shown = items.slice(0, LISTED).map((e) => `${word} ${e.row}: ${e.rules.join(', ')}`);
  return shown.join('; ') + (items.length > LISTED ? '; …' : '');
}

/** The note for one report row, `{vi, en}`, or null when nothing was left out. */
export function exclusionNote(items: readonly ReportExclusion[] | undefined): { vi: string; en: string } | null {
  if (!items || items.length === 0) return null;
  const rows = items.filter((e) => e.part === 'row');
  const amounts = items.filter((e) => e.part === 'amount');
  const support = items[0].sheet === SHEET.support;
  const vi: string[] = [];
  const en: string[] = [];
  if (rows.length > 0) {
    vi.push(`${rows.length} dòng${support ? ' sổ hỗ trợ' : ''} bị loại (${listOf(rows, 'dòng')})`);
    en.push(`${rows.length} ${support ? 'support-log ' : ''}row${rows.length === 1 ? '' : 's'} left out (${listOf(rows, 'row')})`);
  }
  if (amounts.length > 0) {
    vi.push(`${amounts.length} số tiền không được cộng (${listOf(amounts, 'dòng')})`);
    en.push(`${amounts.length} amount${amounts.length === 1 ? '' : 's'} not added (${listOf(amounts, 'row')})`);
  }
  return { vi: vi.join('. '), en: en.join('. ') };
}

/** An earlier fill's note in a `Ghi chú` text (so a new fill replaces, never repeats, it). */
const OLD_NOTE = /\s*\d+ (?:dòng(?: sổ hỗ trợ)? bị loại|số tiền không được cộng) \([^)]*\)\.?/gu;

/** The `Ghi chú` a fill writes: what the clerk (or the template) wrote, without an earlier
 *  fill's note, then this fill's note. */
export function notesWithExclusions(existing: CellValue, items: readonly ReportExclusion[] | undefined): string | null {
  const base = typeof existing === 'string' ? existing.replace(OLD_NOTE, '').trim() : existing === null || existing === undefined ? '' : String(existing);
  const note = exclusionNote(items);
  if (!note) return base === '' ? null : base;
  return base === '' ? `${note.vi}.` : `${base} ${note.vi}.`;
}

/** One line per report row that left rows out, in report order (1, then 4.1, 4.2, …): what
 *  `vr fill` prints and the pane's report panel lists. */
export function exclusionSummary(excluded: Record<string, ReportExclusion[]>): { code: string; vi: string; en: string }[] {
  const order = (code: string) => code.split('.').map((n) => n.padStart(3, '0')).join('.');
  return Object.keys(excluded)
    .sort((a, b) => order(a).localeCompare(order(b)))
    .flatMap((code) => {
      const note = exclusionNote(excluded[code]);
      return note ? [{ code, ...note }] : [];
    });
}
