/**
 * `vr sample --errors`: plants one known fault per rule into a clean register and says, by
 * construction (never by running the checker), which findings the checker must report. Each
 * fault sits on a person made valid first and received at least 90 days before the quarter,
 * so that the fault changes no figure of the quarter's report; the few findings a fault
 * necessarily brings along (e.g. VER-03 with VER-04) are listed too.
 */
import { supportTypes } from './codes';
import { severityOf } from './sampleReport';
import { addDays, type ExpectedFinding, type Person, type PersonFactory, type RegistryRow, type SupportRow } from './samplePeople';
import { REGISTRY_KEYS, SUPPORT_KEYS, type RegistryKey, type SupportKey } from './schema/registry';
import { SHEET, cellAddress, columnLetter } from './sheet';

interface RowFault {
  rule: string;
  key: RegistryKey;
}
interface PlantedPerson {
  person: Person;
  faults: RowFault[];
  /** Support rows of this person; `fault` marks the planted bad one. */
  support: { row: SupportRow; fault?: { rule: string; key: SupportKey } }[];
}

/** Column header planted next to the table (FMT-04). */
export const UNKNOWN_HEADER = 'Số điện thoại liên hệ';
/** `Trần Thị Thu Hằng` typed with a TCVN3 font (FMT-05). */
export const LEGACY_TEXT = 'TrÇn ThÞ Thu H»ng';
export const FAR_FUTURE = new Date(Date.UTC(2099, 5, 15));
/** A note longer than Excel's 32,767-character cell limit (FMT-08). */
export const OVERLONG_NOTE = 'Ghi chú chép từ hồ sơ giấy. '.repeat(1200);

export interface PlantResult {
  registry: RegistryRow[];
  support: SupportRow[];
  expected: ExpectedFinding[];
  /** Extra header cells of the registry sheet, by 0-based column. */
  extraHeaders: Record<number, string>;
}

/** Inserts `items` into `base` at seeded positions, keeping the items' own order. */
function interleave<T>(factory: PersonFactory, base: T[], items: T[]): T[] {
  const slots = items.map(() => factory.rng.int(0, base.length)).sort((a, b) => a - b);
  const out: T[] = [];
  let k = 0;
  for (let i = 0; i <= base.length; i++) {
    while (k < items.length && slots[k] === i) out.push(items[k++]);
    if (i < base.length) out.push(base[i]);
  }
  return out;
}

export function plantErrors(factory: PersonFactory, registry: RegistryRow[], support: SupportRow[]): PlantResult {
  const { profile } = factory.opts;
  const law = supportTypes(profile.law);
  const t0 = profile.support_eligibility.identified[0];
  const t1 = profile.support_eligibility.identified[1];
  const period = factory.period;
  const oldLast = addDays(period.start, -90);
  const oldSpan = Math.round((oldLast.getTime() - factory.historyStart.getTime()) / 86_400_000);
  const old = () => addDays(factory.historyStart, factory.rng.int(0, oldSpan));
  const adult = (extra: Partial<Parameters<PersonFactory['person']>[0]> = {}) =>
    factory.person({ received: old(), age: factory.rng.int(20, 40), status: 'identified', needs: [], foreign: false, yearOnly: false, ...extra });
  const planted: PlantedPerson[] = [];
  const plant = (person: Person, faults: RowFault[], mutate: (row: RegistryRow) => void = () => undefined) => {
    mutate(person.row);
    const entry: PlantedPerson = { person, faults, support: factory.supportFor(person).map((row) => ({ row })) };
    planted.push(entry);
    return entry;
  };
  const typeLabel = (key: string) => (law.find((t) => t.key === key) ?? law[0]).vi;

  plant(adult(), [{ rule: 'REG-01', key: 'full_name' }], (r) => (r.full_name = null));
  plant(adult(), [{ rule: 'REG-02', key: 'sex' }], (r) => (r.sex = 'nu'));
  plant(adult(), [{ rule: 'REG-03', key: 'accompanying_minors' }], (r) => (r.accompanying_minors = 'hai'));
  plant(adult(), [{ rule: 'REG-04', key: 'verification_date' }], (r) => (r.verification_date = FAR_FUTURE));
  plant(adult(), [{ rule: 'REG-05', key: 'birth_date' }], (r) => {
    const received = r.received_date as Date;
    r.birth_date = new Date(Date.UTC(received.getUTCFullYear() - 120, 2, 10));
    r.id_number = null;
  });
  const first = plant(adult(), []);
  plant(adult(), [{ rule: 'REG-06', key: 'case_id' }], (r) => (r.case_id = first.person.row.case_id));
  const twin = plant(adult(), []);
  const copy = adult();
  copy.row = { ...twin.person.row, case_id: copy.row.case_id };
  plant(copy, [{ rule: 'REG-07', key: 'full_name' }]);
  plant(adult(), [{ rule: 'REG-08', key: 'commune' }], (r) => (r.commune = 'Phường Hàng Bạc'));
  plant(adult(), [{ rule: 'REG-09', key: 'id_number' }], (r) => (r.id_number = '12345'));
  plant(adult(), [{ rule: 'REG-10', key: 'receipt_channel' }], (r) => {
    r.receipt_channel = 'Được giải cứu';
    r.destination = 'Trung Quốc';
  });
  plant(adult(), [{ rule: 'VER-01', key: 'verification_date' }], (r) => (r.verification_date = null));
  plant(adult(), [{ rule: 'VER-02', key: 'verification_date' }], (r) => (r.verification_date = addDays(r.received_date as Date, -5)));
  plant(adult({ status: 'pending' }), [{ rule: 'VER-03', key: 'verification_status' }]);
  // Received in the quarter and still pending: pending for more than 20 days at any check
  // date after the period, so VER-03 comes with VER-04.
  plant(adult({ status: 'pending', received: factory.receivedDate(true) }), [
    { rule: 'VER-03', key: 'verification_status' },
    { rule: 'VER-04', key: 'verification_status' },
  ]);
  const noReferral = (r: RegistryRow) => {
    r.child_referral = 'Không';
    r.child_referral_date = null;
  };
  plant(adult({ age: profile.thresholds.child_age - 3 }), [{ rule: 'CHD-01', key: 'child_referral' }], noReferral);
  if (profile.law === 'law-2011' && profile.thresholds.minor_age > profile.thresholds.child_age) {
    plant(adult({ age: profile.thresholds.child_age }), [{ rule: 'CHD-02', key: 'child_referral' }], noReferral);
  }
  plant(adult({ age: 14 }), [{ rule: 'CHD-03', key: 'child_referral_date' }], (r) => (r.child_referral_date = null));
  plant(adult(), [{ rule: 'PRT-01', key: 'protection' }], (r) => (r.protection = 'Có nhu cầu - chưa bảo vệ'));
  plant(adult(), [{ rule: 'CNS-01', key: 'consent_share' }], (r) => (r.consent_share = null));
  plant(adult(), [{ rule: 'FMT-05', key: 'notes' }], (r) => (r.notes = LEGACY_TEXT));
  plant(adult(), [{ rule: 'FMT-06', key: 'address' }], (r) => (r.address = '=HYPERLINK("http://example.invalid","Xem")'));
  plant(adult(), [{ rule: 'FMT-08', key: 'notes' }], (r) => (r.notes = OVERLONG_NOTE));
  // REG-11: a case ID of another form; its support rows (made after) carry the same ID.
  plant(adult(), [{ rule: 'REG-11', key: 'case_id' }], (r) => (r.case_id = `HS-${String(factory.rng.int(1, 999)).padStart(3, '0')}`));
  // SUP-03: two needs, support given for the first only.
  const unmet = plant(adult({ needs: [t0, t1] }), [{ rule: 'SUP-03', key: 'support_needs' }]);
  unmet.support = unmet.support.filter((s) => s.row.type === typeLabel(t0));

  const supportFault = (needs: string[], rule: string, key: SupportKey, edit: (row: SupportRow, p: Person) => void, extra = {}) => {
    // The bad row is an extra one: the person's needs stay met (no SUP-03 alongside).
    const entry = plant(adult({ needs, ...extra }), []);
    const row = { ...entry.support[0].row };
    edit(row, entry.person);
    entry.support.push({ row, fault: { rule, key } });
  };
  supportFault([t0], 'SUP-01', 'date', (row, p) => (row.date = addDays(p.received, -10)));
  const el = profile.support_eligibility;
  const notForForeign = el.identified.find((t) => !el.foreign.includes(t));
  if (notForForeign) {
    supportFault([el.foreign[0]], 'SUP-02', 'type', (row) => (row.type = typeLabel(notForForeign)), { foreign: true });
  }
  supportFault([t0], 'SUP-04', 'amount', (row) => (row.amount = -500_000));
  // REG-01..04 on the support log (docs/workbook.md), each on an extra row of its own.
  supportFault([t0], 'REG-01', 'type', (row) => (row.type = null));
  supportFault([t0], 'REG-02', 'type', (row) => (row.type = 'Y te'));
  supportFault([t0], 'REG-03', 'date', (row) => (row.date = '31/02/2020'));
  supportFault([t0], 'REG-04', 'date', (row) => (row.date = FAR_FUTURE));
  const capped = Object.entries(profile.support_caps).find(([type]) => el.identified.includes(type));
  if (capped) supportFault([capped[0]], 'SUP-05', 'amount', (row) => (row.amount = capped[1] + 100_000));

  const orphan: SupportRow = {
    case_id: `${factory.opts.unit.code}-${period.start.getUTCFullYear() - 3}-9999`,
    type: typeLabel(t0),
    date: old(),
    amount: 300_000,
    provider: 'UBND xã/phường',
    notes: null,
  };

  // Place the planted people among the clean ones, and their support among the clean support.
  const regRows = interleave(factory, registry.map((row) => ({ row, planted: null as PlantedPerson | null })), planted.map((p) => ({ row: p.person.row, planted: p as PlantedPerson | null })));
  const supItems = [...planted.flatMap((p) => p.support), { row: orphan, fault: { rule: 'SUP-06', key: 'case_id' as SupportKey } }];
  const supRows = interleave(factory, support.map((row) => ({ row, fault: undefined as { rule: string; key: SupportKey } | undefined })), supItems);

  const expected: ExpectedFinding[] = [];
  const add = (rule: string, sheet: string, row0: number, col0: number | null, field: string | null) =>
    expected.push({ rule, severity: severityOf(profile, rule), sheet, cell: col0 === null ? null : cellAddress(row0, col0), row: row0 + 1, column: col0 === null ? null : columnLetter(col0), field });
  regRows.forEach((item, i) => {
    for (const fault of item.planted?.faults ?? []) add(fault.rule, SHEET.registry, i + 1, REGISTRY_KEYS.indexOf(fault.key), fault.key);
  });
  supRows.forEach((item, i) => {
    if (item.fault) add(item.fault.rule, SHEET.support, i + 1, SUPPORT_KEYS.indexOf(item.fault.key), item.fault.key);
  });
  const unknownCol0 = REGISTRY_KEYS.length;
  add('FMT-04', SHEET.registry, 0, unknownCol0, null);
  return {
    registry: regRows.map((r) => r.row),
    support: supRows.map((r) => r.row),
    expected,
    extraHeaders: { [unknownCol0]: UNKNOWN_HEADER },
  };
}
