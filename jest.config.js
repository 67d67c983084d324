/**
 * One run for unit tests (beside the code in libs/ and apps/) and end-to-end journeys (test/).
 * The global setup starts one PostgreSQL (or uses DATABASE_URL) and migrates a template
 * database; each test file then gets its own database cloned from it, so files run in parallel.
 */
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testRegex: ['(apps|libs|tools|packages)/.*\\.spec\\.ts$', 'test/.*\\.e2e-spec\\.ts$'],
  // Type-checking is `npm run typecheck`'s job; tests only transpile, which keeps them fast.
  transform: { '^.+\\.ts$': 'ts-jest' },
  moduleNameMapper: {
    // The emulator is a workspace package; tests run its source, as they do the libraries'.
    '^@marketplace/stripe-emulator$': '<rootDir>/tools/stripe-emulator/src',
    '^@marketplace/client$': '<rootDir>/packages/client/src',
    '^@marketplace/([a-z-]+)$': '<rootDir>/libs/$1/src',
  },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  maxWorkers: 2,
  testTimeout: 30_000,
};
