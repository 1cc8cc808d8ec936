import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TIME_ENTRY_SQL_SNAPSHOTS } from './time-entry-ingest-snapshots.sql';
import { timeEntryIngestSql } from './time-entry-ingest.sql';
import { INGESTED_COLUMNS, TIME_ENTRY_FIELDS } from '../time-entry.fields';

const ROOT = join(__dirname, '../../../../../..');

describe('the SQL of batch ingestion', () => {
  it.each(TIME_ENTRY_SQL_SNAPSHOTS)('is the committed snapshot $file (npm run sql:snapshots after a change)', ({ file, sql }) => {
    const path = join(ROOT, file);
    expect(existsSync(path)).toBe(true);
    expect(sql()).toBe(readFileSync(path, 'utf8'));
  });

  it('answers whole rows or references, the rest alike', () => {
    expect(timeEntryIngestSql('ref')).toBe(timeEntryIngestSql('entity').replace('SELECT up.*,', 'SELECT up.id, up.external_id, up.mapping_status, up.inserted,'));
  });

  it('writes every ingested column and reads every field of the wire shape', () => {
    const sql = timeEntryIngestSql('ref');
    for (const column of Object.keys(INGESTED_COLUMNS)) expect(sql).toContain(`r.${column}`);
    for (const f of TIME_ENTRY_FIELDS) expect(sql).toContain(`AS a_${f.wire}`);
    // bookkeeping columns are in the payload, never in the audit diff
    expect(sql).toContain(`'"version":' || a_version`);
    expect(sql).not.toContain(`"version":{"from"`);
    expect(sql).toContain(`"project_name":{"from"`);
  });
});
