/**
 * REG-01..04 for the support log (`Hỗ trợ`, domain.md §2.2): `Mã hồ sơ`, `Loại hỗ trợ` and
 * `Ngày hỗ trợ` are required, the type comes from the profile law's list, the date is a real date
 * and not after the check date. A row failing these silently drops out of report rows 4.x, so the
 * clerk must see it. The REG rules call this for the support sheet (same IDs, same meaning as in
 * the registry); amounts that are not whole numbers are SUP-04's.
 */
import { matchCode, supportTypes } from '../codes';
import { formatDate, parseDateCell } from '../dates';
import type { Finding } from '../finding';
import { SUPPORT_COLUMNS, type SupportKey } from '../schema/registry';
import { cap, hasValue, shown, supportFinding, type RuleContext } from './types';

const REQUIRED = SUPPORT_COLUMNS.filter((c) => c.required === 'yes');


export type SupportFieldRule = 'REG-01' | 'REG-02' | 'REG-03' | 'REG-04';

export function supportFieldFindings(ctx: RuleContext, rule: SupportFieldRule): Finding[] {
  const layout = ctx.parsed.support;
  const out: Finding[] = [];
  const types = supportTypes(ctx.profile.law);
  const today = ctx.options.today;
  for (const sup of layout.records) {
    if (rule === 'REG-01') {
      for (const c of REQUIRED) {
        // A missing column is FMT-03's; an empty cell is ours.
        if (layout.columns[c.key as SupportKey] === undefined || hasValue(sup.raw[c.key as SupportKey])) continue;
        out.push(supportFinding(ctx, 'REG-01', 'error', sup, c.key as SupportKey, (p) => ({ vi: `${cap(p.vi)} đang trống: hãy nhập ${c.header_vi.toLowerCase()}.`, en: `${cap(p.en)} is empty: enter the ${c.header_en.toLowerCase()}.` })));
      }
    } else if (rule === 'REG-02') {
      const raw = sup.raw.type;
      if (sup.type !== null || !hasValue(raw)) continue;
      const m = matchCode(types, String(raw));
      const hint = !m.ok && m.suggestion ? m.suggestion : null;
      out.push(
        supportFinding(ctx, 'REG-02', 'error', sup, 'type', (p) =>
          hint
            ? { vi: `${cap(p.vi)}: ${shown(raw)} không phải loại hỗ trợ của luật áp dụng; có phải "${hint.vi}"?`, en: `${cap(p.en)}: ${shown(raw)} is not a support type of the applicable law; did you mean "${hint.vi}" (${hint.en})?` }
            : { vi: `${cap(p.vi)}: ${shown(raw)} không phải loại hỗ trợ của luật áp dụng: chọn từ sheet "Danh mục".`, en: `${cap(p.en)}: ${shown(raw)} is not a support type of the applicable law: pick one from sheet "Danh mục".` },
        ),
      );
    } else if (rule === 'REG-03') {
      const parsed = parseDateCell(sup.raw.date ?? null);
      if (!parsed || parsed.ok) continue;
      out.push(supportFinding(ctx, 'REG-03', 'error', sup, 'date', (p) => ({ vi: `${cap(p.vi)}: ${shown(sup.raw.date)} không phải ngày hợp lệ: nhập theo dạng dd/mm/yyyy (ngày trước, tháng sau).`, en: `${cap(p.en)}: ${shown(sup.raw.date)} is not a valid date: enter dd/mm/yyyy (day first).` })));
    } else if (sup.date && sup.date > today) {
      const d = sup.date;
      out.push(supportFinding(ctx, 'REG-04', 'error', sup, 'date', (p) => ({ vi: `${cap(p.vi)}: ${formatDate(d)} sau ngày kiểm tra ${formatDate(today)}: không nhập ngày trong tương lai.`, en: `${cap(p.en)}: ${formatDate(d)} is after the check date ${formatDate(today)}: do not enter future dates.` })));
    }
  }
  return out;
}
