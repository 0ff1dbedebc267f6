/**
 * PRT: safety protection (Law 2011 Art. 30; plan 209/KH-UBND Đồng Tháp: 100 % of victims who
 * need protection are protected).
 */
import type { Finding } from '../finding';
import { registryFinding, type Rule } from './types';

const prt01: Rule = {
  id: 'PRT-01',
  severity: 'warning',
  fields: ['protection'],
  description_vi: 'Có nhu cầu bảo vệ nhưng chưa được bảo vệ (chỉ tiêu 100 %)',
  description_en: 'Needs protection but not yet protected (target 100 %)',
  check: (ctx) => {
    const out: Finding[] = [];
    for (const r of ctx.parsed.registry.records) {
      if (r.protection !== 'not_protected') continue;
      out.push(
        registryFinding(ctx, 'PRT-01', 'warning', r, 'protection', (p) => ({
          vi: `${p.vi.charAt(0).toUpperCase()}${p.vi.slice(1)}: người này có nhu cầu bảo vệ an toàn nhưng chưa được bảo vệ: phối hợp công an bố trí bảo vệ rồi cập nhật "Có nhu cầu - đã bảo vệ".`,
          en: `${p.en.charAt(0).toUpperCase()}${p.en.slice(1)}: this person needs safety protection but is not yet protected: arrange protection with the police, then record "Có nhu cầu - đã bảo vệ".`,
        })),
      );
    }
    return out;
  },
};

export const PRT_RULES: Rule[] = [prt01];
