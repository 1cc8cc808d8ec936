// The limits name their statements, as the api's ingestion does, so PostgreSQL plans each once per
// connection. Behind PgBouncer in transaction mode (`npm run bench -- --pgbouncer`) a named
// statement lives on one server connection and the next transaction may land on another, so with
// DATABASE_PREPARED_STATEMENTS=false they go unnamed, like the api's.

/** `name`, or undefined (an unnamed statement) when the run's settings turn prepared statements off. */
export function preparedName(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.DATABASE_PREPARED_STATEMENTS === 'false' ? undefined : name;
}
