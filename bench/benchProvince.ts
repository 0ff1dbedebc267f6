/**
 * The synthetic province the consolidation and export benches share: `n` commune units on
 * vn-2025's rules (its own unit list, not the official one), 20–50 people each, generated once
 * into a folder and reused.
 */
import '../src/profiles/officialAll';
import fs from 'node:fs';
import path from 'node:path';
import { generateSample } from '../src/domain/sample';
import type { Profile } from '../src/domain/schema/profile';
import { vn2025 } from '../src/profiles/vn-2025';
import { templateToBuffer } from '../src/xlsx/write';

export const YEAR = 2025;
export const QUARTER = 3;

/** A commune-level profile with `n` units, each its own commune (like vn-2025). */
export function benchProfile(n: number): Profile {
  const units = Array.from({ length: n }, (_, i) => {
    const name = `Xã Thử Nghiệm ${String(i + 1).padStart(3, '0')}`;
    return { code: `BX-${String(i + 1).padStart(3, '0')}`, name, communes: [name] };
  });
  // Its own unit list, not the official one vn-2025 reads.
  return { ...vn2025, unit_list: undefined, id: `bench-${n}`, title: `Tỉnh thử nghiệm, ${n} xã (chỉ dùng cho đo hiệu năng)`, units };
}

export const rowsFor = (i: number): number => 20 + ((i * 7) % 31);

/** The unit workbooks in `dir`, generated on the first run. */
export async function ensureInputs(profile: Profile, dir: string): Promise<string[]> {
  const marker = path.join(dir, 'done.json');
  const files = profile.units.map((u) => path.join(dir, `${u.code}.xlsx`));
  if (fs.existsSync(marker) && files.every((f) => fs.existsSync(f))) return files;
  fs.mkdirSync(dir, { recursive: true });
  const t0 = Date.now();
  for (const [i, unit] of profile.units.entries()) {
    const { spec } = generateSample({ rows: rowsFor(i), seed: i + 1, profile, unit, year: YEAR, quarter: QUARTER });
    fs.writeFileSync(files[i], await templateToBuffer(spec));
    if ((i + 1) % 100 === 0) console.log(`  generated ${i + 1}/${profile.units.length} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  }
  fs.writeFileSync(marker, JSON.stringify({ units: profile.units.length, year: YEAR, quarter: QUARTER }));
  return files;
}
