/**
 * VER: verification of the persons received (Law 2011 Art. 24–26; Decree 62/2012/NĐ-CP: the
 * police verify within 20 days of a request; plan 209/KH-UBND: 100 % of cases received are
 * verified).
 */
import { daysBetween, formatDate } from '../dates';
import type { Finding } from '../finding';
import type { RegistryRecord } from '../model';
import { periodOf } from '../period';
import { cap, eachRecord, registryFinding, hasValue, type Rule, type RuleContext } from './types';


const decided = (r: RegistryRecord): boolean => r.verification_status === 'identified' || r.verification_status === 'not_victim';

/** Built outside the row callback (see ver04Finding). */
function ver01Finding(ctx: RuleContext, r: RegistryRecord, key: 'verification_date' | 'verifying_agency'): Finding {
  const status = String(r.raw.verification_status ?? '').trim();
  return key === 'verification_date'
    ? registryFinding(ctx, 'VER-01', 'error', r, 'verification_date', (p) => ({ vi: `${cap(p.vi)} đang trống nhưng tình trạng là "${status}": nhập ngày xác định (dd/mm/yyyy).`, en: `${cap(p.en)} is empty but the status is "${status}": enter the date of the decision (dd/mm/yyyy).` }))
    : registryFinding(ctx, 'VER-01', 'error', r, 'verifying_agency', (p) => ({ vi: `${cap(p.vi)} đang trống nhưng tình trạng là "${status}": chọn cơ quan đã xác định.`, en: `${cap(p.en)} is empty but the status is "${status}": choose the agency that decided.` }));
}

const ver01: Rule = {
  id: 'VER-01',
  severity: 'error',
  fields: ['verification_status', 'verification_date', 'verifying_agency'],
  description_vi: 'Đã xác định (là / không phải nạn nhân) nhưng thiếu ngày xác định hoặc cơ quan xác định',
  description_en: 'Identified / not a victim without verification date or agency',
  check: (ctx) =>
    eachRecord(ctx, (r, out) => {
      if (!decided(r)) return;
      if (!hasValue(r.raw.verification_date)) out.push(ver01Finding(ctx, r, 'verification_date'));
      if (!hasValue(r.raw.verifying_agency)) out.push(ver01Finding(ctx, r, 'verifying_agency'));
    }),
};

const ver02: Rule = {
  id: 'VER-02',
  severity: 'error',
  fields: ['verification_date', 'received_date'],
  description_vi: 'Ngày xác định trước ngày tiếp nhận',
  description_en: 'Verification date before received date',
  check: (ctx) =>
    eachRecord(ctx, (r, out) => {
      const v = r.verification_date;
      const rec = r.received_date;
      if (!v || !rec || v.getTime() >= rec.getTime()) return;
      out.push(registryFinding(ctx, 'VER-02', 'error', r, 'verification_date', (p) => ({ vi: `${cap(p.vi)}: ${formatDate(v)} trước ngày tiếp nhận ${formatDate(rec)}: kiểm tra lại hai ngày này.`, en: `${cap(p.en)}: ${formatDate(v)} is before the date received ${formatDate(rec)}: check both dates.` })));
    }),
};

const ver03: Rule = {
  id: 'VER-03',
  severity: 'warning',
  fields: ['verification_status', 'received_date'],
  description_vi: 'Chờ xác minh quá số ngày quy định tính đến ngày kiểm tra',
  description_en: "Pending longer than the profile's limit at the check date",
  check: (ctx) => {
    const limit = ctx.profile.thresholds.verification_pending_days;
    const today = ctx.options.today;
    return eachRecord(ctx, (r, out) => {
      if (r.verification_status !== 'pending' || !r.received_date) return;
      const days = daysBetween(r.received_date, today);
      if (days <= limit) return;
      const received = formatDate(r.received_date);
      out.push(registryFinding(ctx, 'VER-03', 'warning', r, 'verification_status', (p) => ({ vi: `${cap(p.vi)}: tiếp nhận ngày ${received}, đã chờ xác minh ${days} ngày (quá ${limit} ngày): đề nghị cơ quan công an trả lời và cập nhật kết quả.`, en: `${cap(p.en)}: received ${received}, pending verification for ${days} days (over ${limit}): follow up with the police and record the result.` }), r.raw.verification_status ?? null));
    });
  },
};

// Findings are built in functions of their own: a message lambda inside a row callback that
// captures the row's variables makes V8 allocate a context for every row, finding or not.
function ver04Finding(ctx: RuleContext, r: RegistryRecord, rec: Date, endText: string): Finding {
  return registryFinding(ctx, 'VER-04', 'info', r, 'verification_status', (p) => ({ vi: `${cap(p.vi)}: người tiếp nhận ngày ${formatDate(rec)} chưa được xác minh đến hết kỳ (${endText}); kế hoạch đặt chỉ tiêu 100 % được xác minh.`, en: `${cap(p.en)}: the person received on ${formatDate(rec)} was not verified by the end of the period (${endText}); the plan's target is 100 % verified.` }), r.raw.verification_status ?? null);
}

const ver04: Rule = {
  id: 'VER-04',
  severity: 'info',
  fields: ['verification_status', 'received_date', 'verification_date'],
  description_vi: 'Tiếp nhận trong kỳ và vẫn chờ xác minh cuối kỳ (chỉ tiêu: 100 % được xác minh)',
  description_en: 'Received in the period and still pending at period end (target: 100 % verified)',
  check: (ctx) => {
    const meta = ctx.parsed.meta;
    if (!meta) return [];
    const period = ctx.report?.period ?? periodOf(ctx.profile, meta.year, meta.quarter);
    const start = period.start.getTime();
    const end = period.end.getTime();
    const endText = formatDate(period.end);
    return eachRecord(ctx, (r, out) => {
      const rec = r.received_date;
      if (!rec || rec.getTime() < start || rec.getTime() > end) return;
      // A decision dated after the last day was still pending at period end.
      const pendingAtEnd = r.verification_status === 'pending' || (decided(r) && r.verification_date !== null && r.verification_date.getTime() > end);
      if (!pendingAtEnd) return;
      out.push(ver04Finding(ctx, r, rec, endText));
    });
  },
};

export const VER_RULES: Rule[] = [ver01, ver02, ver03, ver04];
