import type { HtcdsCase } from '../../src/domain/htcds';
import { TOOLKIT_LISTS } from '../../src/domain/htcdsLists';
import { htcdsQuasiIdentifiers, publishedCase } from '../../src/domain/htcdsRows';
import type { KeptRow } from '../../src/domain/kanon';

/** What one published case says, value by value: the toolkit's words, `NonSpecifiedUnknown`
 *  where the register has nothing, and a withheld field named, never an empty cell that could mean
 *  either. */
const qis = htcdsQuasiIdentifiers('law-2011');
const base: HtcdsCase = {
  caseId: 'BN-TS-2020-0001',
  sex: 'female',
  ageGroup: '16to17',
  citizenship: 'VN',
  exploitation: 'labour',
  province: 'BN',
  status: 'identified',
  decisionOrg: 'Police',
  support: ['Health', 'SocialCare'],
  year: 2020,
  quarter: 4,
};

/** The case kept at `levels` (QI name → level; default 0), status shown unless withheld. */
function kept(c: HtcdsCase, levels: Record<string, number> = {}, sensitiveWithheld = false): KeptRow<HtcdsCase> {
  return {
    row: c,
    sensitiveWithheld,
    qi: qis.map((q) => {
      const level = sensitiveWithheld && q.name === 'decisionOrg' ? q.levels.length - 1 : (levels[q.name] ?? 0);
      return q.levels[level](c);
    }),
  };
}

describe('a published HTCDS case', () => {
  test("at full detail: the toolkit's labels and country names, support as Support Plan types", () => {
    const p = publishedCase(kept(base), qis);
    expect(p.fields).toMatchObject({
      prs_Gender: 'Feminine',
      prs_Citizenship: 'Viet Nam',
      vn_CitizenshipGroup: 'Viet Nam',
      vic_TypeOfExploitation: 'Forced labour',
      vic_TraffickingStatus: 'Actual victim of trafficking',
      vic_TraffickinStatusDecisionMakingOrg: 'Police',
      vn_AgeGroup: '16to17',
      vn_Province: 'BN',
      vn_ReportQuarter: 4,
    });
    expect(p.fields.vn_Unknown).toBeUndefined();
    expect(p.fields.vn_Withheld).toBeUndefined();
    expect(p.support).toEqual(['Health', 'Social Care']);
    expect(TOOLKIT_LISTS['Type of Exploitation']).toContain(p.fields.vic_TypeOfExploitation);
  });

  test('unknown in the register: NonSpecifiedUnknown where the toolkit has it, else empty and named in vn_Unknown', () => {
    const p = publishedCase(kept({ ...base, sex: null, ageGroup: 'NonSpecifiedUnknown', citizenship: null, exploitation: null, status: 'pending', decisionOrg: null }), qis);
    expect(p.fields.prs_Gender).toBe('NonSpecifiedUnknown');
    expect(p.fields.vn_AgeGroup).toBe('NonSpecifiedUnknown');
    expect(p.fields.vn_CitizenshipGroup).toBe('NonSpecifiedUnknown');
    expect(p.fields.vic_TraffickingStatus).toBe('Possible victim of trafficking');
    for (const f of ['prs_Citizenship', 'vic_TypeOfExploitation', 'vic_TraffickinStatusDecisionMakingOrg']) expect(p.fields[f]).toBeUndefined();
    expect(String(p.fields.vn_Unknown).split('; ').sort()).toEqual(['prs_Citizenship', 'vic_TraffickinStatusDecisionMakingOrg', 'vic_TypeOfExploitation']);
    expect(p.fields.vn_Withheld).toBeUndefined();
  });

  test('a country the toolkit lacks (Khác) is foreign, country not known', () => {
    const p = publishedCase(kept({ ...base, citizenship: 'XX' }), qis);
    expect(p.fields.prs_Citizenship).toBeUndefined();
    expect(p.fields.vn_CitizenshipGroup).toBe('Foreign');
    expect(p.fields.vn_Unknown).toBe('prs_Citizenship');
  });

  test('withheld for anonymity: the toolkit cell is empty, our columns say Withheld, and vn_Withheld names each field', () => {
    const all = Object.fromEntries(qis.map((q) => [q.name, q.levels.length - 1]));
    const p = publishedCase(kept(base, all, true), qis);
    for (const f of ['prs_Gender', 'prs_Citizenship', 'vic_TypeOfExploitation', 'vic_TraffickingStatus', 'vic_TraffickinStatusDecisionMakingOrg']) expect(p.fields[f]).toBeUndefined();
    expect(p.fields).toMatchObject({ vn_AgeGroup: 'Withheld', vn_CitizenshipGroup: 'Withheld', vn_Province: 'Withheld' });
    const withheld = String(p.fields.vn_Withheld).split('; ');
    expect(withheld).toEqual(
      expect.arrayContaining(['prs_Gender', 'prs_Citizenship', 'vic_TypeOfExploitation', 'vic_TraffickingStatus', 'vic_TraffickinStatusDecisionMakingOrg', 'vn_AgeGroup', 'spl_Type:Health']),
    );
    expect(p.support).toEqual([]);
    expect(p.fields.vn_Unknown).toBeUndefined();
  });

  test('coarsened: age as minor/adult and citizenship as its group, with the finer field named in vn_Withheld', () => {
    const p = publishedCase(kept({ ...base, citizenship: 'LA' }, { age: 1, citizenship: 1 }), qis);
    expect(p.fields).toMatchObject({ vn_AgeGroup: 'Minor', vn_CitizenshipGroup: 'Foreign' });
    expect(p.fields.prs_Citizenship).toBeUndefined();
    expect(String(p.fields.vn_Withheld).split('; ')).toEqual(['prs_Citizenship', 'vn_AgeGroup']);
  });

  test('row order follows published values only', () => {
    const a = publishedCase(kept({ ...base, caseId: 'BN-TS-2020-0009' }), qis);
    const b = publishedCase(kept({ ...base, caseId: 'BN-TP-2020-0001' }), qis);
    expect(a.order).toBe(b.order);
  });
});
