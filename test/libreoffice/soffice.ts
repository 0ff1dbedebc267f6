/**
 * LibreOffice for tests: the real soffice, headless, with a throw-away profile per call so
 * parallel tests do not share a user installation.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export function soffice(): string {
  for (const candidate of ['soffice', 'libreoffice']) {
    const found = spawnSync('sh', ['-c', `command -v ${candidate}`], { encoding: 'utf8' }).stdout.trim();
    if (found) return found;
  }
  throw new Error('LibreOffice (soffice) is not installed: apt-get install libreoffice-calc');
}

/** Converts `file` with LibreOffice (`pdf`, `html`, `xlsx`, …) into `outDir`; returns the new file. */
export function convert(file: string, format: string, outDir: string): string {
  fs.mkdirSync(outDir, { recursive: true });
  const profile = fs.mkdtempSync(path.join(outDir, 'profile-'));
  execFileSync(soffice(), [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', format, '--outdir', outDir, file], {
    stdio: 'pipe',
    timeout: 180_000,
  });
  fs.rmSync(profile, { recursive: true, force: true });
  const out = path.join(outDir, `${path.basename(file, path.extname(file))}.${format.split(':')[0]}`);
  if (!fs.existsSync(out)) throw new Error(`LibreOffice did not write ${out}`);
  return out;
}
