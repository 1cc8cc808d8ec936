import { AuditWriter, OutboxWriter } from '@clockwork/server-core';
import { UNLOCKED_TIME_ENTRY } from '@clockwork/server-timesheets';
import { eventTypeSql, timeEntryJsonColumnsSql } from '../time-entry.mapper';
import { INGESTED_COLUMNS, IngestedColumn, TIME_ENTRY_COLUMNS, TIME_ENTRY_FIELDS } from '../time-entry.fields';

/**
 * The statement of TimeEntriesRepository.ingestMany, made from TIME_ENTRY_FIELDS and
 * INGESTED_COLUMNS, the audit rows from AuditWriter's builders and the events from
 * OutboxWriter's. Its text is committed as ingestion/sql/*.sql (`npm run sql:snapshots`;
 * time-entry-ingest.sql.spec.ts fails when they differ), so that a change to it shows in review.
 * Parameters: $1 organization, $2 the rows (JSON), $3 the ids of the stored entries read before,
 * $4 $5 $6 the audit actor type, actor id and request id. Kept prepared (DATABASE_PREPARED_STATEMENTS):
 * it names the columns it returns, so a column added to time_entries does not change its result.
 */

const INGESTED = Object.entries(INGESTED_COLUMNS) as [IngestedColumn, (typeof INGESTED_COLUMNS)[IngestedColumn]][];
/** A column list, four a line (a line each would stand beside the migrations' and its own alike lists). */
const list = (items: string[]) =>
  Array.from({ length: Math.ceil(items.length / 4) }, (_, i) => items.slice(i * 4, i * 4 + 4).join(', ')).join(',\n         ');

/** The input rows: the ingested columns plus the ids the caller gave each write. */
const RECORD = `r(ord int, id uuid, audit_id uuid, event_id uuid,\n         ${list(INGESTED.map(([column, c]) => `${column} ${c.type}`))})`;

/** Joins a stored row back to its input row: by external_id, else by the id given to it. */
const ENTRY_KEY = (alias: string) => `(CASE WHEN ${alias}.external_id IS NULL THEN 'id:' || ${alias}.id ELSE 'ext:' || ${alias}.external_id END)`;

/** An agent's update keeps a manager's manual assignment. */
const keepManual = (column: string) => `${column} = CASE WHEN t.mapping_rule = 'manual' THEN t.${column} ELSE EXCLUDED.${column} END`;
const onUpdate = INGESTED.flatMap(([column, c]) => (c.onUpdate === 'replace' ? [`${column} = EXCLUDED.${column}`] : c.onUpdate === 'keep_manual' ? [keepManual(column)] : []));

export function timeEntryIngestSql(returning: 'entity' | 'ref'): string {
  const audit = AuditWriter.insertManySql({
    from: 'w',
    organizationId: '$1',
    id: 'w.audit_id',
    actorType: '$4',
    actorId: '$5',
    action: `CASE WHEN w.inserted THEN 'create' ELSE 'update' END`,
    objectType: `'time_entry'`,
    objectId: 'w.id',
    changes: 'w.changes',
    requestId: '$6',
  });
  const changes = AuditWriter.changesSql('time_entry', TIME_ENTRY_FIELDS.map((f) => ({ field: f.wire, before: `b_${f.wire}`, after: `a_${f.wire}` })));
  const payload = OutboxWriter.payloadSql(TIME_ENTRY_FIELDS.map((f) => ({ field: f.wire, json: `a_${f.wire}` })));
  return `WITH r AS (SELECT * FROM jsonb_to_recordset($2::jsonb) AS ${RECORD}),
before AS (SELECT * FROM time_entries WHERE organization_id = $1 AND id = ANY($3::uuid[])),
up AS (
  INSERT INTO time_entries AS t (organization_id, id,
         ${list(INGESTED.map(([column]) => column))})
  SELECT $1, r.id,
         ${list(INGESTED.map(([column, c]) => (c.insert ? c.insert(`r.${column}`) : `r.${column}`)))}
    FROM r
   ORDER BY r.external_id NULLS LAST, r.ord
  ON CONFLICT (organization_id, external_id) WHERE external_id IS NOT NULL DO UPDATE SET
         ${list([...onUpdate, 'version = t.version + 1', 'updated_at = now()'])}
  WHERE EXCLUDED.source_updated_at IS NOT NULL AND (t.source_updated_at IS NULL OR EXCLUDED.source_updated_at > t.source_updated_at)
    AND ${UNLOCKED_TIME_ENTRY('t')}
  RETURNING ${list(TIME_ENTRY_COLUMNS.map((c) => `t.${c}`))}, (t.xmax = 0) AS inserted),
json AS MATERIALIZED (
  SELECT up.id, up.inserted, r.audit_id, r.event_id,
         ${timeEntryJsonColumnsSql('up', 'a_')},
         ${timeEntryJsonColumnsSql('b', 'b_')},
         ${eventTypeSql('up', 'b')} AS event_type
    FROM up
    JOIN r ON ${ENTRY_KEY('up')} = ${ENTRY_KEY('r')}
    LEFT JOIN before b ON NOT up.inserted AND b.id = up.id),
w AS (
  SELECT id, inserted, audit_id, event_id, event_type,
         ${payload} AS payload,
         ${changes} AS changes
    FROM json),
audit AS (
  ${audit})
SELECT ${returning === 'entity' ? 'up.*' : 'up.id, up.external_id, up.mapping_status, up.inserted'},
       ${OutboxWriter.eventColumnsSql({ id: 'w.event_id', type: 'w.event_type', payload: 'w.payload' })}
  FROM up JOIN w ON w.id = up.id
`;
}
