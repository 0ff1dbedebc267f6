import fs from 'node:fs';
import path from 'node:path';

/** One direction between the core and the profiles: src/domain takes a profile (or reads the
 *  registry the profiles fill) and imports nothing from src/profiles, so there is no cycle. */
test('no module of src/domain imports src/profiles', () => {
  const root = path.resolve(__dirname, '../../src/domain');
  const offenders: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.tsx?$/.test(entry.name)) {
        const text = fs.readFileSync(full, 'utf8');
        for (const m of text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)) {
          const target = path.resolve(path.dirname(full), m[1]);
          if (m[1].startsWith('.') && target.startsWith(path.resolve(root, '../profiles'))) offenders.push(`${path.relative(root, full)} → ${m[1]}`);
        }
      }
    }
  };
  walk(root);
  expect(offenders).toEqual([]);
});
