/**
 * Helpers for CLI tests: a temp folder, the built `vr` launched as a user would, file hashes to
 * prove inputs are never modified, and samples written through the real writer.
 */
import '../../src/profiles/officialAll';
import { spawnSync, execFileSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { generateSample, type SampleResult } from '../../src/domain/sample';
import type { TemplateSpec } from '../../src/domain/template';
import { findUnit, getProfile } from '../../src/profiles';

export const ROOT = path.resolve(__dirname, '..', '..');
const ENTRY = path.join(ROOT, 'dist', 'cli', 'main.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds dist/ (npm run build:node) when it is missing or older than the sources it runs. */
export function ensureBuilt(): void {
  const sources = ['src/cli', 'src/xlsx', 'src/domain', 'src/profiles'].map((d) => newestMtime(path.join(ROOT, d)));
  if (fs.existsSync(ENTRY) && fs.statSync(ENTRY).mtimeMs >= Math.max(...sources)) return;
  try {
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.node.json'], { cwd: ROOT, stdio: 'pipe' });
  } catch {
    // tsc still emits when another helper's file has a type error; the CLI tests judge the result.
  }
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export function vr(args: string[], env: Record<string, string> = {}, cwd?: string): Run {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'vr.js'), ...args], {
    cwd: cwd ?? ROOT,
    env: { ...process.env, ...env, VR_DEBUG: '' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function tempDir(prefix = 'vr-x-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function sha256(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

export function sample(rows: number, seed: number, errors = false, profileId = 'bac-ninh-2017', unitCode = 'BN-TS', year = 2020, quarter = 3): SampleResult {
  const profile = getProfile(profileId)!;
  const unit = findUnit(profile, unitCode)!;
  return generateSample({ rows, seed, profile, unit, year, quarter, errors });
}

export function sheetOf(spec: TemplateSpec, name: string) {
  const sheet = spec.sheets.find((s) => s.name === name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
}

/** A finding's identity for set comparisons: rule, sheet and cell (or row). */
export function findingKey(f: { rule: string; sheet: string | null; cell: string | null; row: number | null }): string {
  return `${f.rule} ${f.sheet ?? '-'} ${f.cell ?? `row ${f.row ?? '-'}`}`;
}
