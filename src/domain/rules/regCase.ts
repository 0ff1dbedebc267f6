/**
 * REG-11: a case ID of the form `<unit_code>-<yyyy>-<nnnn>` (docs/workbook.md), e.g.
 * `BN-TS-2020-0001`: the unit, the year received, a number within the year, zero-padded to 4
 * digits (a 10,000th case of a year is `…-10000`, not a fault). A warning: another
 * form still identifies the person within the workbook (REG-06 keeps it unique), but the province
 * cannot tell whose case it is once workbooks are consolidated.
 */
import type { Finding } from '../finding';
import type { RegistryRecord } from '../model';
import { cap, eachRecord, registryFinding, type Rule, type RuleContext } from './types';

type Place = { vi: string; en: string };

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The accepted form for the workbook's unit: `_meta.unit_code`, or the official code it
 *  stands for (an alias such as `BN-P-TS` of `09367`), any letter case. */
export function caseIdPattern(unitCodes: readonly string[]): RegExp {
  const codes = [...new Set(unitCodes.filter((c) => c !== ''))].map(escape);
  return new RegExp(`^(?:${codes.join('|')})-\\d{4}-\\d{4,}$`, 'i');
}

/** The form with the person's own year: what the message offers as an example (with the
 *  number Excel kept, when it made a number of a case ID typed as `0042`). */
function example(unitCode: string, r: RegistryRecord): string {
  const year = r.received_date ? r.received_date.getUTCFullYear() : new Date().getUTCFullYear();
  const raw = r.raw.case_id;
  const number = typeof raw === 'number' && Number.isInteger(raw) && raw > 0 && raw < 10_000 ? String(raw).padStart(4, '0') : '0001';
  return `${unitCode}-${year}-${number}`;
}

/** A case ID Excel turned into a number (`0001` typed into a General cell becomes 1) or a date:
 *  the zeros and the form are gone, and the clerk needs to know why and how to type it. */
const lostMessage = (p: Place, id: string, sample: string, asDate: boolean): Place => ({
  vi: `${cap(p.vi)}: Excel đã đổi mã hồ sơ thành ${asDate ? `ngày ${id}` : `con số ${id}`} (mất các số 0 ở đầu và dạng của mã). Mã hồ sơ là chữ, dạng <mã đơn vị>-<năm>-<số thứ tự 4 chữ số>, ví dụ ${sample}: hãy định dạng cột "Mã hồ sơ" là Văn bản (Text) rồi gõ lại mã đầy đủ, hoặc gõ dấu nháy ' trước mã (ở cả trang tính "Hỗ trợ").`,
  en: `${cap(p.en)}: Excel turned the case ID into ${asDate ? `the date ${id}` : `the number ${id}`} (its leading zeros and its form are gone). A case ID is text of the form <unit code>-<year>-<4-digit number>, e.g. ${sample}: format the column "Mã hồ sơ" as Text and type the whole ID again, or type an apostrophe before it (in sheet "Hỗ trợ" too).`,
});

const message = (p: Place, id: string, sample: string): Place => ({
  vi: `${cap(p.vi)}: mã hồ sơ "${id}" không theo dạng <mã đơn vị>-<năm>-<số thứ tự 4 chữ số>, ví dụ ${sample}: hãy sửa theo dạng này (ở cả trang tính "Hỗ trợ").`,
  en: `${cap(p.en)}: case ID "${id}" is not of the form <unit code>-<year>-<4-digit number>, e.g. ${sample}: change it to this form (in sheet "Hỗ trợ" too).`,
});

function finding(ctx: RuleContext, r: RegistryRecord, id: string, sample: string): Finding {
  const raw = r.raw.case_id;
  if (typeof raw === 'number' || raw instanceof Date) return registryFinding(ctx, 'REG-11', 'warning', r, 'case_id', (p) => lostMessage(p, id, sample, raw instanceof Date));
  return registryFinding(ctx, 'REG-11', 'warning', r, 'case_id', (p) => message(p, id, sample));
}

export const REG_11: Rule = {
  id: 'REG-11',
  severity: 'warning',
  fields: ['case_id'],
  description_vi: 'Mã hồ sơ không theo dạng <mã đơn vị>-<năm>-<số thứ tự 4 chữ số>; mã mà Excel đã đổi thành con số hoặc ngày được chỉ ra tại ô kèm cách sửa',
  description_en: 'Case ID not of the form <unit code>-<yyyy>-<nnnn>; a case ID Excel turned into a number or a date is named at its cell with the fix',
  check: (ctx) => {
    const metaCode = ctx.parsed.meta?.unit_code ?? ctx.unit?.code ?? '';
    const pattern = caseIdPattern([metaCode, ctx.unit?.code ?? '', ctx.unit?.alias_of ?? '']);
    return eachRecord(ctx, (r, out) => {
      const id = r.case_id;
      if (id === null || pattern.test(id)) return; // blank: REG-01
      out.push(finding(ctx, r, id, example(metaCode, r)));
    });
  },
};
