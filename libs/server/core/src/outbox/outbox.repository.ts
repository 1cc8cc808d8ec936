import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export interface PendingOutboxRow {
  organization_id: string;
  id: string;
  type: string;
}

export interface ClaimedOutboxRow {
  organization_id: string;
  id: string;
  type: string;
  aggregate_type: string;
  aggregate_id: string | null;
  payload: Record<string, unknown>;
  created_at: Date;
}

/** Named queries over outbox_events; no rules. */
@Injectable()
export class OutboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * Locks up to `limit` events that still need relaying: never relayed, or relayed more than
   * `redispatchAfterSeconds` ago and still unprocessed (Redis may have lost the job).
   * SKIP LOCKED lets several relays run side by side without taking the same rows.
   */
  lockPending(manager: EntityManager, limit: number, redispatchAfterSeconds: number): Promise<PendingOutboxRow[]> {
    return manager.query(
      `SELECT organization_id, id, type FROM outbox_events
        WHERE processed_at IS NULL
          AND (dispatched_at IS NULL OR dispatched_at < now() - make_interval(secs => $2))
        ORDER BY created_at
        LIMIT $1
        FOR UPDATE SKIP LOCKED`,
      [limit, redispatchAfterSeconds],
    );
  }

  async markDispatched(manager: EntityManager, rows: PendingOutboxRow[]): Promise<void> {
    await manager.query(
      `UPDATE outbox_events o SET dispatched_at = now(), dispatch_count = dispatch_count + 1
         FROM unnest($1::uuid[], $2::uuid[]) AS r(organization_id, id)
        WHERE o.organization_id = r.organization_id AND o.id = r.id`,
      [rows.map((r) => r.organization_id), rows.map((r) => r.id)],
    );
  }

  /** Marks the event processed and returns it, or null when it was processed before. */
  async claimForProcessing(manager: EntityManager, organizationId: string, id: string): Promise<ClaimedOutboxRow | null> {
    const [rows] = await manager.query(
      `UPDATE outbox_events SET processed_at = now()
        WHERE organization_id = $1 AND id = $2 AND processed_at IS NULL
        RETURNING organization_id, id, type, aggregate_type, aggregate_id, payload, created_at`,
      [organizationId, id],
    );
    return (rows as ClaimedOutboxRow[])[0] ?? null;
  }

  /** Deletes processed events older than the cut-off; returns how many went. */
  async deleteProcessedBefore(cutoff: Date, limit = 5000): Promise<number> {
    const [, count] = await this.dataSource.query(
      `DELETE FROM outbox_events WHERE (organization_id, id) IN (
         SELECT organization_id, id FROM outbox_events
          WHERE processed_at IS NOT NULL AND processed_at < $1 LIMIT $2)`,
      [cutoff, limit],
    );
    return Number(count ?? 0);
  }
}
