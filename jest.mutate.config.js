/** Jest for mutation testing (stryker.config.mjs): the unit and integration tests that run the
 *  code in this process, where a mutant can change what they see. Left out are the tests whose
 *  code under test runs elsewhere: headless Chromium (test/e2e), LibreOffice (test/libreoffice, and
 *  the one LibreOffice case of test/inbox/consolidateSafety.test.ts, skipped under VR_MUTATE),
 *  the built CLI in dist/ or an inbox spawned as a child process, the lock file and the dev-server
 *  script. The inbox's fastify `inject` tests and the PostgreSQL tests stay: they run the routes,
 *  the storage and the rules in process. */
const base = require('./jest.config.js');

// test/support/jsdomEnvironment.js: StrykerJS's jsdom environment for the tests that name jsdom.
process.env.VR_MUTATE = '1';

const outOfProcess = [
  '<rootDir>/test/e2e/',
  '<rootDir>/test/libreoffice/',
  '<rootDir>/test/install/',
  '<rootDir>/test/scripts/',
  // `vr` launched from dist/ as a user would (test/cli/helpers.ts `vr()`).
  '<rootDir>/test/cli/args.test.ts',
  '<rootDir>/test/cli/units.test.ts',
  '<rootDir>/test/cli/unitsUpdate.test.ts',
  '<rootDir>/test/cli/validate.test.ts',
  '<rootDir>/test/inbox/cli.test.ts',
  '<rootDir>/test/inbox/backup-cli.test.ts',
  // An inbox or a helper script in a child process (test/inbox/process.ts, execFile).
  '<rootDir>/test/inbox/backup.test.ts',
  '<rootDir>/test/inbox/fault.test.ts',
  '<rootDir>/test/inbox/scaleout.test.ts',
  '<rootDir>/test/inbox/orphan-sweep.test.ts',
  '<rootDir>/test/inbox/pg-backup.test.ts',
  // office-addin-manifest and the production webpack build.
  '<rootDir>/test/excel/manifest.test.ts',
];

// VR_MUTATE_TESTS=a.test.ts,b/*.test.ts narrows a run to the tests that exercise the mutated file
// directly. A file whose functions the tests call in `beforeAll` (the consolidation's) has only
// "static" mutants to StrykerJS, each run against every related test, inbox server tests first
// (jest runs the slowest files first): about a minute per mutant. The score is then what those
// tests alone kill, never more than the whole suite would.
const narrowed = process.env.VR_MUTATE_TESTS ? process.env.VR_MUTATE_TESTS.split(',').map((p) => `<rootDir>/${p.trim()}`) : null;

module.exports = {
  ...base,
  // src/ in the roots too: StrykerJS asks jest for the tests related to a mutated file, and jest
  // follows imports back only through files it has mapped. With test/ alone it lost the chain
  // test/domain/rules/chd.test.ts -> test/domain/helpers.ts -> src/domain/check.ts -> the rules,
  // and ran chd.ts's mutants without chd.test.ts.
  roots: ['<rootDir>/test', '<rootDir>/src'],
  ...(narrowed ? { testMatch: narrowed } : {}),
  testPathIgnorePatterns: ['/node_modules/', ...outOfProcess],
};
