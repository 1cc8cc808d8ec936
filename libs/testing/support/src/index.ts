// Test support shared by the e2e projects (api-e2e, web-e2e): real stand-ins they both run, the polls
// they wait with, and the seeded random generator of the generated test and bench data.
export * from './lib/fake-productivity.backend';
export * from './lib/lock-waiters.util';
export * from './lib/seeded-random.util';
export * from './lib/smtp.sink';
export * from './lib/wait-for.util';
