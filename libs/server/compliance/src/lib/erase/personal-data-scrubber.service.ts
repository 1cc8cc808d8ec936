import { Injectable } from '@nestjs/common';
import { SEALED, SealedColumn, SealedColumns } from '@clockwork/server-core';
import { EntityManager } from 'typeorm';
import { likeAnywhere, PersonalTerms, scrubAll } from './personal-terms.rules';

/** JSON copies of records: audit diffs, event payloads, stored responses, import errors. */
interface JsonTarget {
  table: string;
  column: string;
  /** Stored as text holding JSON (a webhook delivery's body: only its `data` is scrubbed). */
  textJson?: boolean;
  /** Rows never rewritten (the erasure and export records themselves carry no personal data). */
  exclude?: string;
  kind: 'audit' | 'events' | 'mentions';
}

const JSON_TARGETS: JsonTarget[] = [
  { table: 'audit_logs', column: 'changes', exclude: `action NOT LIKE 'gdpr.%'`, kind: 'audit' },
  { table: 'notifications', column: 'data', kind: 'mentions' },
  { table: 'imports', column: 'errors', kind: 'mentions' },
  { table: 'idempotency_keys', column: 'response_body', kind: 'mentions' },
  { table: 'sync_records', column: 'snapshot', kind: 'mentions' },
  { table: 'sync_conflicts', column: 'crm_value', kind: 'mentions' },
  { table: 'sync_conflicts', column: 'remote_value', kind: 'mentions' },
  { table: 'report_schedules', column: 'params', kind: 'mentions' },
  { table: 'report_exports', column: 'params', kind: 'mentions' },
];

/** Lists of text (e.g. the recipients of scheduled reports). */
const ARRAY_TARGETS: [table: string, column: string][] = [['report_schedules', 'recipients']];

/** Free text that may mention a person by name, email or phone. */
const TEXT_TARGETS: [table: string, column: string][] = [
  ['notes', 'body'],
  ['deals', 'name'],
  ['deals', 'description'],
  ['tasks', 'title'],
  ['tasks', 'description'],
  ['time_entries', 'project_name'],
  ['notifications', 'title'],
  ['notifications', 'body'],
  ['imports', 'failure'],
];

/**
 * Copies stored encrypted (SealedColumns): no SQL condition can find a term in them, so the
 * organization's rows are opened in chunks, scrubbed and sealed again (bound to the same row).
 * Their tables are pruned (OUTBOX_RETENTION_DAYS, WEBHOOK_DELIVERY_RETENTION_DAYS), which bounds the walk.
 */
type SealedTarget = { sealed: SealedColumn; shape: 'json' | 'delivery' | 'text' };
const SEALED_TARGETS: SealedTarget[] = [
  { sealed: SEALED.eventPayload, shape: 'json' },
  { sealed: SEALED.deliveryBody, shape: 'delivery' },
  { sealed: SEALED.attemptResponse, shape: 'text' },
];
const SEALED_CHUNK = 1000;

export interface ScrubCounts {
  audit: number;
  events: number;
  mentions: number;
}

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/**
 * Removes a subject's personal values from the copies the product keeps of them, in the
 * caller's transaction and organization: rows about the subject's own records lose every
 * value (keys kept), other rows lose the values that match the subject's terms.
 */
@Injectable()
export class PersonalDataScrubber {
  constructor(private readonly sealed: SealedColumns) {}

  /** Audit rows, outbox events and their webhook deliveries about these records: every value. */
  async scrubRecords(manager: EntityManager, organizationId: string, recordIds: string[]): Promise<ScrubCounts> {
    if (recordIds.length === 0) return { audit: 0, events: 0, mentions: 0 };
    const audit = await this.rewrite(manager, 'audit_logs', 'changes', organizationId, `object_id = ANY($2::uuid[]) AND action NOT LIKE 'gdpr.%'`, [recordIds], (v) => scrubAll(v));
    const events = await this.rewriteSealed(manager, SEALED.eventPayload, organizationId, `aggregate_id = ANY($2::uuid[])`, [recordIds], (text) => jsonText(text, (v) => scrubAll(v, true)));
    const deliveries = (await this.present(manager)).has('webhook_deliveries.body')
      ? await this.rewriteSealed(
          manager,
          SEALED.deliveryBody,
          organizationId,
          `event_id IN (SELECT id FROM outbox_events WHERE organization_id = $1 AND aggregate_id = ANY($2::uuid[]))`,
          [recordIds],
          (text) => scrubDeliveryData(text, (data) => scrubAll(data, true)),
        )
      : 0;
    // What the receivers answered to those deliveries may echo the payload: dropped.
    const present = await this.present(manager);
    const attempts = present.has('webhook_delivery_attempts.response_excerpt')
      ? (
          await manager.query(
            `WITH u AS (UPDATE webhook_delivery_attempts a SET response_excerpt = NULL
                          FROM webhook_deliveries d
                         WHERE a.organization_id = $1 AND d.organization_id = $1 AND a.delivery_id = d.id AND a.response_excerpt IS NOT NULL
                           AND d.event_id IN (SELECT id FROM outbox_events WHERE organization_id = $1 AND aggregate_id = ANY($2::uuid[]))
                        RETURNING 1)
             SELECT count(*)::int AS n FROM u`,
            [organizationId, recordIds],
          )
        )[0].n
      : 0;
    return { audit, events: events + deliveries + attempts, mentions: 0 };
  }

  /** Everywhere else: values matching the subject's terms. */
  async scrubTerms(manager: EntityManager, organizationId: string, terms: PersonalTerms): Promise<ScrubCounts> {
    const counts: ScrubCounts = { audit: 0, events: 0, mentions: 0 };
    if (terms.empty) return counts;
    const present = await this.present(manager);
    for (const t of JSON_TARGETS.filter((x) => present.has(`${x.table}.${x.column}`))) {
      const patterns = terms.all.map((term) => likeAnywhere(t.textJson ? term : JSON.stringify(term).slice(1, -1)));
      const where = [`${t.column}::text ILIKE ANY($2::text[])`, t.exclude].filter(Boolean).join(' AND ');
      const scrub = (v: unknown) => (t.textJson ? scrubDeliveryData(v, (data) => terms.scrubJson(data)) : terms.scrubJson(v));
      counts[t.kind] += await this.rewrite(manager, t.table, t.column, organizationId, where, [patterns], scrub, t.textJson);
    }
    for (const t of SEALED_TARGETS.filter((x) => present.has(`${x.sealed.table}.${x.sealed.column}`))) {
      const scrub = (text: string) =>
        t.shape === 'text' ? terms.scrubText(text) : t.shape === 'delivery' ? scrubDeliveryData(text, (data) => terms.scrubJson(data)) : jsonText(text, (v) => terms.scrubJson(v));
      counts[t.shape === 'text' ? 'mentions' : 'events'] += await this.rewriteSealed(manager, t.sealed, organizationId, 'true', [], scrub);
    }
    if (terms.contains.length === 0) return counts;
    const pattern = terms.contains.map((term) => term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
    for (const [table, column] of TEXT_TARGETS.filter(([t, c]) => present.has(`${t}.${c}`))) {
      const [{ n }] = await manager.query(
        `WITH u AS (UPDATE ${table} SET ${column} = regexp_replace(${column}, $2, '[erased]', 'gi')
                     WHERE organization_id = $1 AND ${column} ~* $2 RETURNING 1)
         SELECT count(*)::int AS n FROM u`,
        [organizationId, pattern],
      );
      counts.mentions += n;
    }
    for (const [table, column] of ARRAY_TARGETS.filter(([t, c]) => present.has(`${t}.${c}`))) {
      const [{ n }] = await manager.query(
        `WITH u AS (UPDATE ${table} SET ${column} = ARRAY(SELECT regexp_replace(x, $2, '[erased]', 'gi') FROM unnest(${column}) WITH ORDINALITY AS a(x, i) ORDER BY i)
                     WHERE organization_id = $1 AND array_to_string(${column}, ' ') ~* $2 RETURNING 1)
         SELECT count(*)::int AS n FROM u`,
        [organizationId, pattern],
      );
      counts.mentions += n;
    }
    return counts;
  }

  /** Reads the matching rows, rewrites their column in TypeScript, writes back the changed ones. */
  private async rewrite(
    manager: EntityManager,
    table: string,
    column: string,
    organizationId: string,
    where: string,
    params: unknown[],
    scrub: (value: unknown) => unknown,
    textJson = false,
  ): Promise<number> {
    const rows: { id: string; value: unknown }[] = await manager.query(`SELECT id, ${column} AS value FROM ${table} WHERE organization_id = $1 AND ${where} FOR UPDATE`, [organizationId, ...params]);
    const changed = rows
      .map((r) => {
        const before = textJson ? String(r.value) : JSON.stringify(r.value);
        const scrubbed = scrub(textJson ? String(r.value) : r.value);
        const after = textJson ? String(scrubbed) : JSON.stringify(scrubbed);
        return after === before ? null : { id: r.id, value: after };
      })
      .filter((r): r is { id: string; value: string } => r !== null);
    if (changed.length === 0) return 0;
    const cast = textJson ? 'r.value' : 'r.value::jsonb';
    await manager.query(
      `UPDATE ${table} t SET ${column} = ${cast} FROM jsonb_to_recordset($2::jsonb) AS r(id uuid, value text)
        WHERE t.organization_id = $1 AND t.id = r.id`,
      [organizationId, JSON.stringify(changed)],
    );
    return changed.length;
  }

  /**
   * Opens the sealed column of the organization's rows matching `where` (keyset chunks), scrubs
   * the plain text, and writes back the changed ones sealed again to the same row, where the
   * stored value is still the one read.
   */
  private async rewriteSealed(manager: EntityManager, sealed: SealedColumn, organizationId: string, where: string, params: unknown[], scrub: (text: string) => string): Promise<number> {
    const { table, column } = sealed;
    let after = '00000000-0000-0000-0000-000000000000';
    let changed = 0;
    for (;;) {
      const rows: { id: string; value: string }[] = await manager.query(
        `SELECT id, ${column} AS value FROM ${table}
          WHERE organization_id = $1 AND ${where} AND ${column} IS NOT NULL AND id > $${params.length + 2}::uuid ORDER BY id LIMIT ${SEALED_CHUNK}`,
        [organizationId, ...params, after],
      );
      if (rows.length === 0) return changed;
      after = rows[rows.length - 1].id;
      const updates: { id: string; old: string; value: string }[] = [];
      for (const r of rows) {
        const identity = { organizationId, id: r.id };
        const before = this.sealed.open(sealed, identity, r.value);
        const scrubbed = scrub(before);
        if (scrubbed !== before) updates.push({ id: r.id, old: r.value, value: this.sealed.seal(sealed, identity, scrubbed) });
      }
      if (updates.length > 0) {
        await manager.query(
          `UPDATE ${table} t SET ${column} = r.value FROM jsonb_to_recordset($2::jsonb) AS r(id uuid, old text, value text)
            WHERE t.organization_id = $1 AND t.id = r.id AND t.${column} = r.old`,
          [organizationId, JSON.stringify(updates)],
        );
        changed += updates.length;
      }
      if (rows.length < SEALED_CHUNK) return changed;
    }
  }

  /** `table.column` of every column that exists (other modules' tables may come and go). */
  private async present(manager: EntityManager): Promise<Set<string>> {
    const rows: { t: string; c: string }[] = await manager.query(`SELECT table_name AS t, column_name AS c FROM information_schema.columns WHERE table_schema = current_schema()`);
    return new Set(rows.map((r) => `${r.t}.${r.c}`));
  }
}

/** A webhook delivery's body with its `data` scrubbed (envelope kept); unreadable bodies are erased whole. */
function scrubDeliveryData(body: unknown, scrub: (data: unknown) => unknown): string {
  const parsed = parse(String(body));
  if (!parsed || typeof parsed !== 'object') return '[erased]';
  const envelope = parsed as Record<string, unknown>;
  return JSON.stringify('data' in envelope ? { ...envelope, data: scrub(envelope.data) } : scrub(envelope));
}

/** JSON text with its value scrubbed; unreadable text is erased whole. */
function jsonText(text: string, scrub: (value: unknown) => unknown): string {
  const parsed = parse(text);
  if (parsed === undefined) return '[erased]';
  const before = JSON.stringify(parsed);
  const after = JSON.stringify(scrub(parsed));
  return after === before ? text : after;
}
