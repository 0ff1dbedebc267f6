/**
 * CHD: children (Children Law 2016 Art. 1: under 16) and minors (Civil Code 2015 Art. 21:
 * under 18; Law 53/2024 protects everyone under 18) must be connected to child-protection
 * services (plan 002, Bắc Ninh 2017: child victims are referred to child-protection services).
 */
import { formatDate } from '../dates';
import type { RegistryRecord } from '../model';
import { cap, eachRecord, registryFinding, hasValue, type Rule } from './types';

function referralMessage(r: RegistryRecord, limit: { vi: string; en: string }): (p: { vi: string; en: string }) => { vi: string; en: string } {
  const age = r.age_at_receipt;
  // What the cell holds, quoted as typed (trimmed), or null when it is empty.
  const typed = hasValue(r.raw.child_referral) ? `"${String(r.raw.child_referral).trim()}"` : null;
  return (p) => ({
    vi: `${cap(p.vi)} ${typed ? `là ${typed}` : 'đang trống'} nhưng người này ${age} tuổi khi tiếp nhận (${limit.vi}): kết nối dịch vụ bảo vệ trẻ em rồi ghi "Có" và ngày kết nối.`,
    en: `${cap(p.en)} is ${typed ?? 'empty'} but this person was ${age} at receipt (${limit.en}): refer them to child-protection services, then enter "Có" and the referral date.`,
  });
}

const chd01: Rule = {
  id: 'CHD-01',
  severity: 'error',
  fields: ['child_referral', 'birth_date', 'received_date'],
  description_vi: 'Trẻ em dưới tuổi quy định khi tiếp nhận chưa được kết nối dịch vụ bảo vệ trẻ em',
  description_en: "Under the profile's child age at receipt and not referred to child protection",
  check: (ctx) => {
    const childAge = ctx.profile.thresholds.child_age;
    return eachRecord(ctx, (r, out) => {
      if (r.age_at_receipt === null || r.age_at_receipt < 0 || r.age_at_receipt >= childAge || r.child_referral === 'yes') return;
      out.push(registryFinding(ctx, 'CHD-01', 'error', r, 'child_referral', referralMessage(r, { vi: `dưới ${childAge} tuổi`, en: `under ${childAge}` })));
    });
  },
};

const chd02: Rule = {
  id: 'CHD-02',
  severity: 'warning',
  fields: ['child_referral', 'birth_date', 'received_date'],
  description_vi: 'Luật 2011: người 16–17 tuổi khi tiếp nhận chưa được kết nối dịch vụ bảo vệ trẻ em',
  description_en: 'Law 2011 only: aged 16–17 at receipt and not referred to child protection',
  check: (ctx) => {
    if (ctx.profile.law !== 'law-2011') return [];
    const { child_age: childAge, minor_age: minorAge } = ctx.profile.thresholds;
    return eachRecord(ctx, (r, out) => {
      const age = r.age_at_receipt;
      if (age === null || age < childAge || age >= minorAge || r.child_referral === 'yes') return;
      out.push(registryFinding(ctx, 'CHD-02', 'warning', r, 'child_referral', referralMessage(r, { vi: `${childAge}–${minorAge - 1} tuổi, người chưa thành niên`, en: `${childAge}–${minorAge - 1}, a minor` })));
    });
  },
};

const chd03: Rule = {
  id: 'CHD-03',
  severity: 'error',
  fields: ['child_referral', 'child_referral_date', 'received_date'],
  description_vi: 'Đã kết nối bảo vệ trẻ em nhưng thiếu ngày kết nối hoặc ngày trước ngày tiếp nhận',
  description_en: 'Referred to child protection without a date, or dated before receipt',
  check: (ctx) =>
    eachRecord(ctx, (r, out) => {
      if (r.child_referral !== 'yes') return;
      if (!hasValue(r.raw.child_referral_date)) {
        out.push(registryFinding(ctx, 'CHD-03', 'error', r, 'child_referral_date', (p) => ({ vi: `${cap(p.vi)} đang trống nhưng đã ghi "Có" kết nối dịch vụ bảo vệ trẻ em: nhập ngày kết nối (dd/mm/yyyy).`, en: `${cap(p.en)} is empty although the referral is "Có" (yes): enter the referral date (dd/mm/yyyy).` })));
        return;
      }
      const d = r.child_referral_date;
      const rec = r.received_date;
      if (d && rec && d.getTime() < rec.getTime()) {
        out.push(registryFinding(ctx, 'CHD-03', 'error', r, 'child_referral_date', (p) => ({ vi: `${cap(p.vi)}: ${formatDate(d)} trước ngày tiếp nhận ${formatDate(rec)}: kiểm tra lại ngày kết nối.`, en: `${cap(p.en)}: ${formatDate(d)} is before the date received ${formatDate(rec)}: check the referral date.` })));
      }
    }),
};

export const CHD_RULES: Rule[] = [chd01, chd02, chd03];
