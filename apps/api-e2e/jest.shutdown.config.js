// The graceful-shutdown test (an api and a worker process sent SIGTERM under load) forks its own
// processes and signals them: a Jest run of its own, beside no other file (`api-e2e:e2e-shutdown`).
const base = require('./jest.config');

module.exports = {
  ...base,
  displayName: 'api-e2e-shutdown',
  testMatch: ['<rootDir>/src/platform/graceful-shutdown.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  maxWorkers: 1,
};
