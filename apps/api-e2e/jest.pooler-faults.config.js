// The pooler fault test (two api and two worker processes through PgBouncer, one of each killed
// under load) forks four processes: a Jest run of its own, beside no other file, after the
// webhook fault-injection run (`api-e2e:e2e-pooler-faults`).
const base = require('./jest.config');

module.exports = {
  ...base,
  displayName: 'api-e2e-pooler-faults',
  testMatch: ['<rootDir>/src/platform/pgbouncer-faults.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  maxWorkers: 1,
};
