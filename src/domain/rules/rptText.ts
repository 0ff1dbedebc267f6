/**
 * RPT-09: free text of the report that looks like personal data (docs/rules.md): the report
 * goes to the province and is printed, so a CCCD/CMND number or a victim's date of birth
 * typed into the narrative (6.4–7.3) or a `Ghi chú` must not travel with it. The detection is
 * `findPersonalData`, the same runs the consolidated workbook masks.
 */
import { MANUAL_CODES, TEXT_CODES } from '../report';
import type { Finding } from '../finding';
import { makeFinding } from '../finding';
import { cellAddress, type CellValue } from '../sheet';
import { findPersonalData, NameIndex, personalText, type PersonalDataRun } from '../textSafety';
import { sheetName, usable } from './rptCommon';
import type { Rule } from './types';

const FREE_TEXT_CODES = new Set<string>([...MANUAL_CODES, ...TEXT_CODES]);

const WHAT: Record<PersonalDataRun['kind'], { vi: string; en: string }> = {
  id_number: { vi: 'một số giống số CCCD/CMND', en: 'a number that looks like a citizen ID' },
  phone: { vi: 'một số điện thoại', en: 'a phone number' },
  digits: { vi: 'một dãy số dài có thể là số định danh', en: 'a long number that may identify a person' },
  passport: { vi: 'một số giống số hộ chiếu', en: 'a number that looks like a passport number' },
  birth_date: { vi: 'một ngày sinh', en: 'a date of birth' },
  name: { vi: 'tên một người trong sổ theo dõi', en: 'the name of a person in the registry' },
};

export const RPT_09: Rule = {
  id: 'RPT-09',
  severity: 'warning',
  fields: ['report'],
  description_vi: 'Ô chữ của báo cáo (mục 6.4–7.3, cột Ghi chú) có vẻ chứa thông tin cá nhân: tên người trong sổ, số CCCD/CMND, số điện thoại, số hộ chiếu, dãy từ 9 chữ số, hoặc ngày sinh',
  description_en: 'A free-text report cell (6.4–7.3, Ghi chú) looks like personal data: a name of the registry, an ID, phone or passport number, a run of 9 or more digits, or a date of birth',
  check(ctx) {
    const values = usable(ctx);
    if (!values || !values.sheet || values.headerRow0 === null) return [];
    const sheet = sheetName(values);
    const rows = values.sheet.rows;
    const codeOf = new Map<number, string>();
    for (const [code, row0] of Object.entries(values.rows)) codeOf.set(row0, code);
    const from = (values.columns.label ?? values.columns.code ?? 0) + 1;
    const notes = values.columns.notes;
    // The free-text cells first, so the name index holds only forms whose words occur in them.
    const cells: { r: number; c: number; code: string | undefined; value: CellValue; text: string }[] = [];
    for (let r = values.headerRow0 + 1; r < rows.length; r++) {
      const row = rows[r];
      if (!row) continue;
      const code = codeOf.get(r);
      const whole = code !== undefined && FREE_TEXT_CODES.has(code);
      for (let c = whole ? from : (notes ?? -1); c >= 0 && c < row.length && (whole || c === notes); c++) {
        const value = row[c];
        const text = typeof value === 'string' ? value : typeof value === 'number' && Number.isInteger(value) ? String(value) : null;
        if (text !== null) cells.push({ r, c, code, value, text });
      }
    }
    if (cells.length === 0) return [];
    const names = new NameIndex(
      ctx.parsed.registry.records.map((rec) => rec.full_name),
      cells.map((cell) => cell.text),
    );
    const out: Finding[] = [];
    for (const { r, c, code, value, text } of cells) {
      const runs = findPersonalData(text, names);
      if (runs.length === 0) continue;
      const first = runs[0];
      // A name is not repeated in the message (it is printed and passed on); a number is, so it can be found.
      const shownRun = first.kind === 'name' ? '…' : personalText(text).slice(first.start, first.end);
      const address = cellAddress(r, c);
      const w = WHAT[first.kind];
      const item = code ? ` (mục ${code})` : '';
      const itemEn = code ? ` (item ${code})` : '';
      out.push(
        makeFinding('RPT-09', 'warning', { sheet, row0: r, col0: c, field: c === notes ? 'notes' : null }, value,
          `Ô ${address}${item} có ${w.vi} ("${shownRun}"): báo cáo được gửi lên tỉnh và in ra, không ghi thông tin cá nhân của người được tiếp nhận; hãy bỏ hoặc thay bằng mã hồ sơ.`,
          `Cell ${address}${itemEn} holds ${w.en} ("${shownRun}"): the report goes to the province and is printed, so keep personal data out of it; remove it or use the case ID instead.`),
      );
    }
    return out;
  },
};
