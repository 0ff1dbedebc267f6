/**
 * CNS: consent to share (Decree 13/2023/NĐ-CP on personal data; docs/data-protection.md): without a
 * recorded `Có`, the row leaves the unit de-identified only.
 */
import type { Finding } from '../finding';
import { hasValue, registryFinding, type Rule } from './types';

const cns01: Rule = {
  id: 'CNS-01',
  severity: 'warning',
  fields: ['consent_share'],
  description_vi: 'Chưa ghi ý kiến đồng ý chia sẻ thông tin: dòng này chỉ được gửi đi dưới dạng ẩn danh',
  description_en: 'Consent to share is empty: the row leaves the unit de-identified only',
  check: (ctx) => {
    const out: Finding[] = [];
    if (ctx.parsed.registry.columns.consent_share === undefined) return out; // FMT-03 reports it
    for (const r of ctx.parsed.registry.records) {
      if (hasValue(r.raw.consent_share)) continue;
      out.push(
        registryFinding(ctx, 'CNS-01', 'warning', r, 'consent_share', (p) => ({
          vi: `${p.vi.charAt(0).toUpperCase()}${p.vi.slice(1)} đang trống: dòng này chỉ được gửi lên tỉnh dưới dạng ẩn danh; hỏi ý kiến người này rồi ghi "Có" hoặc "Không".`,
          en: `${p.en.charAt(0).toUpperCase()}${p.en.slice(1)} is empty: this row leaves the unit de-identified only; ask the person and enter "Có" (yes) or "Không" (no).`,
        })),
      );
    }
    return out;
  },
};

export const CNS_RULES: Rule[] = [cns01];
