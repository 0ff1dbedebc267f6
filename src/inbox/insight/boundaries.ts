import { existsSync, promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { Profile } from '../../domain/schema/profile';
import { inboxScope } from '../province';
import type { InboxContext } from '../storage/types';

/**
 * The staff page's map draws a province from `assets/boundaries/<NN>.topo.json` (made by
 * scripts/boundaries.js; NN = the official 2-digit province code, features keyed by the 5-digit
 * commune code that `vn-2025` units use as unit_code). VR_BOUNDARIES_DIR overrides the folder.
 */
export function boundariesDir(): string | null {
  const candidates = [
    process.env.VR_BOUNDARIES_DIR,
    path.resolve(__dirname, '../../../assets/boundaries'),
    path.resolve(process.cwd(), 'assets/boundaries'),
  ].filter((p): p is string => Boolean(p));
  return candidates.find((p) => existsSync(path.join(p, 'index.json'))) ?? null;
}

export type MapSource =
  | { ok: true; province: string; file: string }
  | { ok: false; reason: 'not_communes' | 'no_file'; province: string | null };

/** The province to draw: the inbox's own (src/inbox/province.ts) for a plan over the official
 *  list of communes; a district-era plan has no commune boundaries. */
export async function mapSourceFor(ctx: InboxContext, profile: Profile): Promise<MapSource> {
  let province: string | null = null;
  if (profile.unit_list === 'vn-official') province = (await inboxScope(ctx, profile)).province.code;
  if (!province) return { ok: false, reason: 'not_communes', province: null };
  const dir = boundariesDir();
  const file = dir ? path.join(dir, `${province}.topo.json`) : null;
  if (!file || !existsSync(file)) return { ok: false, reason: 'no_file', province };
  return { ok: true, province, file };
}

export async function readBoundary(file: string): Promise<Buffer> {
  return fsp.readFile(file);
}
