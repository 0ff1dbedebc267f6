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

/** The form with the person's own year: what the message offers as an example. */
function example(unitCode: string, r: RegistryRecord): string {
  const year = r.received_date ? r.received_date.getUTCFullYear() : new Date().getUTCFullYear();
  return `${unitCode}-${year}-0001`;
}

const message = (p: Place, id: string, sample: string): Place => ({
  vi: `${cap(p.vi)}: mã hồ sơ "${id}" không theo dạng <mã đơn vị>-<năm>-<số thứ tự 4 chữ số>, ví dụ ${sample}: hãy sửa theo dạng này (ở cả trang tính "Hỗ trợ").`,
  en: `${cap(p.en)}: case ID "${id}" is not of the form <unit code>-<year>-<4-digit number>, e.g. ${sample}: change it to this form (in sheet "Hỗ trợ" too).`,
});

function finding(ctx: RuleContext, r: RegistryRecord, id: string, sample: string): Finding {
  return registryFinding(ctx, 'REG-11', 'warning', r, 'case_id', (p) => message(p, id, sample));
}

export const REG_11: Rule = {
  id: 'REG-11',
  severity: 'warning',
  fields: ['case_id'],
  description_vi: 'Mã hồ sơ không theo dạng <mã đơn vị>-<năm>-<số thứ tự 4 chữ số>',
  description_en: 'Case ID not of the form <unit code>-<yyyy>-<nnnn>',
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
