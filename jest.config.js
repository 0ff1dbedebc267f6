/** Unit and integration tests: ts-jest, node by default; React tests opt into jsdom with a
 *  `@jest-environment jsdom` docblock. End-to-end tests (headless Chromium, PostgreSQL,
 *  LibreOffice) live under test/ as well and start the real component they need. */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
  },
  moduleNameMapper: {
    '\\.(css|png|svg)$': '<rootDir>/test/support/file-stub.js',
  },
  setupFilesAfterEnv: ['<rootDir>/test/support/setup.ts'],
  testTimeout: 30000,
  maxWorkers: 2,
};
