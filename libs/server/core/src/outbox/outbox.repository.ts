import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export interface PendingOutboxRow {
  /** The row's address, valid while the caller's transaction holds the lock. */
  row: string;
  organization_id: string;
  id: string;
  type: string;
  /** How often it was relayed before (0: never). */
  dispatch_count: number;
}

export interface ClaimedOutboxRow {
  organization_id: string;
  id: string;
  type: string;
  aggregate_type: string;
  aggregate_id: string | null;
  /** As stored: sealed (SealedColumns), opened by the dispatcher. */
  payload: string;
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
      `SELECT ctid AS row, organization_id, id, type, dispatch_count FROM outbox_events
        WHERE processed_at IS NULL
          AND (dispatched_at IS NULL OR dispatched_at < now() - make_interval(secs => $2))
        ORDER BY created_at
        LIMIT $1
        FOR UPDATE SKIP LOCKED`,
      [limit, redispatchAfterSeconds],
    );
  }

  /** Rows locked by lockPending in the same transaction, updated by their address. */
  async markDispatched(manager: EntityManager, rows: PendingOutboxRow[]): Promise<void> {
    await manager.query(`UPDATE outbox_events SET dispatched_at = now(), dispatch_count = dispatch_count + 1 WHERE ctid = ANY($1::tid[])`, [rows.map((r) => r.row)]);
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

  /**
   * Marks the still unprocessed events among `ids` (one organization) processed and returns
   * them, in no particular order; events processed before are left out. Another transaction
   * claiming the same events waits for this one and then finds them processed.
   *
   * The rows are found one primary key at a time and locked (in id order), then updated by
   * their row address, which cannot move while they are locked: a set-wise condition (ids,
   * or processed_at IS NULL) lets the planner pick a scan of the organization or of the
   * pending-events index, whose sizes swing with the backlog past what the statistics know.
   */
  async claimManyForProcessing(manager: EntityManager, organizationId: string, ids: string[]): Promise<ClaimedOutboxRow[]> {
    const locked: { row: string; pending: boolean }[] = await manager.query(
      `SELECT l.row, l.pending FROM unnest($2::uuid[]) AS e(id)
        CROSS JOIN LATERAL (
          SELECT ctid AS row, processed_at IS NULL AS pending FROM outbox_events WHERE organization_id = $1 AND id = e.id FOR UPDATE) l`,
      [organizationId, [...ids].sort()],
    );
    const pending = locked.filter((l) => l.pending).map((l) => l.row);
    if (pending.length === 0) return [];
    const [rows] = await manager.query(
      `UPDATE outbox_events SET processed_at = now() WHERE ctid = ANY($1::tid[])
       RETURNING organization_id, id, type, aggregate_type, aggregate_id, payload, created_at`,
      [pending],
    );
    return rows as ClaimedOutboxRow[];
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
