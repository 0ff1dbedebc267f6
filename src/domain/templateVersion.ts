/** The template's identity as `_meta` records it (docs/workbook.md), apart from the `_meta` schema
 *  (schema/meta.ts) so that writing a template does not load zod. */
export const TEMPLATE_ID = 'vn-ctt-registry';
/** The newest template version this software knows (FMT-02 above it). */
export const TEMPLATE_VERSION = 1;

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
