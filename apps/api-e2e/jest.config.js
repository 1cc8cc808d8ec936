// HTTP and platform tests of the real app against real PostgreSQL and Redis. The global setup
// creates a fresh, migrated database for the run and drops it afterwards.
// Global setup/teardown run in this process, outside Jest's module mapper: register the aliases.
require('../../tools/jest/register-paths');

module.exports = {
  displayName: 'api-e2e',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  globalSetup: '<rootDir>/src/support/global-setup.ts',
  globalTeardown: '<rootDir>/src/support/global-teardown.ts',
  // Hooks that create, migrate and start a stack of their own (api and worker) have taken over
  // 60 s in CI with two test workers on two cores and 39 migrations.
  testTimeout: 120000,
  // Jest's "soft" clean-up of globals between files wraps shared objects' properties in a setter
  // that recurses into itself once such a property is set again (Maximum call stack size
  // exceeded after many files in one worker): the apps here set globals on purpose (Sentry, Bull).
  testEnvironmentOptions: { globalsCleanup: 'off' },
  maxWorkers: 2,
  // Each file boots whole Nest apps in the worker; what they leave behind adds up over some 50
  // files per worker (a worker reached a 4 GB heap and was killed in CI). A worker above this
  // after a file is replaced by a fresh one.
  workerIdleMemoryLimit: '1500MB',
  // Run on their own by jest.faults.config.js (target e2e-faults), jest.pooler-faults.config.js and jest.shutdown.config.js.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/src/webhooks/webhook-faults.spec.ts', '<rootDir>/src/platform/pgbouncer-faults.spec.ts', '<rootDir>/src/platform/graceful-shutdown.spec.ts'],
};
