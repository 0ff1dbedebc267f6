// Mutation testing (StrykerJS): does the suite notice a plausible one-line bug in the code that
// holds victims' privacy, staff access, the report's figures and the Excel seam? How to run it,
// how long it takes and the scores: docs/testing.md.
//
//   npm run mutate                                  every file below, incrementally
//   npm run mutate -- --mutate src/domain/kanon.ts  one file (or a glob) on its own
//
// A run over the whole scope keeps its results in reports/stryker-incremental.json and writes
// reports/mutation/mutation.json (both committed: the next run tests only what changed since).
// A run given its own --mutate writes under reports/mutation/partial/ (not committed), starting
// from the whole-scope results, so it never overwrites the committed report with part of it.
import crypto from 'node:crypto';
import fs from 'node:fs';

const scope = [
  'src/domain/kanon.ts',
  'src/domain/htcds.ts',
  'src/domain/report.ts',
  'src/domain/rules/**/*.ts',
  'src/inbox/deidentify.ts',
  'src/inbox/auth.ts',
  'src/inbox/routes/**/*.ts',
  'src/inbox/insight/**/*.ts',
  'src/excel/**/*.ts',
];

const FULL_INCREMENTAL = 'reports/stryker-incremental.json';

/** The value of --mutate / -m when the command line narrows the scope, else null. */
function narrowedScope(argv) {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--mutate' || arg === '-m') return argv[i + 1] ?? '';
    if (arg.startsWith('--mutate=')) return arg.slice('--mutate='.length);
  }
  return null;
}

/** A narrowed run gets its own incremental file per --mutate value, seeded from the whole-scope
 *  file whenever that is newer, so it reuses the committed results for the files it tests. */
function partialIncrementalFile(pattern) {
  const slug = crypto.createHash('sha256').update(pattern).digest('hex').slice(0, 12);
  const file = `reports/mutation/partial/${slug}.incremental.json`;
  if (fs.existsSync(FULL_INCREMENTAL)) {
    const fullTime = fs.statSync(FULL_INCREMENTAL).mtimeMs;
    if (!fs.existsSync(file) || fs.statSync(file).mtimeMs < fullTime) {
      fs.mkdirSync('reports/mutation/partial', { recursive: true });
      fs.copyFileSync(FULL_INCREMENTAL, file);
    }
  }
  return file;
}

const narrowed = narrowedScope(process.argv);
const out = narrowed === null ? 'reports/mutation' : 'reports/mutation/partial';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'jest',
  jest: { projectType: 'custom', configFile: 'jest.mutate.config.js', enableFindRelatedTests: true },
  checkers: ['typescript'],
  // The checker compiles only the mutated files and what they import (tsconfig.mutate.json):
  // the whole project with its React and Fluent UI types makes each check several times slower.
  tsconfigFile: 'tsconfig.mutate.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  coverageAnalysis: 'perTest',
  mutate: scope,
  incremental: true,
  incrementalFile: narrowed === null ? FULL_INCREMENTAL : partialIncrementalFile(narrowed),
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `${out}/mutation.html` },
  jsonReporter: { fileName: `${out}/mutation.json` },
  thresholds: { high: 90, low: 85, break: null },
  // Two cores shared with other work: never more than two test runners.
  concurrency: 2,
  // A loaded machine slows every test; a mutant is a timeout only well past its normal time.
  timeoutMS: 10000,
  dryRunTimeoutMinutes: 30,
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
