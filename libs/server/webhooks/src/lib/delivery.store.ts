import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DomainEvent } from '@clockwork/server-core';
import { webhookFiltersMatching } from '@clockwork/shared-dto';
import { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';

export interface DueDelivery {
  organization_id: string;
  id: string;
  attempts: number;
}

/** A delivery claimed for one attempt, with what is needed to send it. */
export interface ClaimedDelivery {
  organization_id: string;
  id: string;
  subscription_id: string;
  message_id: string;
  body: string;
  attempts: number;
  round_attempts: number;
  url: string;
  enabled: boolean;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | null;
}

export interface AttemptRecord {
  attempt: number;
  statusCode: number | null;
  latencyMs: number;
  responseExcerpt: string | null;
  error: string | null;
  succeeded: boolean;
}

/** The webhook message id of an event: the `webhook-id` of every attempt and redelivery. */
export const messageIdOf = (eventId: string) => `msg_${eventId}`;

/** The contract's payload `{ id, type, timestamp, organization_id, data }`, as the exact text that is signed. */
export const webhookBody = (e: Pick<DomainEvent, 'id' | 'type' | 'createdAt' | 'organizationId' | 'payload'>): string =>
  JSON.stringify({ id: e.id, type: e.type, timestamp: new Date(e.createdAt).toISOString(), organization_id: e.organizationId, data: e.payload });

/**
 * Named queries of the delivery machinery, across organizations (the worker serves them all).
 * Deliveries are the durable record; Redis only ever holds pointers with a lease token.
 */
@Injectable()
export class DeliveryStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** One delivery per enabled subscription whose filters match the event (in the event's transaction). */
  async fanOut(manager: EntityManager, event: DomainEvent): Promise<number> {
    const subscriptions: { id: string }[] = await manager.query(
      `SELECT id FROM webhook_subscriptions WHERE organization_id = $1 AND enabled AND events && $2::text[]`,
      [event.organizationId, webhookFiltersMatching(event.type)],
    );
    if (subscriptions.length === 0) return 0;
    const inserted: unknown[] = await manager.query(
      `INSERT INTO webhook_deliveries (organization_id, id, subscription_id, event_id, message_id, event_type, body, next_attempt_at)
       SELECT $1, d.id, d.subscription_id, $2, $3, $4, $5, now()
         FROM unnest($6::uuid[], $7::uuid[]) AS d(id, subscription_id)
       ON CONFLICT (organization_id, subscription_id, event_id) DO NOTHING
       RETURNING id`,
      [event.organizationId, event.id, messageIdOf(event.id), event.type, webhookBody(event), subscriptions.map(() => uuidv7()), subscriptions.map((s) => s.id)],
    );
    return inserted.length;
  }

  /** Due deliveries nobody holds a lease on, locked for the caller's transaction (SKIP LOCKED). */
  lockDue(manager: EntityManager, limit: number): Promise<DueDelivery[]> {
    return manager.query(
      `SELECT organization_id, id, attempts FROM webhook_deliveries
        WHERE state = 'pending' AND next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now())
        ORDER BY next_attempt_at
        LIMIT $1
        FOR UPDATE SKIP LOCKED`,
      [limit],
    );
  }

  /** Hands each delivery to its queued job: the token the job carries, trusted for `seconds`. */
  async lease(manager: EntityManager, rows: (DueDelivery & { token: string })[], seconds: number): Promise<void> {
    await manager.query(
      `UPDATE webhook_deliveries d SET lease_token = r.token, lease_until = now() + make_interval(secs => $4)
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) AS r(organization_id, id, token)
        WHERE d.organization_id = r.organization_id AND d.id = r.id`,
      [rows.map((r) => r.organization_id), rows.map((r) => r.id), rows.map((r) => r.token), seconds],
    );
  }

  /**
   * Takes attempt `attempt` of a delivery for `seconds`, when it is still due, still at that
   * attempt, and its lease is the job's or has run out: of two workers, one gets it.
   */
  async claim(organizationId: string, id: string, attempt: number, jobToken: string, claimToken: string, seconds: number): Promise<ClaimedDelivery | null> {
    const rows: ClaimedDelivery[] = await this.dataSource.query(
      `WITH claimed AS (
         UPDATE webhook_deliveries SET lease_token = $5, lease_until = now() + make_interval(secs => $6)
          WHERE organization_id = $1 AND id = $2 AND state = 'pending' AND attempts = $3 - 1 AND next_attempt_at <= now()
            AND (lease_token = $4 OR lease_until IS NULL OR lease_until < now())
         RETURNING organization_id, id, subscription_id, message_id, body, attempts, round_attempts)
       SELECT c.*, s.url, s.enabled, s.secret, s.previous_secret, s.previous_secret_expires_at
         FROM claimed c JOIN webhook_subscriptions s ON s.organization_id = c.organization_id AND s.id = c.subscription_id`,
      [organizationId, id, attempt, jobToken, claimToken, seconds],
    );
    return rows[0] ?? null;
  }

  async insertAttempt(manager: EntityManager, organizationId: string, deliveryId: string, a: AttemptRecord): Promise<void> {
    await manager.query(
      `INSERT INTO webhook_delivery_attempts (organization_id, id, delivery_id, attempt, status_code, latency_ms, response_excerpt, error, succeeded)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [organizationId, uuidv7(), deliveryId, a.attempt, a.statusCode, a.latencyMs, a.responseExcerpt, a.error, a.succeeded],
    );
  }

  /**
   * Moves the delivery on after an attempt, if the caller still holds its lease: done
   * (`nextAttemptAt` null, state succeeded/failed) or pending again at `nextAttemptAt`.
   */
  async advance(
    manager: EntityManager,
    d: Pick<ClaimedDelivery, 'organization_id' | 'id'>,
    claimToken: string,
    next: { state: 'pending' | 'succeeded' | 'failed'; delayMs: number | null; statusCode: number | null; error: string | null; attempted: boolean },
  ): Promise<boolean> {
    const [, updated] = await manager.query(
      `UPDATE webhook_deliveries SET
          state = $4,
          attempts = attempts + $8::int, round_attempts = round_attempts + $8::int,
          next_attempt_at = CASE WHEN $4 = 'pending' THEN now() + make_interval(secs => $5::float8 / 1000) END,
          completed_at = CASE WHEN $4 = 'pending' THEN NULL ELSE now() END,
          lease_token = NULL, lease_until = NULL,
          last_status_code = coalesce($6, last_status_code), last_error = $7, updated_at = now()
        WHERE organization_id = $1 AND id = $2 AND lease_token = $3`,
      [d.organization_id, d.id, claimToken, next.state, next.delayMs ?? 0, next.statusCode, next.error, next.attempted ? 1 : 0],
    );
    return Number(updated) > 0;
  }

  /** A success ends the subscription's failure streak. */
  async markSucceeded(manager: EntityManager, organizationId: string, subscriptionId: string): Promise<void> {
    await manager.query(`UPDATE webhook_subscriptions SET failing_since = NULL WHERE organization_id = $1 AND id = $2 AND failing_since IS NOT NULL`, [organizationId, subscriptionId]);
  }

  /** Starts (or continues) the failure streak; true when it has lasted `hours` or more. */
  async markFailing(manager: EntityManager, organizationId: string, subscriptionId: string, hours: number): Promise<boolean> {
    const [rows] = await manager.query(
      `UPDATE webhook_subscriptions SET failing_since = coalesce(failing_since, now()) WHERE organization_id = $1 AND id = $2
       RETURNING failing_since <= now() - make_interval(secs => $3::float8 * 3600) AS overdue`,
      [organizationId, subscriptionId, hours],
    );
    return (rows as { overdue: boolean }[])[0]?.overdue ?? false;
  }

  /** Disables an enabled subscription; returns it (for the audit row) or null when it already was. */
  async disable(manager: EntityManager, organizationId: string, subscriptionId: string, reason: 'gone' | 'failing'): Promise<{ id: string; url: string } | null> {
    const [rows] = await manager.query(
      `UPDATE webhook_subscriptions SET enabled = false, disabled_reason = $3, disabled_at = now(), version = version + 1, updated_at = now()
        WHERE organization_id = $1 AND id = $2 AND enabled RETURNING id, url`,
      [organizationId, subscriptionId, reason],
    );
    return (rows as { id: string; url: string }[])[0] ?? null;
  }

  activeAdminIds(manager: EntityManager, organizationId: string): Promise<{ id: string }[]> {
    return manager.query(`SELECT id FROM users WHERE organization_id = $1 AND role = 'admin' AND is_active`, [organizationId]);
  }
}
