import { existsSync, promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { Profile } from '../../domain/schema/profile';
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

/** The province to draw: the profile's own 2-digit code, else the one most of the inbox's
 *  registered units belong to (a `vn-2025` inbox serves one province). */
export async function mapSourceFor(ctx: InboxContext, profile: Profile): Promise<MapSource> {
  let province: string | null = /^\d{2}$/.test(profile.province_code) ? profile.province_code : null;
  if (!province) {
    const counts = new Map<string, number>();
    for (const u of await ctx.store.listUnits(profile.id)) {
      if (/^\d{2}$/.test(u.province_code) && /^\d{5}$/.test(u.unit_code)) counts.set(u.province_code, (counts.get(u.province_code) ?? 0) + 1);
    }
    province = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  }
  if (!province) return { ok: false, reason: 'not_communes', province: null };
  const dir = boundariesDir();
  const file = dir ? path.join(dir, `${province}.topo.json`) : null;
  if (!file || !existsSync(file)) return { ok: false, reason: 'no_file', province };
  return { ok: true, province, file };
}

export async function readBoundary(file: string): Promise<Buffer> {
  return fsp.readFile(file);
}
