/**
 * RPT: the quarterly report sheet (docs/workbook.md, docs/rules.md). The figures are compared with
 * `buildReport` (the single source of truth), checked for internal consistency, and the report's
 * header and submission date against `_meta` and the profile's deadline.
 */
import type { Finding } from '../finding';
import type { ReportData, ReportFigureKey, ReportSheetValues } from '../model';
import { periodOf } from '../period';
import { percent, reportRowDefs } from '../report';
import { countValue, figureKeysOf, percentAgrees, reportDifferences } from '../reportCompare';
import { formatPercent } from '../reportSheet';
import { parseReportNumber, type ParsedNumber } from '../reportValues';
import type { CellValue } from '../sheet';
import { PERSON_KEYS, at, countAt, fillHint, headerOf, typedAt, usable } from './rptCommon';
import { isBlank } from '../sheet';
import { shown, type Rule } from './types';

const showPercent = (n: number | null) => formatPercent(n, 'vi');

/** True when no figure of the report was ever written: every count, amount and percentage
 *  cell of the rows present is empty (a fresh quarter, before the report is filled). */
function neverFilled(values: ReportSheetValues, profileRows: ReturnType<typeof reportRowDefs>): boolean {
  for (const def of profileRows) {
    const row0 = values.rows[def.code];
    if (row0 === undefined || (def.kind !== 'count' && def.kind !== 'percent')) continue;
    const keys: readonly ReportFigureKey[] = def.kind === 'count' ? figureKeysOf(def.code) : ['total'];
    for (const key of keys) if (!isBlank(typedAt(values, row0, values.columns[key]))) return false;
  }
  return true;
}

/** The one finding of a never-filled report that the registry has figures for (docs/rules.md). */
function notFilledFinding(values: ReportSheetValues, report: ReportData, hint: { vi: string; en: string }): Finding {
  const received = report.counts['1']?.total ?? 0;
  const factVi = received > 0 ? `sổ theo dõi có ${received.toLocaleString('vi-VN')} người được tiếp nhận trong kỳ` : 'sổ theo dõi có số liệu của kỳ này';
  const factEn = received > 0 ? `the register has ${received.toLocaleString('en-US')} persons received in the period` : 'the register has figures for this period';
  const code = values.rows['1'] !== undefined ? '1' : (Object.keys(values.rows)[0] ?? '1');
  return at('RPT-01', 'error', values, code, 'total', null,
    `báo cáo quý chưa được lập (mọi ô số liệu đang trống) trong khi ${factVi}: hãy ${hint.vi}, rồi viết phần đánh giá 7.1–7.3.`,
    `the quarterly report has not been filled (every figure is empty) while ${factEn}: ${hint.en}, then write the assessment 7.1–7.3.`);
}

const RPT_01: Rule = {
  id: 'RPT-01',
  severity: 'error',
  fields: ['report'],
  description_vi: 'Số liệu báo cáo khác số liệu tính từ sổ theo dõi',
  description_en: 'A report figure differs from the registry aggregate',
  check(ctx) {
    const values = usable(ctx);
    if (!values || !ctx.report) return [];
    const hint = fillHint(ctx);
    // An empty cell differs only from a non-zero figure (reportDifferences): a never-filled
    // report is flagged only where the registry has something to report, and then once.
    const differences = reportDifferences(values, ctx.report);
    if (differences.length === 0) return [];
    if (neverFilled(values, reportRowDefs(ctx.profile))) return [notFilledFinding(values, ctx.report, hint)];
    const out: Finding[] = [];
    const missingReported = new Set<string>();
    for (const d of differences) {
      const isPercent = ctx.report.percents[d.code] !== undefined;
      if (!d.readable && !isPercent) continue; // RPT-05 names the unreadable count
      if (d.row0 === null) {
        if (missingReported.has(d.code)) continue;
        missingReported.add(d.code);
        out.push(at('RPT-01', 'error', values, d.code, d.key, null, `báo cáo thiếu dòng có mã ${d.code}, sổ theo dõi cho ${d.column} = ${isPercent ? showPercent(d.computed) : d.computed}: hãy thêm lại dòng này (hoặc tạo lại sheet báo cáo).`, `the report has no row with code ${d.code}; the registry gives ${d.column} = ${isPercent ? formatPercent(d.computed, 'en') : d.computed}: add the row back (or recreate the report sheet).`));
        continue;
      }
      if (d.col0 === null) continue; // FMT-03: the column itself is missing
      const computedVi = isPercent ? showPercent(d.computed) : String(d.computed);
      const computedEn = isPercent ? formatPercent(d.computed, 'en') : String(d.computed);
      out.push(
        at('RPT-01', 'error', values, d.code, d.key, d.typed,
          `${d.column}: báo cáo ghi ${shown(d.typed)}, tính từ sổ theo dõi là ${computedVi}: hãy ${hint.vi} hoặc sửa lại số liệu.`,
          `${d.column}: the report says ${shown(d.typed)}, the registry gives ${computedEn}: ${hint.en}, or correct the figure.`),
      );
    }
    return out;
  },
};

const RPT_02: Rule = {
  id: 'RPT-02',
  severity: 'error',
  fields: ['report'],
  description_vi: 'Tổng số khác tổng theo giới tính hoặc tổng theo nhóm tuổi',
  description_en: 'Total differs from the sum of the sex columns or of the age columns',
  check(ctx) {
    const values = usable(ctx);
    if (!values) return [];
    const out: Finding[] = [];
    for (const def of reportRowDefs(ctx.profile)) {
      if (def.kind !== 'count' || values.rows[def.code] === undefined) continue;
      const v = Object.fromEntries(PERSON_KEYS.map((k) => [k, countAt(values, def.code, k)])) as Record<ReportFigureKey, number | null>;
      const total = v.total;
      if (total === null) continue;
      const typedTotal = typedAt(values, values.rows[def.code], values.columns.total);
      if (v.male !== null && v.female !== null && total !== v.male + v.female) {
        out.push(at('RPT-02', 'error', values, def.code, 'total', typedTotal, `Tổng số ${total} khác Nam + Nữ = ${v.male} + ${v.female} = ${v.male + v.female}: hãy sửa lại.`, `Total ${total} differs from male + female = ${v.male} + ${v.female} = ${v.male + v.female}: correct it.`));
      }
      const ages = [v.under16, v.age16to18, v.adult, v.unknown_age];
      if (ages.every((a) => a !== null)) {
        const sum = (ages as number[]).reduce((a, b) => a + b, 0);
        if (total !== sum) {
          out.push(at('RPT-02', 'error', values, def.code, 'total', typedTotal, `Tổng số ${total} khác tổng các nhóm tuổi ${(ages as number[]).join(' + ')} = ${sum}: hãy sửa lại.`, `Total ${total} differs from the age groups ${(ages as number[]).join(' + ')} = ${sum}: correct it.`));
        }
      }
    }
    return out;
  },
};

const RPT_03: Rule = {
  id: 'RPT-03',
  severity: 'error',
  fields: ['report'],
  description_vi: 'Dòng tổng khác tổng các dòng con (1, 1.1, 1.2, 3.x so với 2.1) hoặc 5.2 lớn hơn 5.1',
  description_en: 'A parent row differs from the sum of its children (1, 1.1, 1.2, 3.x vs 2.1) or 5.2 exceeds 5.1',
  check(ctx) {
    const values = usable(ctx);
    if (!values) return [];
    const out: Finding[] = [];
    for (const def of reportRowDefs(ctx.profile)) {
      const children = def.children;
      if (!children || values.rows[def.code] === undefined || children.some((c) => values.rows[c] === undefined)) continue;
      const wrong: { key: ReportFigureKey; parent: number; sum: number }[] = [];
      for (const key of PERSON_KEYS) {
        const parent = countAt(values, def.code, key);
        const parts = children.map((c) => countAt(values, c, key));
        if (parent === null || parts.some((p) => p === null)) continue;
        const sum = (parts as number[]).reduce((a, b) => a + b, 0);
        if (parent !== sum) wrong.push({ key, parent, sum });
      }
      if (wrong.length === 0) continue;
      const first = wrong[0];
      const list = wrong.map((w) => `${headerOf(w.key)} ${w.parent} ≠ ${w.sum}`).join('; ');
      const span = `${children[0]}…${children[children.length - 1]}`;
      out.push(at('RPT-03', 'error', values, def.code, first.key, typedAt(values, values.rows[def.code], values.columns[first.key]),
        `mục ${def.code} phải bằng tổng các mục ${span} (${list}): hãy sửa lại.`,
        `item ${def.code} must equal the sum of items ${span} (${list}): correct it.`));
    }
    if (values.rows['5.1'] !== undefined && values.rows['5.2'] !== undefined) {
      for (const key of PERSON_KEYS) {
        const all = countAt(values, '5.1', key);
        const referred = countAt(values, '5.2', key);
        if (all === null || referred === null || referred <= all) continue;
        out.push(at('RPT-03', 'error', values, '5.2', key, typedAt(values, values.rows['5.2'], values.columns[key]),
          `${headerOf(key)}: số được kết nối (${referred}) lớn hơn số người dưới 18 tuổi ở mục 5.1 (${all}): hãy sửa lại.`,
          `${headerOf(key)}: referred (${referred}) exceeds the persons under 18 of item 5.1 (${all}): correct it.`));
        break;
      }
    }
    return out;
  },
};

/** RPT-04 for one percent row; `den`/`num` are the typed counts it derives from, when known. */
function percentFinding(values: ReportSheetValues, code: string, typed: CellValue, parsed: ParsedNumber, den: number | null, num: number | null): Finding | null {
  const f = (vi: string, en: string) => at('RPT-04', 'error', values, code, 'total', typed, vi, en);
  if (parsed.kind === 'text') return f(`"${parsed.text}" không phải tỷ lệ phần trăm: ghi số (ví dụ 87,5) hoặc "—" khi không có mẫu số.`, `"${parsed.text}" is not a percentage: write a number (e.g. 87.5) or "—" when there is no denominator.`);
  if (parsed.kind === 'number' && (parsed.value < 0 || parsed.value > 100)) return f(`tỷ lệ ${parsed.value} nằm ngoài 0–100 %: hãy sửa lại.`, `the percentage ${parsed.value} is outside 0–100 %: correct it.`);
  if (den === null) return null;
  if (den === 0) {
    return parsed.kind === 'number'
      ? f(`mẫu số bằng 0 nên tỷ lệ phải ghi "—", không ghi ${parsed.value}: hãy sửa lại.`, `the denominator is 0, so the percentage must be "—", not ${parsed.value}: correct it.`)
      : null;
  }
  if (parsed.kind !== 'number') return f(`mẫu số là ${den} nên phải ghi tỷ lệ phần trăm, không để "${parsed.kind === 'dash' ? '—' : ''}": hãy điền.`, `the denominator is ${den}, so a percentage is due, not "${parsed.kind === 'dash' ? '—' : ''}": fill it in.`);
  if (num === null) return null;
  const expected = percent(num, den);
  if (percentAgrees(parsed, expected)) return null;
  return f(`tỷ lệ ${parsed.value} khác ${num}/${den} = ${showPercent(expected)}: hãy sửa lại.`, `the percentage ${parsed.value} differs from ${num}/${den} = ${formatPercent(expected, 'en')}: correct it.`);
}

const RPT_04: Rule = {
  id: 'RPT-04',
  severity: 'error',
  fields: ['report'],
  description_vi: 'Tỷ lệ phần trăm không khớp với số liệu của nó',
  description_en: 'A percentage row is inconsistent with its counts',
  check(ctx) {
    const values = usable(ctx);
    if (!values) return [];
    const out: Finding[] = [];
    // 6.1–6.3 are year to date (docs/workbook.md): only in the year's first quarter are their denominators
    // on the sheet (6.1 = of row 1, its numerator is not a row; 6.3 = 5.2 / 5.1). Otherwise the
    // sheet can only say whether each is a percentage at all (RPT-01 compares the values).
    const firstQuarter = ctx.report !== null && ctx.report.period.start.getTime() === periodOf(ctx.profile, ctx.report.period.year, 1).start.getTime();
    const parts: Record<string, [number | null, number | null]> = firstQuarter
      ? { '6.1': [countAt(values, '1', 'total'), null], '6.2': [null, null], '6.3': [countAt(values, '5.1', 'total'), countAt(values, '5.2', 'total')] }
      : { '6.1': [null, null], '6.2': [null, null], '6.3': [null, null] };
    for (const [code, [den, num]] of Object.entries(parts)) {
      const row0 = values.rows[code];
      if (row0 === undefined || values.columns.total === undefined) continue;
      const typed = typedAt(values, row0, values.columns.total);
      const finding = percentFinding(values, code, typed, parseReportNumber(typed), den, num);
      if (finding) out.push(finding);
    }
    return out;
  },
};

const RPT_05: Rule = {
  id: 'RPT-05',
  severity: 'error',
  fields: ['report'],
  description_vi: 'Số liệu âm hoặc không phải số nguyên',
  description_en: 'Negative or non-integer count',
  check(ctx) {
    const values = usable(ctx);
    if (!values) return [];
    const out: Finding[] = [];
    for (const def of reportRowDefs(ctx.profile)) {
      const row0 = values.rows[def.code];
      if (def.kind !== 'count' || row0 === undefined) continue;
      for (const key of figureKeysOf(def.code)) {
        const typed = typedAt(values, row0, values.columns[key]);
        const parsed = parseReportNumber(typed);
        const n = countValue(parsed);
        if (n !== null && Number.isInteger(n) && n >= 0) continue;
        out.push(at('RPT-05', 'error', values, def.code, key, typed,
          `${headerOf(key)} = ${shown(typed)} phải là số nguyên không âm: hãy sửa lại.`,
          `${headerOf(key)} = ${shown(typed)} must be a whole number ≥ 0: correct it.`));
      }
    }
    return out;
  },
};

import { RPT_06, RPT_07, RPT_08 } from './rptHeader';
import { RPT_09 } from './rptText';

export const RPT_RULES: readonly Rule[] = [RPT_01, RPT_02, RPT_03, RPT_04, RPT_05, RPT_06, RPT_07, RPT_08, RPT_09];
