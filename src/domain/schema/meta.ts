import { z } from 'zod';
import { TEMPLATE_ID } from '../templateVersion';

export { META_KEYS, TEMPLATE_ID, TEMPLATE_VERSION } from '../templateVersion';

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
