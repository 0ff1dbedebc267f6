import { z } from 'zod';

/**
 * The inbox's answers on the wire (docs/cli.md, docs/inbox.md), one schema for the server that writes them
 * and for every client that reads them (the pane's Submit panel, the upload page, `vr submit`):
 * clients parse, they do not trust.
 */
export const FindingSchema = z.object({
  rule: z.string(),
  severity: z.enum(['fatal', 'error', 'warning', 'info']),
  sheet: z.string().nullable(),
  cell: z.string().nullable(),
  row: z.number().int().nullable(),
  column: z.string().nullable(),
  field: z.string().nullable(),
  value: z.union([z.string(), z.number(), z.boolean(), z.null()]),
  message_vi: z.string(),
  message_en: z.string(),
});

export const FindingSummarySchema = z.object({
  fatal: z.number().int().nonnegative(),
  error: z.number().int().nonnegative(),
  warning: z.number().int().nonnegative(),
  info: z.number().int().nonnegative(),
});

export const SubmissionStateSchema = z.enum(['submitted', 'returned', 'accepted']);

/** 200 on `POST /api/submissions`. */
export const ReceiptSchema = z.object({
  id: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  received_at: z.string(),
  on_time: z.boolean(),
  unit_code: z.string(),
  year: z.number().int(),
  quarter: z.number().int().min(1).max(4),
  version: z.number().int().positive(),
  state: SubmissionStateSchema,
  summary: FindingSummarySchema,
});
export type Receipt = z.infer<typeof ReceiptSchema>;

/** 422 on `POST /api/submissions`: refused for findings, nothing stored. */
export const RefusalSchema = z.object({
  findings: z.array(FindingSchema),
  summary: FindingSummarySchema,
  message_vi: z.string().optional(),
  message_en: z.string().optional(),
});
export type Refusal = z.infer<typeof RefusalSchema>;

/** Every other error answer. */
export const ErrorBodySchema = z.object({
  error: z.string(),
  message_vi: z.string(),
  message_en: z.string(),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/** `GET /api/units/me/submissions?year=&quarter=`: the unit's quarter as the inbox sees it. */
export const UnitQuarterSchema = z.object({
  state: z.enum(['missing', 'submitted', 'late', 'returned', 'accepted']),
  return_reason: z.string().nullable().optional(),
  versions: z.array(
    z.object({
      id: z.string(),
      received_at: z.string(),
      sha256: z.string(),
      on_time: z.boolean(),
      state: SubmissionStateSchema,
      return_reason: z.string().nullable(),
    }),
  ),
});
export type UnitQuarter = z.infer<typeof UnitQuarterSchema>;

/** `GET /api/units/me`. */
export const UnitInfoSchema = z.object({
  unit_code: z.string(),
  unit_name: z.string(),
  profile: z.string(),
  province_code: z.string(),
});
export type UnitInfo = z.infer<typeof UnitInfoSchema>;
