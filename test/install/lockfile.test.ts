import * as fs from 'fs';
import * as path from 'path';

/**
 * `npm install` on a fresh clone must leave package-lock.json as committed and warn about no
 * engine. npm 10 (bundled with Node 20, which the README supports) drops the `libc` fields npm 11
 * writes for platform packages, so a lock holding them is rewritten on install; and a dependency
 * whose engines need Node 21+ prints EBADENGINE on Node 20.
 */
const ROOT = path.resolve(__dirname, '../..');
const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { engines?: { node?: string } | string[]; libc?: string[] }>;
};

test('the lock has no npm-11-only libc fields, which npm 10 would remove on install', () => {
  const withLibc = Object.entries(lock.packages)
    .filter(([, p]) => p.libc !== undefined)
    .map(([name]) => name);
  expect(withLibc).toEqual([]);
});

test('no installed package needs a Node major above 20', () => {
  const tooNew = Object.entries(lock.packages)
    .map(([name, p]) => [name, !Array.isArray(p.engines) ? p.engines?.node : undefined] as const)
    .filter(([, node]) => {
      if (!node) return false;
      // The smallest major each alternative accepts (`>=22`, `^20.19.0 || >=22`): Node 20 must fit one.
      const majors = node.split('||').map((alt) => Number(/(\d+)/.exec(alt)?.[1] ?? 0));
      return Math.min(...majors) > 20;
    })
    .map(([name, node]) => `${name} ${node}`);
  expect(tooNew).toEqual([]);
});
