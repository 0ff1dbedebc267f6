/**
 * RPT-06..08: the report's header against `_meta`, its narrative rows, and the submission date
 * against the profile's deadline (docs/rules.md, docs/profiles.md).
 */
import { provinceName } from '../units';
import { foldText } from '../codes';
import { formatDate } from '../dates';
import { makeFinding, type Finding } from '../finding';
import { VIETNAM_UTC_OFFSET_MS, deadlineOf, isOnTime } from '../period';
import { TEXT_CODES, reportRowDefs } from '../report';
import { parseQuarterText } from '../reportSheet';
import { cellAddress, isBlank, type CellValue } from '../sheet';
import { at, sheetName, usable } from './rptCommon';
import { shown, type Rule } from './types';

type HeaderField = 'unit_name' | 'unit_code' | 'province' | 'quarter' | 'year';

const FIELD_LABEL: Record<HeaderField, { vi: string; en: string }> = {
  unit_name: { vi: 'Tên đơn vị', en: 'Unit name' },
  unit_code: { vi: 'Mã đơn vị', en: 'Unit code' },
  province: { vi: 'Tỉnh/Thành phố', en: 'Province' },
  quarter: { vi: 'Quý', en: 'Quarter' },
  year: { vi: 'Năm', en: 'Year' },
};

function asNumber(value: CellValue, field: 'quarter' | 'year'): number | null {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return null;
  if (field === 'quarter') return parseQuarterText(value).quarter;
  return /^\s*\d{4}\s*$/.test(value) ? Number(value) : null;
}

/** True when a typed header value means the same as the expected ones (NFC, case, spacing and
 *  diacritics aside: `Thi xa Tu Son` is the same unit). */
function sameText(typed: CellValue, expected: (string | number)[]): boolean {
  const folded = foldText(String(typed));
  return expected.some((e) => foldText(String(e)) === folded);
}

export const RPT_06: Rule = {
  id: 'RPT-06',
  severity: 'error',
  fields: ['report'],
  description_vi: 'Quý, năm hoặc đơn vị ghi trên báo cáo khác với thông tin của sổ (_meta)',
  description_en: 'Report quarter, year or unit differ from _meta',
  check(ctx) {
    const values = usable(ctx);
    const meta = ctx.parsed.meta;
    if (!values || !meta) return [];
    const out: Finding[] = [];
    const expected: Record<HeaderField, (string | number)[]> = {
      unit_name: [meta.unit_name],
      unit_code: [meta.unit_code],
      province: [provinceName(ctx.profile, meta.province_code), meta.province_code],
      quarter: [meta.quarter],
      year: [meta.year],
    };
    for (const field of Object.keys(expected) as HeaderField[]) {
      const typed = values.header[field];
      const cell = values.headerCells[field];
      // A blank header value is not a contradiction (the clerk may fill it later).
      if (typed === undefined || isBlank(typed)) continue;
      const ok =
        field === 'quarter' || field === 'year'
          ? asNumber(typed, field) === Number(expected[field][0])
          : sameText(typed, expected[field]);
      if (ok) continue;
      const label = FIELD_LABEL[field];
      const want = String(expected[field][0]);
      const place = cell ? { vi: `Ô ${cellAddress(cell.row0, cell.col0)}: `, en: `Cell ${cellAddress(cell.row0, cell.col0)}: ` } : { vi: '', en: '' };
      out.push(
        makeFinding('RPT-06', 'error', { sheet: sheetName(values), row0: cell?.row0 ?? null, col0: cell?.col0 ?? null, field }, typed,
          `${place.vi}${label.vi} trên báo cáo là ${shown(typed)}, nhưng sổ này là của ${label.vi.toLocaleLowerCase('vi')} ${want} (theo _meta): hãy sửa tiêu đề báo cáo (hoặc dùng đúng sổ của đơn vị và quý này).`,
          `${place.en}${label.en} on the report is ${shown(typed)}, but this workbook is for ${label.en.toLowerCase()} ${want} (per _meta): correct the report header (or use the workbook of this unit and quarter).`),
      );
    }
    return out;
  },
};

export const RPT_07: Rule = {
  id: 'RPT-07',
  severity: 'warning',
  fields: ['report'],
  description_vi: 'Phần đánh giá (mục 7.1–7.3) để trống',
  description_en: 'Narrative rows 7.1–7.3 empty',
  check(ctx) {
    const values = usable(ctx);
    if (!values) return [];
    const labels = new Map(reportRowDefs(ctx.profile).map((d) => [d.code, d]));
    const out: Finding[] = [];
    for (const code of TEXT_CODES) {
      const row0 = values.rows[code];
      const def = labels.get(code);
      const title = def ? `"${def.label_vi}"` : '';
      const titleEn = def ? `"${def.label_en}"` : '';
      if (row0 !== undefined) {
        // The narrative belongs in `Ghi chú`; text typed anywhere right of the label counts too.
        const from = (values.columns.label ?? values.columns.code ?? 0) + 1;
        const row = values.sheet?.rows[row0] ?? [];
        if (row.slice(from).some((v) => !isBlank(v ?? null))) continue;
      }
      out.push(at('RPT-07', 'warning', values, code, 'notes', null,
        `phần ${title} chưa được viết: hãy ghi vào cột "Ghi chú" trước khi gửi.`,
        `${titleEn} is empty: write it in the "Ghi chú" column before submitting.`));
    }
    return out;
  },
};

export const RPT_08: Rule = {
  id: 'RPT-08',
  severity: 'warning',
  fields: [],
  description_vi: 'Nộp sau hạn của kế hoạch (hộp thư tỉnh, lúc nhận)',
  description_en: "Submitted after the profile's deadline (inbox, at receipt)",
  check(ctx) {
    const receivedAt = ctx.options.receivedAt;
    const meta = ctx.parsed.meta;
    if (!receivedAt || !meta) return [];
    if (isOnTime(ctx.profile, meta.year, meta.quarter, receivedAt)) return [];
    const deadline = formatDate(deadlineOf(ctx.profile, meta.year, meta.quarter));
    // The day of receipt in Vietnam time, as isOnTime judges it.
    const local = formatDate(new Date(receivedAt.getTime() + VIETNAM_UTC_OFFSET_MS));
    const rule = ctx.profile.deadline.note_vi ? ` (${ctx.profile.deadline.note_vi})` : '';
    const assumed = ctx.profile.deadline.assumed;
    return [
      makeFinding('RPT-08', 'warning', { sheet: null, field: null }, local,
        `Báo cáo quý ${meta.quarter}/${meta.year} nhận ngày ${local}, sau hạn ${deadline}${rule}${assumed ? '; hạn này là giả định, kế hoạch không quy định ngày gửi' : ''}.`,
        `The Q${meta.quarter} ${meta.year} report was received on ${local}, after the deadline of ${deadline}${assumed ? ' (an assumed deadline: the plan sets no day)' : ''}.`),
    ];
  },
};
