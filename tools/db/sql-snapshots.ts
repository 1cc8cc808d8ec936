// Writes the committed snapshots of generated SQL (`npm run sql:snapshots`), so that a change
// to a generated statement shows in review; each lib's spec fails when its snapshot is stale.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SEARCH_SQL_SNAPSHOTS } from '@clockwork/server-search';
import { TIME_ENTRY_SQL_SNAPSHOTS } from '@clockwork/server-time-entries';

const ROOT = join(__dirname, '../..');

for (const { file, sql } of [...TIME_ENTRY_SQL_SNAPSHOTS, ...SEARCH_SQL_SNAPSHOTS]) {
  mkdirSync(dirname(join(ROOT, file)), { recursive: true });
  writeFileSync(join(ROOT, file), sql());
  console.log(`wrote ${file}`);
}
