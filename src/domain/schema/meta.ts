import { z } from 'zod';

export const TEMPLATE_ID = 'vn-ctt-registry';
/** The newest template version this software knows (FMT-02 above it). */
export const TEMPLATE_VERSION = 1;

/** `_meta` (docs/workbook.md): key in column A, value in column B. */
export const MetaSchema = z.object({
  template: z.literal(TEMPLATE_ID),
  template_version: z.coerce.number().int().min(1),
  profile: z.string().min(1),
  unit_code: z.string().min(1),
  unit_name: z.string().min(1),
  province_code: z.string().min(1),
  year: z.coerce.number().int().min(2000).max(2100),
  quarter: z.coerce.number().int().min(1).max(4),
  created_at: z.string().min(1),
});
export type Meta = z.infer<typeof MetaSchema>;

export const META_KEYS = [
  'template',
  'template_version',
  'profile',
  'unit_code',
  'unit_name',
  'province_code',
  'year',
  'quarter',
  'created_at',
] as const;
