import { z } from 'zod';
import type { RegistryRecord } from '../../domain/model';
import { parseWorkbook } from '../../domain/parse';
import { personKeys, type PersonEntry } from '../../domain/personMatch';
import { buildReport } from '../../domain/report';
import type { Profile } from '../../domain/schema/profile';
import { readStored } from '../readPool';
import type { InboxContext, SubmissionVersion } from '../storage/types';
import { keyedHash } from './matchKey';

/**
 * What the provincial insight needs from one stored submission, and nothing more: the report's
 * figures (recomputed from the registry, as consolidation does) and, for DUP-01, each case's
 * ID with keyed hashes of the person's match keys (domain/personMatch.ts). No name, ID number or
 * date is kept: the workbook is read, reduced and dropped. A version's bytes never change, so a
 * digest is cached by version id for the life of the process (in memory only).
 */
export type CaseKey = Omit<PersonEntry, 'unit_code'>;

export interface Digest {
  version_id: string;
  unit_code: string;
  year: number;
  quarter: number;
  /** `Tổng số` of every count row. */
  totals: Record<string, number>;
  /** Numerator and denominator of each 6.x percentage (pooled across units by the trends). */
  ratios: Record<string, [number, number]>;
  cases: CaseKey[];
}

/** A row's match keys, each an HMAC under the inbox's key: what DUP-01 compares. */
export function hashedCaseKey(rec: RegistryRecord, key: Buffer): CaseKey | null {
  if (!rec.case_id) return null;
  const p = personKeys(rec);
  if (!p.id && p.keys.length === 0) return null;
  return {
    case_id: rec.case_id,
    id: p.id ? keyedHash(key, p.id) : null,
    keys: p.keys.map((k) => ({ reason: k.reason, text: keyedHash(key, k.text) })),
    plainOnly: p.plainOnly,
  };
}

export function digestWorkbookRecords(
  version: Pick<SubmissionVersion, 'id' | 'unit_code' | 'year' | 'quarter'>,
  registry: readonly RegistryRecord[],
  report: ReturnType<typeof buildReport>,
  key: Buffer,
): Digest {
  const totals: Record<string, number> = {};
  for (const [code, fig] of Object.entries(report.counts)) totals[code] = fig.total;
  const cases: CaseKey[] = [];
  for (const rec of registry) {
    const c = hashedCaseKey(rec, key);
    if (c) cases.push(c);
  }
  return {
    version_id: version.id,
    unit_code: version.unit_code,
    year: version.year,
    quarter: version.quarter,
    totals,
    ratios: report.ratios ?? {},
    cases,
  };
}

/** A version's report figures: what the trends and OUT-01 need, and nothing about a person. */
export type Figures = Pick<Digest, 'totals' | 'ratios'>;

/** Bump when the report's figures are computed differently: stored figures of another schema
 *  are recomputed from the workbook. */
export const FIGURES_SCHEMA = 1;

const StoredFigures = z.object({
  totals: z.record(z.string(), z.number()),
  ratios: z.record(z.string(), z.tuple([z.number(), z.number()])),
});

export const figuresOf = (d: Figures): Figures => ({ totals: d.totals, ratios: d.ratios });

export class DigestCache {
  private readonly done = new Map<string, Promise<Digest>>();
  private readonly figs = new Map<string, Figures>();
  private readonly figuresPending = new Map<string, Promise<Figures>>();

  constructor(
    private readonly ctx: Pick<InboxContext, 'files' | 'store' | 'readers'> & { config?: Pick<InboxContext['config'], 'readers'> },
    private readonly key: () => Promise<Buffer>,
  ) {}

  /**
   * The figures of each version: from this process's memory, else from the database (kept when
   * first computed, so a restart does not re-read every workbook), else computed from the
   * workbook and kept. Only the figures are kept; a workbook read for them is dropped.
   */
  async figures(versions: readonly SubmissionVersion[], profile: Profile): Promise<Map<string, Figures>> {
    const out = new Map<string, Figures>();
    const missing: SubmissionVersion[] = [];
    for (const v of versions) {
      const memo = this.figs.get(v.id);
      if (memo) out.set(v.id, memo);
      else missing.push(v);
    }
    if (missing.length === 0) return out;
    const stored = await this.ctx.store.getFigures(
      missing.map((v) => v.id),
      FIGURES_SCHEMA,
    );
    for (const v of missing) {
      const f = parseFigures(stored.get(v.id)) ?? (await this.computeFigures(v, profile));
      this.figs.set(v.id, f);
      out.set(v.id, f);
    }
    return out;
  }

  /** Reads the workbook once even when two requests want its figures at the same time. */
  private computeFigures(v: SubmissionVersion, profile: Profile): Promise<Figures> {
    let pending = this.figuresPending.get(v.id);
    if (!pending) {
      pending = (async () => {
        const f = figuresOf(await (this.done.get(v.id) ?? this.compute(v, profile)));
        // Losing this write only means the workbook is read again next time.
        await this.ctx.store.putFigures(v.id, FIGURES_SCHEMA, JSON.stringify(f)).catch(() => undefined);
        return f;
      })();
      this.figuresPending.set(v.id, pending);
      const forget = () => this.figuresPending.delete(v.id);
      pending.then(forget, forget);
    }
    return pending;
  }

  /** The version's digest; reads the file once per process. A failure is not cached. */
  get(version: SubmissionVersion, profile: Profile): Promise<Digest> {
    let pending = this.done.get(version.id);
    if (!pending) {
      pending = this.compute(version, profile);
      this.done.set(version.id, pending);
      pending.catch(() => this.done.delete(version.id));
    }
    return pending;
  }

  private async compute(version: SubmissionVersion, profile: Profile): Promise<Digest> {
    // On the read pool when the inbox has one: trends and duplicates read many stored workbooks,
    // and a slow one must not hold every other request up.
    const wb = await readStored(this.ctx, version.file_key, `${version.unit_code} (${version.id})`);
    const parsed = parseWorkbook(wb, profile);
    const registry = parsed.registry.records;
    const report = buildReport(registry, parsed.support.records, profile, version.year, version.quarter);
    return digestWorkbookRecords(version, registry, report, await this.key());
  }
}

function parseFigures(json: string | undefined): Figures | null {
  if (!json) return null;
  try {
    const parsed = StoredFigures.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
