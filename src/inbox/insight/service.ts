import { findOutliers, type Outlier, type QuarterFigures } from '../../domain/outliers';
import { matchPeople, type MatchLevel, type MatchReason, type PersonEntry } from '../../domain/personMatch';
import { previousQuarter } from '../../domain/period';
import type { Profile } from '../../domain/schema/profile';
import { buildTrends, TREND_QUARTERS, type Trends } from '../../domain/trends';
import type { InboxContext, SubmissionVersion } from '../storage/types';
import { inboxScope } from '../province';
import { quarterStatus, trackPeriod, type UnitState } from '../tracking';
import { DigestCache } from './digest';
import { loadMatchKey } from './matchKey';

/** How far back OUT-01 looks for the unit's last 4 accepted quarters (three years). */
const HISTORY_LOOKBACK_QUARTERS = 12;

export interface UnitOutliers {
  unit_code: string;
  submission_id: string;
  state: UnitState;
  outliers: Outlier[];
  /** The staff note "confirmed by the unit" (from the audit log), when made. */
  confirmed: { by: string; at: string } | null;
}

export interface DuplicatePair {
  rule: 'DUP-01';
  severity: 'info';
  /** `probable`: same ID number, or the same name (tone placement aside, or one side typed
   *  without diacritics) and birth year; `possible`: a name that looks alike (docs/rules.md). */
  level: MatchLevel;
  /** Why, strongest first (domain/personMatch.ts MATCH_REASON_TEXT has the words). */
  reasons: MatchReason[];
  /** Same ID number on both sides. */
  same_id: boolean;
  a: { unit_code: string; case_id: string };
  b: { unit_code: string; case_id: string };
}

type Quarter = { year: number; quarter: number };

/** Per inbox process: the digest cache and the queries of the staff page's insight panels. */
export class Insight {
  readonly digests: DigestCache;
  private key: Promise<Buffer> | null = null;

  constructor(private readonly ctx: InboxContext) {
    this.digests = new DigestCache(ctx, () => (this.key ??= loadMatchKey(ctx.config)));
  }

  /** Each unit's version that counts for the quarter (accepted, else latest), with its state. */
  async current(profile: Profile, q: Quarter): Promise<{ version: SubmissionVersion; state: UnitState }[]> {
    const scope = await inboxScope(this.ctx, profile);
    const byUnit = new Map<string, SubmissionVersion[]>();
    for (const v of await this.ctx.store.listPeriodVersions(profile.id, q.year, q.quarter)) {
      // Only the inbox's province counts (province.ts): a unit of elsewhere is no part of it.
      if (!scope.belongs(v.unit_code)) continue;
      byUnit.set(v.unit_code, [...(byUnit.get(v.unit_code) ?? []), v]);
    }
    const out: { version: SubmissionVersion; state: UnitState }[] = [];
    for (const list of byUnit.values()) {
      const s = quarterStatus(list);
      if (s.current) out.push({ version: s.current, state: s.state });
    }
    return out.sort((a, b) => a.version.unit_code.localeCompare(b.version.unit_code));
  }

  /** Accepted versions per unit for each of the `n` quarters before (or ending at) `q`. */
  async accepted(profile: Profile, quarters: Quarter[]): Promise<Map<string, SubmissionVersion>[]> {
    const scope = await inboxScope(this.ctx, profile);
    return Promise.all(
      quarters.map(async (at) => {
        const m = new Map<string, SubmissionVersion>();
        for (const v of await this.ctx.store.listPeriodVersions(profile.id, at.year, at.quarter)) if (v.state === 'accepted' && scope.belongs(v.unit_code)) m.set(v.unit_code, v);
        return m;
      }),
    );
  }

  async outliers(profile: Profile, q: Quarter): Promise<UnitOutliers[]> {
    const current = await this.current(profile, q);
    if (current.length === 0) return [];
    const past = quartersBefore(q, HISTORY_LOOKBACK_QUARTERS);
    const accepted = await this.accepted(profile, past);
    // Each unit's last (up to) 4 accepted quarters, newest first.
    const histories = current.map(({ version }) => {
      const history: { at: Quarter; version: SubmissionVersion }[] = [];
      for (let i = 0; i < past.length && history.length < 4; i++) {
        const v = accepted[i].get(version.unit_code);
        if (v) history.push({ at: past[i], version: v });
      }
      return history;
    });
    const withHistory = current.filter((_c, i) => histories[i].length > 0);
    const figures = await this.digests.figures([...withHistory.map((c) => c.version), ...histories.flat().map((h) => h.version)], profile);
    const out: UnitOutliers[] = [];
    for (const [i, { version, state }] of current.entries()) {
      if (histories[i].length === 0) continue;
      const quarter = (v: SubmissionVersion, at: Quarter): QuarterFigures => ({ ...at, totals: figures.get(v.id)!.totals });
      const history = histories[i].map((h) => quarter(h.version, h.at));
      const outliers = findOutliers(profile, quarter(version, q), history);
      if (outliers.length === 0) continue;
      const note = (await this.ctx.store.listAudit({ target: version.id, limit: 100 })).find((e) => e.action === 'outlier_confirmed');
      out.push({ unit_code: version.unit_code, submission_id: version.id, state, outliers, confirmed: note ? { by: note.actor, at: note.at } : null });
    }
    return out;
  }

  /**
   * DUP-01 for the quarter: pairs of cases of two different units that share a keyed hash of one
   * of their match keys (domain/personMatch.ts), probable ones first. Only case IDs, the level and
   * the reasons leave this function.
   */
  async duplicates(profile: Profile, q: Quarter): Promise<DuplicatePair[]> {
    const current = await this.current(profile, q);
    const entries: PersonEntry[] = [];
    for (const { version } of current) {
      const d = await this.digests.get(version, profile);
      for (const c of d.cases) entries.push({ ...c, unit_code: d.unit_code });
    }
    const rank = (level: MatchLevel) => (level === 'probable' ? 0 : 1);
    return matchPeople(entries)
      .map(
        (m): DuplicatePair => ({
          rule: 'DUP-01',
          severity: 'info',
          level: m.level,
          reasons: m.reasons,
          same_id: m.reasons.includes('same_id'),
          a: { unit_code: m.a.unit_code, case_id: m.a.case_id },
          b: { unit_code: m.b.unit_code, case_id: m.b.case_id },
        }),
      )
      .sort((x, y) => rank(x.level) - rank(y.level) || x.a.unit_code.localeCompare(y.a.unit_code) || x.a.case_id.localeCompare(y.a.case_id));
  }

  /** The main indicators over the `TREND_QUARTERS` quarters ending at `q`, accepted submissions
   *  only; a quarter is closed (final) when every unit the inbox expects has an accepted report. */
  async trends(profile: Profile, q: Quarter): Promise<Trends> {
    const quarters = [q, ...quartersBefore(q, TREND_QUARTERS - 1)].reverse();
    const accepted = await this.accepted(profile, quarters);
    const closed = await Promise.all(
      quarters.map(async (at) => {
        const { counts } = await trackPeriod(this.ctx, profile, at.year, at.quarter);
        return counts.expected > 0 && counts.accepted === counts.expected;
      }),
    );
    const figures = await this.digests.figures(
      accepted.flatMap((m) => [...m.values()]),
      profile,
    );
    return buildTrends(
      profile,
      quarters.map((at, i) => ({
        ...at,
        closed: closed[i],
        figures: [...accepted[i].values()].map((v) => ({ unit_code: v.unit_code, ...figures.get(v.id)! })),
      })),
    );
  }
}

export function quartersBefore(q: Quarter, n: number): Quarter[] {
  const out: Quarter[] = [];
  let at = q;
  for (let i = 0; i < n; i++) {
    at = previousQuarter(at.year, at.quarter);
    out.push(at);
  }
  return out;
}

const perContext = new WeakMap<InboxContext, Insight>();

export function insightOf(ctx: InboxContext): Insight {
  let insight = perContext.get(ctx);
  if (!insight) {
    insight = new Insight(ctx);
    perContext.set(ctx, insight);
  }
  return insight;
}
