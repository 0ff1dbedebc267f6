/**
 * REG-01..04 for the support log (`Hỗ trợ`, docs/workbook.md): `Mã hồ sơ`, `Loại hỗ trợ` and
 * `Ngày hỗ trợ` are required, the type comes from the profile law's list, the date is a real date
 * and not after the check date, the amount (optional) is a number. A row failing these drops out
 * of report rows 4.x (`buildReport` names it in `excluded`), so the clerk must see it. The REG
 * rules call this for the support sheet (same IDs, same meaning as in the registry); amounts that
 * are numbers but negative or fractional are SUP-04's.
 *
 * Index loops and module-level message builders: these run once per support row per check, and a
 * capturing lambda or an iterator per row leaves garbage on a 100,000-row log.
 */
import { matchCode, supportTypes, type Code } from '../codes';
import { formatDate } from '../dates';
import type { Finding } from '../finding';
import type { SupportRecord } from '../model';
import { SUPPORT_COLUMNS, type ColumnSpec, type SupportKey } from '../schema/registry';
import type { CellValue } from '../sheet';
import { cap, hasValue, shown, supportFinding, type RuleContext } from './types';

type Place = { vi: string; en: string };

const REQUIRED = SUPPORT_COLUMNS.filter((c) => c.required === 'yes');
const PARSED_AS: Partial<Record<SupportKey, 'case_id' | 'type' | 'date'>> = { case_id: 'case_id', type: 'type', date: 'date' };

export type SupportFieldRule = 'REG-01' | 'REG-02' | 'REG-03' | 'REG-04';

const emptyMessage = (p: Place, c: ColumnSpec<SupportKey>): Place => ({
  vi: `${cap(p.vi)} đang trống: hãy nhập ${c.header_vi.toLowerCase()}.`,
  en: `${cap(p.en)} is empty: enter the ${c.header_en.toLowerCase()}.`,
});

const typeMessage = (p: Place, raw: CellValue | undefined, hint: Code | null): Place =>
  hint
    ? { vi: `${cap(p.vi)}: ${shown(raw)} không phải loại hỗ trợ của luật áp dụng; có phải "${hint.vi}"?`, en: `${cap(p.en)}: ${shown(raw)} is not a support type of the applicable law; did you mean "${hint.vi}" (${hint.en})?` }
    : { vi: `${cap(p.vi)}: ${shown(raw)} không phải loại hỗ trợ của luật áp dụng: chọn từ trang tính "Danh mục".`, en: `${cap(p.en)}: ${shown(raw)} is not a support type of the applicable law: pick one from sheet "Danh mục".` };

const dateMessage = (p: Place, raw: CellValue | undefined): Place => ({
  vi: `${cap(p.vi)}: ${shown(raw)} không phải ngày hợp lệ: nhập theo dạng dd/mm/yyyy (ngày trước, tháng sau).`,
  en: `${cap(p.en)}: ${shown(raw)} is not a valid date: enter dd/mm/yyyy (day first).`,
});

const amountMessage = (p: Place, raw: CellValue | undefined): Place => ({
  vi: `${cap(p.vi)}: ${shown(raw)} không phải số tiền: ghi bằng chữ số, đơn vị đồng (ví dụ 500000 hoặc 500.000).`,
  en: `${cap(p.en)}: ${shown(raw)} is not an amount: write it in digits, in đồng (e.g. 500000 or 500.000).`,
});

const futureMessage = (p: Place, d: Date, today: Date): Place => ({
  vi: `${cap(p.vi)}: ${formatDate(d)} sau ngày kiểm tra ${formatDate(today)}: không nhập ngày trong tương lai.`,
  en: `${cap(p.en)}: ${formatDate(d)} is after the check date ${formatDate(today)}: do not enter future dates.`,
});

function reg01(ctx: RuleContext, sup: SupportRecord, out: Finding[]): void {
  const columns = ctx.parsed.support.columns;
  for (let k = 0; k < REQUIRED.length; k++) {
    const c = REQUIRED[k];
    // A missing column is FMT-03's; an empty cell is ours. A parsed value (null exactly when the
    // cell is blank or invalid) means the cell is not blank, without reading it.
    const field = PARSED_AS[c.key];
    if (columns[c.key] === undefined || (field !== undefined && sup[field] !== null) || hasValue(sup.raw[c.key])) continue;
    out.push(supportFinding(ctx, 'REG-01', 'error', sup, c.key, (p) => emptyMessage(p, c)));
  }
}

function reg02(ctx: RuleContext, sup: SupportRecord, types: readonly Code[], out: Finding[]): void {
  const raw = sup.raw.type;
  if (sup.type !== null || !hasValue(raw)) return;
  const m = matchCode(types, String(raw));
  const hint = !m.ok && m.suggestion ? m.suggestion : null;
  out.push(supportFinding(ctx, 'REG-02', 'error', sup, 'type', (p) => typeMessage(p, raw, hint)));
}

function reg03(ctx: RuleContext, sup: SupportRecord, out: Finding[]): void {
  // The parse stage leaves `date`/`amount` null exactly when the cell is blank or unreadable.
  if (sup.date === null && hasValue(sup.raw.date)) out.push(supportFinding(ctx, 'REG-03', 'error', sup, 'date', (p) => dateMessage(p, sup.raw.date)));
  if (sup.amount === null && hasValue(sup.raw.amount)) out.push(supportFinding(ctx, 'REG-03', 'error', sup, 'amount', (p) => amountMessage(p, sup.raw.amount)));
}

function reg04(ctx: RuleContext, sup: SupportRecord, today: Date, out: Finding[]): void {
  const d = sup.date;
  if (d && d.getTime() > today.getTime()) out.push(supportFinding(ctx, 'REG-04', 'error', sup, 'date', (p) => futureMessage(p, d, today)));
}

/** The support log's findings of one REG field rule, each at its own cell. */
export function supportFieldFindings(ctx: RuleContext, rule: SupportFieldRule): Finding[] {
  const records = ctx.parsed.support.records;
  const out: Finding[] = [];
  const types = supportTypes(ctx.profile.law);
  const today = ctx.options.today;
  for (let i = 0; i < records.length; i++) {
    const sup = records[i];
    if (rule === 'REG-01') reg01(ctx, sup, out);
    else if (rule === 'REG-02') reg02(ctx, sup, types, out);
    else if (rule === 'REG-03') reg03(ctx, sup, out);
    else reg04(ctx, sup, today, out);
  }
  return out;
}
