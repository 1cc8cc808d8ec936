import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Event payloads, webhook delivery bodies and receivers' answers are stored encrypted
 * (`enc:v1:<key id>:...`, AES-256-GCM bound to organization_id, id and column), written by the
 * application: the keys never reach the database. `outbox_events.payload` becomes text (its
 * JSON, then sealed). Rows stored before this migration are encrypted by the worker's
 * key-rotation job (these columns are registered in encrypted-columns.ts), which runs at its
 * first start and daily; until then readers accept the plain values.
 *
 * From now on PostgreSQL refuses a plain value in any new or updated row (CHECK ... NOT VALID:
 * checked on every write, not on the rows already there). Once `npm run keys:status` shows no
 * plain value left, `ALTER TABLE ... VALIDATE CONSTRAINT ...` makes them hold for every row.
 *
 * Down: the columns take plain values again; encrypted payloads cannot be read back by the
 * database and are kept as `{"sealed": "<ciphertext>"}`.
 */
export class SealedEventCopies1763702437000 implements MigrationInterface {
  name = 'SealedEventCopies1763702437000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox_events ALTER COLUMN payload TYPE text USING payload::text`);
    await q.query(`ALTER TABLE outbox_events ADD CONSTRAINT outbox_events_payload_sealed CHECK (starts_with(payload, 'enc:v1:')) NOT VALID`);
    await q.query(`ALTER TABLE webhook_deliveries ADD CONSTRAINT webhook_deliveries_body_sealed CHECK (starts_with(body, 'enc:v1:')) NOT VALID`);
    await q.query(`ALTER TABLE webhook_delivery_attempts ADD CONSTRAINT webhook_delivery_attempts_response_sealed CHECK (starts_with(response_excerpt, 'enc:v1:')) NOT VALID`);
    // Pruning (housekeeping) walks finished deliveries by age (processed events have outbox_events_processed_idx).
    await q.query(`CREATE INDEX webhook_deliveries_completed_idx ON webhook_deliveries (completed_at) WHERE state <> 'pending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX webhook_deliveries_completed_idx`);
    await q.query(`ALTER TABLE webhook_delivery_attempts DROP CONSTRAINT webhook_delivery_attempts_response_sealed`);
    await q.query(`ALTER TABLE webhook_deliveries DROP CONSTRAINT webhook_deliveries_body_sealed`);
    await q.query(`ALTER TABLE outbox_events DROP CONSTRAINT outbox_events_payload_sealed`);
    await q.query(
      `ALTER TABLE outbox_events ALTER COLUMN payload TYPE jsonb
         USING CASE WHEN starts_with(payload, 'enc:v1:') THEN jsonb_build_object('sealed', payload) ELSE payload::jsonb END`,
    );
  }
}
