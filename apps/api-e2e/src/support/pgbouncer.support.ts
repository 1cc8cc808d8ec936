// The pooler lives in tools/testing (the bench starts it too); the api-e2e specs import it from here.
// eslint-disable-next-line @nx/enforce-module-boundaries
export { PgBouncer, PGBOUNCER_BINARY, type ConsoleRow } from '../../../../tools/testing/pgbouncer';
