import { existsSync, promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { Profile } from '../../domain/schema/profile';
import { currentCode } from '../../profiles/unitChanges';
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

const read = new Map<string, { mtimeMs: number; body: Buffer }>();

/**
 * The boundary file, with each commune keyed by its code in force: boundaries come from a chosen
 * release (scripts/boundaries.js --tag), the unit list may be newer, so a code retired since
 * (06978 → 06970, docs/units.md) is renamed here through the list's history. Kept in memory
 * until the file changes.
 */
export async function readBoundary(file: string): Promise<Buffer> {
  const stat = await fsp.stat(file);
  const kept = read.get(file);
  if (kept && kept.mtimeMs === stat.mtimeMs) return kept.body;
  const raw = await fsp.readFile(file);
  const topo = JSON.parse(raw.toString('utf8')) as { objects?: Record<string, { geometries?: { id?: string | number }[] }> };
  let changed = false;
  for (const object of Object.values(topo.objects ?? {})) {
    for (const g of object.geometries ?? []) {
      if (g.id === undefined) continue;
      const now = currentCode(String(g.id));
      if (now !== String(g.id)) {
        g.id = now;
        changed = true;
      }
    }
  }
  const body = changed ? Buffer.from(JSON.stringify(topo)) : raw;
  read.set(file, { mtimeMs: stat.mtimeMs, body });
  return body;
}
