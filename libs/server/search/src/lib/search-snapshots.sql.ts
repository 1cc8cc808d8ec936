import { SEARCH_SETTINGS_SQL, searchSql } from './search.repository';

/**
 * The reviewed SQL of search, committed beside it (path from the repository root):
 * `npm run sql:snapshots` writes it, search.service.spec.ts fails when it differs.
 */
export const SEARCH_SQL_SNAPSHOTS: { file: string; sql: () => string }[] = [
  { file: 'libs/server/search/src/lib/sql/search.sql', sql: () => `-- ${SEARCH_SETTINGS_SQL.replace(/\n\s*/g, ' ')};\n${searchSql(['account', 'contact', 'deal'])}\n` },
];
