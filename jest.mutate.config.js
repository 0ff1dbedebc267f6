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

module.exports = {
  ...base,
  testPathIgnorePatterns: ['/node_modules/', ...outOfProcess],
};
