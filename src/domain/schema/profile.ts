import { z } from 'zod';

/** Plan profile (docs/profiles.md): everything that varies between plans is data, not code. */
export const LawVersionSchema = z.enum(['law-2011', 'law-2024']);
export type LawVersion = z.infer<typeof LawVersionSchema>;

export const SeveritySchema = z.enum(['fatal', 'error', 'warning', 'info']);

export const UnitSchema = z.object({
  code: z.string().min(1),
  name: z.string().min(1),
  /** Communes (Xã/Phường cư trú) of the unit; a commune-level unit lists itself. */
  communes: z.array(z.string().min(1)).min(1),
  /** Official 2-digit province code and name, for units of the official list. */
  province_code: z.string().optional(),
  province_name: z.string().optional(),
  /** An older or local code that stands for this official unit code (`BN-P-TS` → `09367`). */
  alias_of: z.string().optional(),
  /** Set when the code asked for is no longer in the official list: what it was, what it became,
   *  by which act and from which day (the unit is then read as its successor; FMT-07 says so). */
  superseded: z
    .object({
      kind: z.enum(['renamed', 'recoded', 'merged', 'split', 'new', 'removed']),
      old_code: z.string().nullable(),
      old_name: z.string(),
      province_code: z.string(),
      successors: z.array(z.object({ code: z.string(), name: z.string() })),
      date: z.string(),
      act: z.string(),
    })
    .optional(),
});
export type Unit = z.infer<typeof UnitSchema>;

/** Calendar quarter, or the data cut-off of Decree 09/2019/NĐ-CP: from day `start_day` of the
 *  month before the quarter to day `end_day` of its last month. */
export const PeriodRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('calendar-quarter') }),
  z.object({
    kind: z.literal('cutoff'),
    start_day: z.number().int().min(1).max(28),
    end_day: z.number().int().min(1).max(28),
  }),
]);
export type PeriodRule = z.infer<typeof PeriodRuleSchema>;

/** Deadline: `days_after_period_end` days after the period's last day (inclusive). */
export const DeadlineRuleSchema = z.object({
  days_after_period_end: z.number().int().min(0).max(120),
  note_vi: z.string().optional(),
  /** True when no seed or legal text sets this day: the deadline is the project's assumption,
   *  and every place that shows it says so. */
  assumed: z.boolean().optional(),
  /** Why this day (the clause it rests on, or why it is assumed). */
  basis: z.string().optional(),
});

/** Who may receive which support type (keys of the law's support types), SUP-02. */
export const SupportEligibilitySchema = z.object({
  identified: z.array(z.string()),
  pending: z.array(z.string()),
  accompanying_minor: z.array(z.string()),
  foreign: z.array(z.string()),
});
export type SupportEligibility = z.infer<typeof SupportEligibilitySchema>;

export const ProfileSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string().min(1),
  title_en: z.string().min(1),
  /** What people call the plan, without its years (`Bắc Ninh`, `Chính quyền hai cấp`): with the
   *  years it is the plan's one short name everywhere (planName.ts). The province when absent. */
  short_title: z.string().min(1).optional(),
  short_title_en: z.string().min(1).optional(),
  /** The seed plan this profile comes from, e.g. `002` (Bắc Ninh 2017–2020). */
  source: z.string(),
  province: z.string().min(1),
  province_code: z.string().min(1),
  /** For a plan of the district era: the official 2-digit code of the province its area lies in
   *  today (`24` for Bắc Ninh 2017–2020), so an inbox serving one province knows the plan is its. */
  official_province_code: z.string().regex(/^\d{2}$/).optional(),
  law: LawVersionSchema,
  level: z.enum(['district', 'commune']),
  department: z.string().min(1),
  department_en: z.string().min(1),
  years: z.object({ from: z.number().int(), to: z.number().int() }),
  /** True when the unit list is a small sample, not the province's full list. */
  units_sample: z.boolean(),
  units: z.array(UnitSchema).min(1),
  /** `vn-official`: every commune-level unit of the official list (src/profiles/officialList.ts)
   *  reports; `units` then holds only aliases. Kept out of the profile itself so parsing a
   *  profile stays cheap and the pane loads one province at a time. */
  unit_list: z.literal('vn-official').optional(),
  period: PeriodRuleSchema,
  deadline: DeadlineRuleSchema,
  thresholds: z.object({
    /** VER-03: days a case may stay pending (Law 2011: police verify within 20 days). */
    verification_pending_days: z.number().int().positive(),
    /** CHD-01: under this age at receipt a child-protection referral is required. */
    child_age: z.number().int().positive(),
    /** CHD-02 (law-2011 only): from child_age to under this age, a referral is advised. */
    minor_age: z.number().int().positive(),
    /** REG-05: oldest plausible age at receipt. */
    max_age: z.number().int().positive(),
  }),
  severity_overrides: z.record(z.string(), SeveritySchema),
  /** SUP-05: cap in đồng per support type key; empty = no caps. */
  support_caps: z.record(z.string(), z.number().int().nonnegative()),
  support_eligibility: SupportEligibilitySchema,
  /** Plan targets in percent (the 100 % indicators). */
  targets: z.object({
    verified_pct: z.number().min(0).max(100),
    protected_pct: z.number().min(0).max(100),
    supported_pct: z.number().min(0).max(100),
    child_referral_pct: z.number().min(0).max(100),
    communes_implementing_pct: z.number().min(0).max(100).optional(),
    staff_trained_pct: z.number().min(0).max(100).optional(),
  }),
});
export type Profile = z.infer<typeof ProfileSchema>;
