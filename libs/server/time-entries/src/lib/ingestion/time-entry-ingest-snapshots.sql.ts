import { timeEntryIngestSql } from './time-entry-ingest.sql';

/**
 * The reviewed SQL of ingestion, committed beside it (path from the repository root):
 * `npm run sql:snapshots` writes these files, time-entry-ingest.sql.spec.ts fails when one differs.
 */
export const TIME_ENTRY_SQL_SNAPSHOTS: { file: string; sql: () => string }[] = [
  // returning 'ref' differs only in the final select list (time-entry-ingest.sql.spec.ts)
  { file: 'libs/server/time-entries/src/lib/ingestion/sql/ingest-many.sql', sql: () => timeEntryIngestSql('entity') },
];
