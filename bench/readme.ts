import fs from 'node:fs';
import path from 'node:path';

const README = path.join(__dirname, 'README.md');

/**
 * Replaces one bench's section of bench/README.md, between `<!-- bench:NAME -->` and
 * `<!-- /bench:NAME -->` (the section text carries both markers), or appends it. Written to a
 * temporary file and renamed, so an interrupted run never leaves the page half written.
 */
export function writeBenchSection(name: string, section: string): void {
  const current = fs.existsSync(README) ? fs.readFileSync(README, 'utf8') : '# Benchmarks\n\nEach bench file writes its own section (`npm run bench`).\n';
  const pattern = new RegExp(`<!-- bench:${name} -->[\\s\\S]*?<!-- /bench:${name} -->`);
  const next = pattern.test(current) ? current.replace(pattern, () => section) : `${current.trimEnd()}\n\n${section}\n`;
  fs.writeFileSync(`${README}.tmp`, next);
  fs.renameSync(`${README}.tmp`, README);
  console.log('bench/README.md updated');
}
