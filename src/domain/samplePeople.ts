/**
 * People for synthetic registers: names, receipt circumstances that belong together (REG-10),
 * verification, child referral and support that respect every rule. Pure and seeded
 * (Mulberry32), so the same seed gives the same people on every machine.
 */
import {
  COUNTRIES, DESTINATION, PURPOSE as PURPOSES, RECEIPT_CHANNEL as RECEIPT, VERIFICATION_STATUS, VERIFYING_AGENCY as AGENCIES, supportTypes, type Code,
} from './codes';
import type { Period } from './model';
import type { Profile, Unit } from './schema/profile';
import type { RegistryKey, SupportKey } from './schema/registry';
import type { CellValue } from './sheet';
import {
  CCCD_PROVINCE, ETHNICITIES_WEIGHTED, FAMILY_NAMES, FOREIGN_NAMES, GIVEN_FEMALE, GIVEN_MALE, MIDDLE_FEMALE, MIDDLE_MALE, PROVIDERS,
} from './sampleNames';

const DAY = 86_400_000;

/** Mulberry32: tiny, fast, good enough for synthetic data, identical on every platform. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = (Math.floor(seed) ^ 0x9e3779b9) >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY);
}
export function utc(y: number, m0: number, d: number): Date {
  return new Date(Date.UTC(y, m0, d));
}
export function minDate(a: Date, b: Date): Date {
  return a.getTime() <= b.getTime() ? a : b;
}
function maxDate(a: Date, b: Date): Date {
  return a.getTime() >= b.getTime() ? a : b;
}

export type RegistryRow = Record<RegistryKey, CellValue>;
export type SupportRow = Record<SupportKey, CellValue>;

export interface SampleOptions {
  rows: number;
  seed: number;
  profile: Profile;
  unit: Unit;
  year: number;
  quarter: number;
  errors?: boolean;
}

/** A finding the sample must produce: rule and place (what `vr validate --json` reports). */
export interface ExpectedFinding {
  rule: string;
  severity: string;
  sheet: string | null;
  cell: string | null;
  row: number | null;
  column: string | null;
  field: string | null;
}

export interface SampleData {
  registry: RegistryRow[];
  support: SupportRow[];
  period: Period;
}

const label = (codes: readonly Code[], key: string): string => (codes.find((c) => c.key === key) as Code).vi;

function personName(rng: Rng, female: boolean): string {
  const middle = rng.pick(female ? MIDDLE_FEMALE : MIDDLE_MALE);
  const given = rng.pick(female ? GIVEN_FEMALE : GIVEN_MALE);
  return `${rng.pick(FAMILY_NAMES)} ${middle} ${given}`;
}

function ageAt(birth: Date, at: Date): number {
  let age = at.getUTCFullYear() - birth.getUTCFullYear();
  if (at.getUTCMonth() < birth.getUTCMonth() || (at.getUTCMonth() === birth.getUTCMonth() && at.getUTCDate() < birth.getUTCDate())) age--;
  return age;
}

/** Channel, destination, nationality and purpose that belong together (REG-10). */
function receipt(rng: Rng): { channel: string; destination: string; nationality: string; purpose: string; agency: string } {
  const r = rng.next();
  const foreignDest = () => rng.pick(['CN', 'CN', 'CN', 'CN', 'LA', 'KH', 'MY', 'TH', 'KR', 'TW']);
  if (r < 0.4) {
    const dest = foreignDest();
    return {
      channel: 'handover',
      destination: dest,
      nationality: 'VN',
      purpose: dest === 'CN' ? rng.pick(['marriage', 'marriage', 'sexual', 'surrogacy', 'labour']) : rng.pick(['sexual', 'labour', 'labour']),
      agency: rng.pick(['border_guard', 'border_guard', 'police', 'mission_abroad']),
    };
  }
  if (r < 0.7) {
    const dest = foreignDest();
    return { channel: 'self_return', destination: dest, nationality: 'VN', purpose: rng.pick(['marriage', 'sexual', 'labour', 'other']), agency: rng.pick(['police', 'border_guard', 'labour_social']) };
  }
  if (r < 0.85) return { channel: 'rescued', destination: 'domestic', nationality: 'VN', purpose: rng.pick(['sexual', 'labour', 'labour']), agency: 'police' };
  if (r < 0.97) return { channel: 'self_report', destination: 'domestic', nationality: 'VN', purpose: rng.pick(['sexual', 'labour', 'other']), agency: rng.pick(['police', 'labour_social']) };
  return { channel: 'foreign_victim', destination: 'domestic', nationality: rng.pick(['LA', 'KH', 'CN', 'MM']), purpose: rng.pick(['sexual', 'labour', 'marriage']), agency: 'police' };
}

/** Amount in đồng for one support of a type (round figures, as in spending decisions). */
function amountFor(rng: Rng, type: string): number | null {
  if (['legal_aid', 'psychological', 'dd', 'd', 'g', 'c'].includes(type)) return rng.chance(0.5) ? null : rng.int(2, 10) * 100_000;
  if (['initial_allowance', 'k'].includes(type)) return rng.pick([1_500_000, 1_800_000, 2_000_000]);
  if (['loan', 'k_loan'].includes(type)) return rng.int(10, 50) * 1_000_000;
  return rng.int(5, 60) * 50_000;
}

export interface PersonSpec {
  received: Date;
  age: number;
  status: 'identified' | 'not_victim' | 'pending';
  /** Force the receipt channel (else drawn with REG-10-consistent combinations). */
  foreign?: boolean;
  /** Support needs: drawn from the eligible types unless given. */
  needs?: string[];
  yearOnly?: boolean;
  female?: boolean;
}

export interface Person {
  row: RegistryRow;
  received: Date;
  verified: Date | null;
  status: PersonSpec['status'];
  needs: string[];
  foreign: boolean;
}

/** Builds people and support rows that satisfy every rule; shared by the clean generator and
 *  the error planter (which starts from a valid person and breaks one thing). */
export class PersonFactory {
  private readonly used = new Set<string>();
  private readonly counters = new Map<number, number>();
  readonly law: readonly Code[];
  readonly historyStart: Date;
  constructor(
    readonly rng: Rng,
    readonly opts: SampleOptions,
    readonly period: Period,
  ) {
    this.law = supportTypes(opts.profile.law);
    this.historyStart = utc(period.start.getUTCFullYear() - 2, period.start.getUTCMonth(), 1);
  }

  nextCaseId(year: number): string {
    const n = (this.counters.get(year) ?? 0) + 1;
    this.counters.set(year, n);
    return `${this.opts.unit.code}-${year}-${String(n).padStart(4, '0')}`;
  }

  /** A received date in the quarter, or in the two years before it. */
  receivedDate(inQuarter: boolean): Date {
    const from = inQuarter ? this.period.start : this.historyStart;
    const to = inQuarter ? this.period.end : addDays(this.period.start, -1);
    return addDays(from, this.rng.int(0, Math.round((to.getTime() - from.getTime()) / DAY)));
  }

  randomSpec(): PersonSpec {
    const rng = this.rng;
    const ageRoll = rng.next();
    return {
      received: this.receivedDate(rng.chance(0.65)),
      age: ageRoll < 0.14 ? rng.int(12, 15) : ageRoll < 0.26 ? rng.int(16, 17) : rng.int(18, 45),
      status: rng.chance(0.9) ? 'identified' : 'not_victim',
    };
  }

  /** Support types open to the person (docs/workbook.md, profile.support_eligibility). */
  eligible(status: PersonSpec['status'], foreign: boolean): string[] {
    const el = this.opts.profile.support_eligibility;
    const list = status === 'identified' ? el.identified : el.pending;
    return foreign ? list.filter((t) => el.foreign.includes(t)) : list;
  }

  person(spec: PersonSpec): Person {
    const { rng, period } = this;
    const { profile, unit } = this.opts;
    let rc = receipt(rng);
    while (spec.foreign !== undefined && (rc.channel === 'foreign_victim') !== spec.foreign) rc = receipt(rng);
    const foreign = rc.channel === 'foreign_victim';
    const female = spec.female ?? rng.chance(0.82);
    const received = spec.received;
    let name = '';
    let birth = received;
    let commune = '';
    // REG-07 (probable duplicate) must not fire by chance: name + birth year + commune unique.
    for (let attempt = 0; ; attempt++) {
      const names = FOREIGN_NAMES[rc.nationality];
      name = foreign ? rng.pick(female ? names.female : names.male) : personName(rng, female);
      birth = addDays(utc(received.getUTCFullYear() - spec.age - 1, received.getUTCMonth(), received.getUTCDate()), rng.int(1, 364));
      commune = rng.pick(unit.communes);
      const key = `${name}|${birth.getUTCFullYear()}|${commune}`;
      if (!this.used.has(key) || attempt > 200) {
        this.used.add(key);
        break;
      }
    }
    const yearOnly = spec.yearOnly ?? (!foreign && spec.age >= 18 && rng.chance(0.04));
    const realAge = ageAt(yearOnly ? utc(birth.getUTCFullYear(), 6, 1) : birth, received);
    const status = spec.status;
    const verified = status === 'pending' ? null : maxDate(received, minDate(addDays(received, rng.int(1, 15)), period.end));
    const minor = realAge < 18;
    const eligible = this.eligible(status, foreign);
    const needs =
      spec.needs ??
      (status === 'identified' ? eligible.filter((_, k) => (k < 3 ? rng.chance(0.6) : rng.chance(0.15))) : rng.chance(0.5) ? eligible.slice(0, 1) : []);
    const idYear = birth.getUTCFullYear();
    const row: RegistryRow = {
      case_id: this.nextCaseId(received.getUTCFullYear()),
      full_name: name,
      sex: female ? 'Nữ' : 'Nam',
      birth_date: yearOnly ? String(idYear) : birth,
      nationality: label(COUNTRIES, rc.nationality),
      ethnicity: foreign ? null : rng.pick(ETHNICITIES_WEIGHTED),
      id_number:
        foreign || realAge < 14 || !rng.chance(0.7)
          ? null
          : `${CCCD_PROVINCE[profile.province_code] ?? '001'}${(female ? 1 : 0) + (idYear >= 2000 ? 2 : 0)}${String(idYear % 100).padStart(2, '0')}${String(rng.int(0, 999_999)).padStart(6, '0')}`,
      commune,
      address: commune.startsWith('Xã') ? `Thôn ${rng.int(1, 12)}, ${commune}` : `Khu phố ${rng.int(1, 9)}, ${commune}`,
      received_date: received,
      receipt_channel: label(RECEIPT, rc.channel),
      destination: label(DESTINATION, rc.destination),
      purpose: status === 'identified' ? label(PURPOSES, rc.purpose) : label(PURPOSES, 'undetermined'),
      verification_status: label(VERIFICATION_STATUS, status),
      verification_date: verified,
      verifying_agency: verified ? label(AGENCIES, rc.agency) : null,
      protection: rng.chance(0.55) ? 'Không có nhu cầu' : 'Có nhu cầu - đã bảo vệ',
      child_referral: minor ? 'Có' : null,
      child_referral_date: minor ? addDays(received, rng.int(0, 5)) : null,
      accompanying_minors: rng.chance(0.06) ? rng.int(1, 2) : null,
      consent_share: rng.chance(0.85) ? 'Có' : 'Không',
      support_needs: needs.length ? needs.map((k) => label(this.law, k)).join('; ') : null,
      notes: null,
    };
    return { row, received, verified, status, needs, foreign };
  }

  /** Support rows meeting every need of the person, dated while the person may receive it. */
  supportFor(p: Person): SupportRow[] {
    const { rng } = this;
    const out: SupportRow[] = [];
    for (const need of p.needs) {
      // A person found not to be a victim was supported while awaiting verification only.
      const last = p.status === 'not_victim' && p.verified ? p.verified : minDate(addDays(p.received, 60), this.period.end);
      const span = Math.max(0, Math.round((last.getTime() - p.received.getTime()) / DAY));
      const times = need === this.law[0].key && rng.chance(0.3) ? 2 : 1;
      for (let t = 0; t < times; t++) {
        out.push({
          case_id: p.row.case_id,
          type: label(this.law, need),
          date: addDays(p.received, rng.int(0, span)),
          amount: amountFor(rng, need),
          provider: rng.pick(PROVIDERS),
          notes: null,
        });
      }
    }
    return out;
  }
}
