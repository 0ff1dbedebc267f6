import { deadlineOf, periodOf } from '../domain/period';
import type { Profile } from '../domain/schema/profile';
import { officialUnit } from '../profiles/officialList';
import { formerNames } from '../profiles/unitChanges';
import { inboxScope, type ProvinceRef } from './province';
import type { InboxContext, SubmissionVersion } from './storage/types';

/** A unit's quarter as the province sees it (DHIS2-style reporting status). */
export type UnitState = 'missing' | 'submitted' | 'late' | 'returned' | 'accepted';

export interface QuarterStatus {
  state: UnitState;
  /** The version that counts: the accepted one, else the latest. */
  current: SubmissionVersion | null;
  /** Whether the unit's FIRST version arrived by the deadline: a resubmission the province
   *  asked for (after a return) does not make a unit late. Null when nothing arrived. */
  on_time: boolean | null;
}

export function quarterStatus(versions: readonly SubmissionVersion[]): QuarterStatus {
  if (versions.length === 0) return { state: 'missing', current: null, on_time: null };
  const sorted = [...versions].sort((a, b) => a.version - b.version);
  const onTime = sorted[0].on_time;
  const accepted = sorted.find((v) => v.state === 'accepted');
  if (accepted) return { state: 'accepted', current: accepted, on_time: onTime };
  const latest = sorted[sorted.length - 1];
  if (latest.state === 'returned') return { state: 'returned', current: latest, on_time: onTime };
  return { state: onTime ? 'submitted' : 'late', current: latest, on_time: onTime };
}

export interface VersionView {
  id: string;
  version: number;
  received_at: string;
  sha256: string;
  size: number;
  on_time: boolean;
  state: SubmissionVersion['state'];
  return_reason: string | null;
  decided_by: string | null;
  decided_at: string | null;
  summary: SubmissionVersion['summary'];
}

export function versionView(v: SubmissionVersion): VersionView {
  return {
    id: v.id, version: v.version, received_at: v.received_at, sha256: v.sha256, size: v.size, on_time: v.on_time,
    state: v.state, return_reason: v.return_reason, decided_by: v.decided_by, decided_at: v.decided_at, summary: v.summary,
  };
}

export interface TrackedUnit {
  unit_code: string;
  unit_name: string;
  /** The unit's earlier name(s) when a legal act renamed it (`Xã Long Thành` → `Phường Long Thành`). */
  former_names: string[];
  /** Whether the unit has a token in this inbox (it can submit). */
  registered: boolean;
  state: UnitState;
  submission_id: string | null;
  received_at: string | null;
  on_time: boolean | null;
  return_reason: string | null;
  versions: VersionView[];
}

/** A unit registered in the inbox, or that submitted, which is not one of the province's:
 *  never counted, listed so an administrator can deactivate it. */
export interface OutsideUnit {
  unit_code: string;
  unit_name: string;
  province_code: string;
  registered: boolean;
  versions: number;
}

export interface Tracking {
  profile: string;
  /** The province the quarter is tracked for: the inbox's (province-wide plan) or the plan's own. */
  province: ProvinceRef;
  /** `deadline_assumed`: no plan or legal text sets the day (the profile's `deadline.assumed`). */
  period: { year: number; quarter: number; start: string; end: string; deadline: string; deadline_assumed: boolean };
  units: TrackedUnit[];
  counts: Record<UnitState, number> & { expected: number; received: number; received_on_time: number };
  /** Received (submitted, late or accepted; a returned report is not complete) / expected. */
  completeness_pct: number | null;
  /** Received by the deadline / expected (DHIS2 "reporting rate on time"). */
  timeliness_pct: number | null;
  /** Units of this inbox that are not the province's (see OutsideUnit). */
  outside: OutsideUnit[];
}

const isoDay = (d: Date): string => d.toISOString().slice(0, 10);
const pct = (n: number, d: number): number | null => (d === 0 ? null : Math.round((1000 * n) / d) / 10);

/** Every expected unit with its state: the official list of the inbox's province under a
 *  province-wide plan, else the plan's own units (or those `vr inbox init --profile` set) and
 *  any unit registered under it. Under the official list a registered or submitting unit
 *  outside the province's list is not counted: it is listed in `outside` (a unit of another
 *  province, or a code the list no longer has). */
export async function trackPeriod(ctx: InboxContext, profile: Profile, year: number, quarter: number): Promise<Tracking> {
  const period = periodOf(profile, year, quarter);
  const scope = await inboxScope(ctx, profile);
  const registered = await ctx.store.listUnits(profile.id);
  const names = new Map<string, string>();
  for (const u of scope.units) names.set(u.unit_code, u.unit_name);
  const registeredCodes = new Set(registered.map((u) => u.unit_code));
  const outside = new Map<string, OutsideUnit>();
  for (const u of registered) {
    if (names.has(u.unit_code)) continue;
    // A district-era plan's list may be a sample of the province's: a unit registered under it
    // is of the plan's own province, and expected. Under the official list it is elsewhere.
    if (profile.unit_list !== 'vn-official') names.set(u.unit_code, u.unit_name);
    else outside.set(u.unit_code, { unit_code: u.unit_code, unit_name: u.unit_name, province_code: u.province_code, registered: true, versions: 0 });
  }

  const byUnit = new Map<string, SubmissionVersion[]>();
  for (const v of await ctx.store.listPeriodVersions(profile.id, year, quarter)) {
    if (!names.has(v.unit_code)) {
      const other = outside.get(v.unit_code) ?? { unit_code: v.unit_code, unit_name: v.unit_code, province_code: '', registered: false, versions: 0 };
      other.versions += 1;
      outside.set(v.unit_code, other);
      continue;
    }
    byUnit.set(v.unit_code, [...(byUnit.get(v.unit_code) ?? []), v]);
  }

  const counts: Tracking['counts'] = { expected: 0, received: 0, received_on_time: 0, missing: 0, submitted: 0, late: 0, returned: 0, accepted: 0 };
  const units: TrackedUnit[] = [...names.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, stored]) => {
      // A unit of the official list shows its name now; a rename keeps the old name beside it.
      const name = (profile.unit_list === 'vn-official' ? officialUnit(code)?.unit_name : undefined) ?? stored;
      const versions = byUnit.get(code) ?? [];
      const status = quarterStatus(versions);
      counts.expected += 1;
      counts[status.state] += 1;
      if (status.state === 'submitted' || status.state === 'late' || status.state === 'accepted') {
        counts.received += 1;
        if (status.on_time) counts.received_on_time += 1;
      }
      return {
        unit_code: code,
        unit_name: name,
        former_names: formerNames(code, name),
        registered: registeredCodes.has(code),
        state: status.state,
        submission_id: status.current?.id ?? null,
        received_at: status.current?.received_at ?? null,
        on_time: status.on_time,
        return_reason: status.current?.return_reason ?? null,
        versions: versions.map(versionView),
      };
    });
  return {
    profile: profile.id,
    province: scope.province,
    period: { year, quarter, start: isoDay(period.start), end: isoDay(period.end), deadline: isoDay(deadlineOf(profile, year, quarter)), deadline_assumed: profile.deadline.assumed === true },
    units,
    counts,
    completeness_pct: pct(counts.received, counts.expected),
    timeliness_pct: pct(counts.received_on_time, counts.expected),
    outside: [...outside.values()].sort((a, b) => a.unit_code.localeCompare(b.unit_code)),
  };
}
