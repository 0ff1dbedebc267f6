import fs from 'node:fs';
import path from 'node:path';
import '../../src/profiles/officialAll';
import { COUNTRIES, PURPOSE, SEX, supportTypes, VERIFICATION_STATUS, VERIFYING_AGENCY, type Code } from '../../src/domain/codes';
import { CASE_FIELDS, EXTRA_FIELDS, htcdsCases, SUPPORT_PLAN_FIELDS, SUPPORT_PLAN_LABEL, supportPlanTypes, TOOLKIT_FIELDS, type HtcdsCase } from '../../src/domain/htcds';
import { TOOLKIT_LISTS } from '../../src/domain/htcdsLists';
import { htcdsQuasiIdentifiers, publishedCase, type PublishedCase } from '../../src/domain/htcdsRows';
import type { RegistryRecord, SupportRecord } from '../../src/domain/model';
import { ageGroup } from '../../src/domain/period';
import type { Profile } from '../../src/domain/schema/profile';
import { getProfile } from '../../src/profiles';
import { person, support } from './reportFixtures';
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

/** The export's tables as docs/htcds.md gives them to provincial staff: each column's field name
 *  and label, and each register value's word in the file. The doc's tables were checked cell by
 *  cell against IOM's toolkit (`scripts/htcds-toolkit.ts check`); these tests keep the code and
 *  the doc from drifting apart, so a field renamed or a value mapped to the wrong word fails. */
const DOC = fs.readFileSync(path.join(__dirname, '../../docs/htcds.md'), 'utf8').split('\n');

/** The rows (cells, backticks removed) of the first table after the line `title`. */
function docTable(title: string): string[][] {
  const at = DOC.indexOf(title);
  expect(at).toBeGreaterThanOrEqual(0);
  const rows: string[][] = [];
  let i = at + 1;
  while (i < DOC.length && !DOC[i].startsWith('|')) i++;
  for (i += 2; i < DOC.length && DOC[i].startsWith('|'); i++) rows.push(DOC[i].split('|').slice(1, -1).map((c) => c.trim().replace(/`/g, '')));
  return rows;
}

/** The `from → to` pairs of the field-mapping row starting with `head`: every backticked word on
 *  the left, the backticked word on the right, or null where the doc says the cell stays empty. */
function docMapping(head: string): { from: string[]; to: string | null }[] {
  const line = DOC.find((l) => l.startsWith(`| ${head} |`));
  expect(line).toBeDefined();
  const values = line!.split('|').slice(1, -1)[2];
  const out: { from: string[]; to: string | null }[] = [];
  for (const part of values.split('; ')) {
    if (!part.includes('→')) continue;
    const [left, right] = part.split('→');
    const from = [...left.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    if (!from.length) continue;
    const to = right.trim().startsWith('`') ? /`([^`]+)`/.exec(right)![1] : null;
    out.push({ from, to });
  }
  expect(out.length).toBeGreaterThan(0);
  return out;
}

const keyOf = (list: readonly Code[], vi: string): string => {
  const code = list.find((c) => c.vi === vi);
  expect({ vi, known: Boolean(code) }).toEqual({ vi, known: true });
  return code!.key;
};

const bacNinh = getProfile('bac-ninh-2017')!;
const commune = getProfile('vn-2025')!;

/** A register's records through the export's two steps, at full detail: the published fields and
 *  support labels of each consented case. */
function publish(records: RegistryRecord[], supportRows: SupportRecord[] = [], profile: Profile = bacNinh): PublishedCase[] {
  const q = htcdsQuasiIdentifiers(profile.law);
  return htcdsCases(records, supportRows, profile, '27', () => true).map((c) => publishedCase({ row: c, sensitiveWithheld: false, qi: q.map((x) => x.levels[0](c)) }, q));
}

describe("the export's tables as docs/htcds.md gives them", () => {
  test("Case Sheet: the toolkit's 38 columns B…AM, then our vn_ columns, field name and label as the doc's table", () => {
    const table = docTable('**`Case Sheet`**');
    expect(table.map(([, field, label]) => [field, label])).toEqual(CASE_FIELDS.map(([f, l]) => [f, l]));
    expect(table.map(([col]) => col).slice(0, TOOLKIT_FIELDS.length)).toEqual([...'BCDEFGHIJKLMNOPQRSTUVWXYZ'].concat(['AA', 'AB', 'AC', 'AD', 'AE', 'AF', 'AG', 'AH', 'AI', 'AJ', 'AK', 'AL', 'AM']));
    expect(TOOLKIT_FIELDS).toHaveLength(38);
    expect(EXTRA_FIELDS.every(([f]) => f.startsWith('vn_'))).toBe(true);
  });

  test('Support Plan: case number, then HTCDS spl_ fields, as the doc; the type list is HTCDS’s nine', () => {
    expect(docTable('**`Support Plan`** (column A: running number)').map(([col, field, label]) => [col, field, label])).toEqual(
      SUPPORT_PLAN_FIELDS.map(([f, l], i) => [String.fromCharCode(66 + i), f, l]),
    );
    const line = DOC.find((l) => l.startsWith("HTCDS's Support Plan types"))!;
    const types = [...line.matchAll(/`([^`]+)`/g)].map((m) => m[1]).filter((t) => t !== 'validation');
    expect(Object.values(SUPPORT_PLAN_LABEL)).toEqual(types);
  });

  test.each([
    ['prs_Gender', SEX, (key: string) => ({ sex: key as RegistryRecord['sex'] })],
    ['vic_TraffickingStatus', VERIFICATION_STATUS, (key: string) => ({ verification_status: key as RegistryRecord['verification_status'] })],
    ['vic_TypeOfExploitation', PURPOSE, (key: string) => ({ purpose: key })],
    ['vic_TraffickinStatusDecisionMakingOrg', VERIFYING_AGENCY, (key: string) => ({ verification_status: 'identified' as const, verifying_agency: key })],
  ])('%s: each register value is written as the word the doc maps it to', (field, list, over) => {
    const mapping = docMapping(`\`${field}\``);
    for (const { from, to } of mapping) {
      for (const vi of from) {
        const [p] = publish([person(over(keyOf(list, vi)))]);
        expect({ vi, written: p.fields[field] }).toEqual({ vi, written: to ?? undefined });
        if (to === null) expect(String(p.fields.vn_Unknown).split('; ')).toContain(field);
      }
    }
    // Every value of the register's list is in the doc's mapping.
    const documented = mapping.flatMap((m) => m.from);
    expect(list.map((c) => c.vi).filter((vi) => !documented.includes(vi))).toEqual([]);
  });

  test('vic_TraffickinStatusDecisionMakingOrg is empty while no decision was made, whatever the agency typed', () => {
    for (const status of ['pending', null] as const) {
      const [p] = publish([person({ verification_status: status, verifying_agency: 'police' })]);
      expect(p.fields.vic_TraffickinStatusDecisionMakingOrg).toBeUndefined();
      expect(String(p.fields.vn_Unknown).split('; ')).toContain('vic_TraffickinStatusDecisionMakingOrg');
    }
    const [none] = publish([person({ verification_status: 'not_victim', verifying_agency: null })]);
    expect(none.fields.vic_TraffickinStatusDecisionMakingOrg).toBeUndefined();
    expect(none.fields.vic_TraffickingStatus).toBe('Not a victim of trafficking');
  });

  test('vn_AgeGroup: each age group at receipt is written as the doc maps it, at every boundary', () => {
    const mapping = new Map(docMapping('`vn_AgeGroup`').map(({ from, to }) => [from[0], to]));
    expect([...mapping.keys()]).toEqual([...new Set([0, 16, 18, null].map((a) => ageGroup(a)))]);
    for (const age of [0, 15, 16, 17, 18, 60, null]) {
      const [p] = publish([person({ age_at_receipt: age })]);
      expect({ age, written: p.fields.vn_AgeGroup }).toEqual({ age, written: mapping.get(ageGroup(age)) });
    }
  });

  test.each([
    ['law-2011', bacNinh],
    ['law-2024', commune],
  ] as const)('spl_Type on %s plans: each support type received is the Support Plan type the doc maps it to, and the quasi-identifiers are exactly those types', (law, profile) => {
    expect(profile.law).toBe(law);
    const mapping = docMapping(`\`spl_Type\` (sheet \`Support Plan\`), \`${law}\` plans`);
    const types = supportTypes(law);
    const reached = new Set<string>();
    for (const { from, to } of mapping) {
      for (const vi of from) {
        const [p] = publish([person({ case_id: 'C1' })], [support('C1', keyOf(types, vi), '2020-08-02', null)], profile);
        expect({ vi, support: p.support }).toEqual({ vi, support: to ? [to] : [] });
        if (to) reached.add(to);
      }
    }
    expect(types.map((c) => c.vi).filter((vi) => !mapping.some((m) => m.from.includes(vi)))).toEqual([]);
    // One yes/no quasi-identifier per Support Plan type the law's types reach, in value-name order.
    // toStrictEqual: toEqual would pass over an undefined type reached by a mistyped key.
    const planTypes = supportPlanTypes(law);
    expect(planTypes.map((t) => SUPPORT_PLAN_LABEL[t]).sort()).toStrictEqual([...reached].sort());
    expect(planTypes).toStrictEqual([...planTypes].sort());
    expect(htcdsQuasiIdentifiers(law).filter((q) => q.name.startsWith('support:')).map((q) => q.name)).toEqual(planTypes.map((t) => `support:${t}`));
  });
});

describe('htcdsCases: which rows leave the unit, and what support they carry', () => {
  test('only consented rows with a date received that the caller keeps', () => {
    const rows = [
      person({ case_id: 'yes' }),
      person({ case_id: 'no', consent_share: 'no' }),
      person({ case_id: 'empty', consent_share: null }),
      person({ case_id: 'undated', received_date: null }),
      person({ case_id: 'dropped' }),
    ];
    const cases = htcdsCases(rows, [], bacNinh, '27', (r) => r.case_id !== 'dropped');
    expect(cases.map((c) => c.caseId)).toEqual(['yes']);
    expect(cases[0]).toMatchObject({ province: '27', year: 2020, quarter: 3, sex: 'female', exploitation: 'sexual', status: 'identified', decisionOrg: 'Police' });
  });

  test("support is matched by case ID, each type once, sorted; rows without a case ID or an HTCDS type carry none", () => {
    const rows = [person({ case_id: 'A' }), person({ case_id: 'B' }), person({ case_id: null })];
    const log = [
      support('A', 'essential_travel', '2020-08-02', null),
      support('A', 'medical', '2020-08-03', null),
      support('A', 'psychological', '2020-08-04', null),
      support('A', 'other', '2020-08-05', null),
      support('B', 'other', '2020-08-05', null),
      support(null, 'legal_aid', '2020-08-05', null),
      support('B', null, '2020-08-05', null),
    ];
    const cases = htcdsCases(rows, log, bacNinh, '27', () => true);
    expect(cases.map((c) => [c.caseId, c.support])).toEqual([
      ['A', ['Health', 'SocialCare']],
      ['B', []],
      [null, []],
    ]);
  });

  test('a purpose HTCDS has no value for (Chưa xác định) is not known; a citizenship keeps its ISO code', () => {
    const [c] = htcdsCases([person({ purpose: 'undetermined', nationality: COUNTRIES.find((x) => x.key === 'LA')! })], [], bacNinh, '27', () => true);
    expect(c.exploitation).toBeNull();
    expect(c.citizenship).toBe('LA');
    const [none] = htcdsCases([person({ purpose: null, nationality: null })], [], bacNinh, '27', () => true);
    expect(none).toMatchObject({ exploitation: null, citizenship: null });
  });
});
