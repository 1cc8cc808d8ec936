// The pooler lives in tools/testing (the bench starts it too); the api-e2e specs import it from here.
export { PgBouncer, PGBOUNCER_BINARY } from '../../../../tools/testing/pgbouncer';
export type { ConsoleRow } from '../../../../tools/testing/pgbouncer';
