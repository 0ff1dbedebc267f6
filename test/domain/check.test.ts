import '../../src/profiles/officialAll';
import fc from 'fast-check';
import { checkRegistryRow, checkWorkbook } from '../../src/domain/check';
import { isSubmittable } from '../../src/domain/finding';
import { parseWorkbook } from '../../src/domain/parse';
import { RULES } from '../../src/domain/rules/index';
import { PROFILES } from '../../src/profiles';
import { buildReport } from '../../src/domain/report';
import { readReportSheet, reportCellWrites } from '../../src/domain/reportSheet';
import { SHEET } from '../../src/domain/sheet';
import { unsafeText } from '../../src/domain/textSafety';
import { specToWorkbook } from '../../src/domain/sample';
import { REGISTRY_KEYS, SUPPORT_KEYS } from '../../src/domain/schema/registry';
import { sample } from '../cli/helpers';
import { buildWorkbook, checkTest, utc, validRegistryRow } from './helpers';

const OWNED = [
  ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => `FMT-0${n}`),
  ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((n) => `REG-${String(n).padStart(2, '0')}`),
  'VER-01', 'VER-02', 'VER-03', 'VER-04', 'CHD-01', 'CHD-02', 'CHD-03', 'PRT-01', 'CNS-01',
];
const OTHERS = [...[1, 2, 3, 4, 5, 6].map((n) => `SUP-0${n}`), ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => `RPT-0${n}`)];

describe('the rule catalog', () => {
  it('lists every rule of docs/rules.md once, with bilingual descriptions', () => {
    const ids = RULES.map((r) => r.id);
    for (const id of [...OWNED, ...OTHERS]) expect(ids.filter((x) => x === id)).toHaveLength(1);
    expect(ids).toHaveLength(OWNED.length + OTHERS.length);
    for (const r of RULES) {
      expect(r.description_vi).not.toBe('');
      expect(r.description_en).not.toBe('');
    }
  });
});

describe("each rule's declared fields (the catalog a reader and the pane go by)", () => {
  // A rule is data a reader can follow (src/domain/rules/types.ts): it names the register,
  // support-log or report fields it reads, or none when it looks at any cell (the FMT rules). A
  // misspelt name, or a finding at a field its rule does not name, misleads whoever reads it.
  const KNOWN = new Set<string>([...REGISTRY_KEYS, ...SUPPORT_KEYS, 'report', 'unit_code', 'year']);

  it('names only real fields; only the rules that look at any cell name none', () => {
    for (const r of RULES) for (const f of r.fields) expect({ rule: r.id, field: f, known: KNOWN.has(f) }).toEqual({ rule: r.id, field: f, known: true });
    // FMT-01..06 and FMT-08 read the workbook's structure or any text cell; RPT-08 the time of receipt.
    expect(RULES.filter((r) => r.fields.length === 0).map((r) => r.id)).toEqual(['FMT-01', 'FMT-02', 'FMT-03', 'FMT-04', 'FMT-05', 'FMT-06', 'FMT-08', 'RPT-08']);
  });

  it.each([
    ['bac-ninh-2017', 'BN-TS', 2020],
    ['vn-2025', '22366', 2025],
  ])('every finding on a faulty %s sample points at a field its rule declares', (profileId, unit, year) => {
    const { spec } = sample(120, 5, true, profileId, unit, year, 3);
    const findings = checkWorkbook(specToWorkbook(spec), { today: new Date(Date.UTC(year + 1, 0, 15)) }).findings;
    const byId = new Map(RULES.map((r) => [r.id, r]));
    const checked = new Set<string>();
    for (const f of findings) {
      const declared = byId.get(f.rule)!.fields;
      if (!f.field || !KNOWN.has(f.field) || declared.length === 0) continue;
      checked.add(f.rule);
      // `report` covers whatever the rule reads on the report sheet (its header's unit and period too).
      const covered = declared.includes(f.field) || (declared.includes('report') && f.sheet === SHEET.report);
      expect({ rule: f.rule, field: f.field, declared: covered }).toEqual({ rule: f.rule, field: f.field, declared: true });
    }
    // The sample plants a fault for every rule: most of them report at a field.
    expect(checked.size).toBeGreaterThan(20);
  });
});

describe('checkWorkbook', () => {
  it.each(PROFILES.map((p) => p.id))('finds nothing in a clean %s workbook', (profileId) => {
    const profile = PROFILES.find((p) => p.id === profileId)!;
    const wb = buildWorkbook({ rows: 6, profileId, year: profile.years.from });
    expect(checkTest(wb)).toEqual([]);
  });

  it('accepts an empty registry', () => {
    expect(checkTest(buildWorkbook({ rows: 0 }))).toEqual([]);
  });

  it('runs every rule and never stops at the first failure; findings sorted by severity then place', () => {
    const wb = buildWorkbook({ rows: 3 });
    wb.setRegistry(0, 'sex', 'nu');
    wb.setRegistry(1, 'consent_share', null);
    wb.setRegistry(2, 'received_date', '31/02/2020');
    wb.setRegistry(2, 'protection', 'Có nhu cầu - chưa bảo vệ');
    const findings = checkTest(wb);
    const rules = new Set(findings.map((f) => f.rule));
    for (const id of ['REG-02', 'CNS-01', 'REG-03', 'PRT-01']) expect(rules.has(id)).toBe(true);
    const order = { fatal: 0, error: 1, warning: 2, info: 3 };
    for (let i = 1; i < findings.length; i++) expect(order[findings[i - 1].severity]).toBeLessThanOrEqual(order[findings[i].severity]);
    expect(isSubmittable(findings)).toBe(false);
  });

  it('every finding has the exact contract shape', () => {
    const wb = buildWorkbook({ rows: 2 });
    wb.setRegistry(1, 'commune', 'Hà Nội');
    const [f] = checkTest(wb).filter((x) => x.rule === 'REG-08');
    expect(Object.keys(f).sort()).toEqual(['cell', 'column', 'field', 'message_en', 'message_vi', 'row', 'rule', 'severity', 'sheet', 'value'].sort());
    expect(f).toMatchObject({ sheet: 'Sổ theo dõi', cell: 'H3', row: 3, column: 'H', field: 'commune', value: 'Hà Nội' });
  });

  it('only runs the selected families or ids', () => {
    const wb = buildWorkbook({ rows: 2 });
    wb.setRegistry(0, 'sex', 'nu');
    wb.setRegistry(1, 'consent_share', null);
    const only = checkWorkbook(wb.model, { today: wb.today, only: ['CNS'] }).findings;
    expect(only.map((f) => f.rule)).toEqual(['CNS-01']);
  });

  it('keeps cells exact in a large registry', () => {
    const wb = buildWorkbook({ rows: 400 });
    wb.setRegistry(377, 'sex', 'nam giới');
    const f = checkTest(wb).filter((x) => x.rule === 'REG-02');
    expect(f.map((x) => x.cell)).toEqual([`C${wb.registryRow0(377) + 1}`]);
  });
});

describe('checkRegistryRow (entry form)', () => {
  const wb = buildWorkbook({ rows: 3 });
  const parsed = parseWorkbook(wb.model);
  const input = { profile: wb.profile, unit: wb.unit, today: wb.today, others: parsed.registry.records, columns: parsed.registry.columns, meta: parsed.meta };

  it('passes a valid new row and gives its typed record', () => {
    const values = validRegistryRow(3, wb.profile, wb.unit, 2020, 3);
    const { record, findings } = checkRegistryRow(values, input);
    expect(findings).toEqual([]);
    expect(record).toMatchObject({ row0: 4, case_id: 'BN-TS-2020-0004', sex: values.sex === 'Nữ' ? 'female' : 'male' });
  });

  it('reports the same findings as the sheet check, at the target row, incl. duplicates of other rows', () => {
    const values = { ...validRegistryRow(3, wb.profile, wb.unit, 2020, 3), case_id: 'BN-TS-2020-0001', sex: 'nu', birth_date: utc(2010, 1, 1) };
    const { findings } = checkRegistryRow(values, input);
    expect(findings.map((f) => [f.rule, f.cell]).sort()).toEqual([
      ['CHD-01', 'R5'],
      ['REG-02', 'C5'],
      ['REG-06', 'A5'],
    ]);
  });
});

describe('checkRegistryRow text checks', () => {
  it('flags legacy encoding and formula-like text in the entry', () => {
    const wb = buildWorkbook({ rows: 1 });
    const values = { ...validRegistryRow(1, wb.profile, wb.unit, 2020, 3), full_name: 'NguyÔn ThÞ Hoa', notes: '=1+1' };
    const { findings } = checkRegistryRow(values, { profile: wb.profile, unit: wb.unit, today: wb.today, row0: 9 });
    expect(findings.map((f) => [f.rule, f.cell])).toEqual([
      ['FMT-05', 'B10'],
      ['FMT-06', 'W10'],
    ]);
  });
});

describe('robustness', () => {
  it('never throws on arbitrary cell values and always points findings at real cells (property)', () => {
    const keys = ['case_id', 'full_name', 'sex', 'birth_date', 'nationality', 'commune', 'received_date', 'receipt_channel', 'destination', 'verification_status', 'verification_date', 'child_referral', 'child_referral_date', 'accompanying_minors', 'consent_share', 'support_needs', 'id_number'] as const;
    const cell = fc.oneof(
      fc.constant(null),
      fc.string(),
      fc.integer({ min: -100000, max: 3000000 }),
      fc.double({ noNaN: false }),
      fc.boolean(),
      fc.date({ min: new Date(Date.UTC(1800, 0, 1)), max: new Date(Date.UTC(2200, 0, 1)), noInvalidDate: false }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(3), fc.constantFrom(...keys), cell), { maxLength: 12 }), (edits) => {
        const wb = buildWorkbook({ rows: 4 });
        for (const [i, key, value] of edits) wb.setRegistry(i, key, value);
        const findings = checkTest(wb);
        for (const f of findings) {
          expect(f.message_vi.length).toBeGreaterThan(0);
          expect(f.message_en.length).toBeGreaterThan(0);
          if (f.cell !== null) expect(f.cell).toBe(`${f.column}${f.row}`);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('never throws on text of any length and content in the support log and the report\'s text cells (property)', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }), // lone surrogates, control characters
      fc.string({ unit: 'grapheme', maxLength: 200 }),
      fc.tuple(fc.nat(40_000), fc.string({ unit: 'binary', minLength: 1, maxLength: 3 })).map(([n, s]) => s.repeat(Math.ceil(n / s.length))),
      fc.constantFrom('CCCD 001234567890', 'sinh ngày 31/02/2010', 'TrÇn ThÞ', '=cmd|x', 'Y te', '31/02/2020', '-5', 'năm trăm'),
    );
    const cell = fc.oneof(fc.constant(null), text, fc.integer(), fc.double({ noNaN: false }), fc.boolean());
    const supportKeys = ['case_id', 'type', 'date', 'amount', 'provider', 'notes'] as const;
    const reportCells = ['1', '4.1', '6.4', '6.5', '7.1', '7.2', '7.3'] as const;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(3), fc.constantFrom(...supportKeys), cell), { maxLength: 8 }),
        fc.array(fc.tuple(fc.constantFrom(...reportCells), fc.constantFrom('notes' as const, 'total' as const), cell), { maxLength: 6 }),
        (supportEdits, reportEdits) => {
          const wb = buildWorkbook({ rows: 4 });
          for (const [i, key, value] of supportEdits) wb.setSupport(i, key, value);
          const sheet = wb.sheet(SHEET.report);
          const values = readReportSheet(sheet);
          for (const [code, col, value] of reportEdits) sheet.rows[values.rows[code]][values.columns[col] as number] = value;
          const { parsed, findings } = checkWorkbook(wb.model, { today: wb.today });
          for (const f of findings) {
            expect(f.message_vi.length).toBeGreaterThan(0);
            if (f.cell !== null) expect(f.cell).toBe(`${f.column}${f.row}`);
            if (f.rule === 'FMT-08' && typeof f.value === 'string') expect(f.value.length).toBeLessThan(300);
          }
          // The fill over the same workbook: notes composed, never a crash, never an unsafe text.
          const report = buildReport(parsed.registry.records, parsed.support.records, wb.profile, wb.meta.year, wb.meta.quarter);
          for (const w of reportCellWrites(parsed.report, report, wb.profile)) {
            if (typeof w.value === 'string' && typeof sheet.rows[w.row0][w.col0] !== 'string') expect(unsafeText(w.value)).toBeNull();
          }
        },
      ),
      { numRuns: 120 },
    );
  });

  it('reads English headers too', () => {
    const wb = buildWorkbook({ rows: 1 });
    wb.registry.rows[0] = wb.registry.rows[0].map((h, i) => (i === 2 ? 'Sex' : h));
    expect(checkTest(wb)).toEqual([]);
  });

  it('reports a missing support column (FMT-03) and an unknown one (FMT-04)', () => {
    const wb = buildWorkbook({ rows: 1 });
    wb.support.rows[0][1] = 'Hình thức';
    const f = checkTest(wb).filter((x) => x.rule.startsWith('FMT'));
    expect(f.map((x) => [x.rule, x.sheet, x.field ?? x.value])).toEqual([
      ['FMT-03', 'Hỗ trợ', 'type'],
      ['FMT-04', 'Hỗ trợ', 'Hình thức'],
    ]);
  });
});
