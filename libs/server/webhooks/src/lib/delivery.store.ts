import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainEvent, SEALED, SealedColumns } from '@clockwork/server-core';
import { webhookFiltersMatching } from '@clockwork/shared-dto';
import { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';

export interface DueDelivery {
  /** The row's address, valid while the caller's transaction holds the lock. */
  row: string;
  organization_id: string;
  id: string;
  subscription_id: string;
  attempts: number;
}

/** One attempt a job may make: the delivery and the attempt number (the row's attempts + 1 when enqueued). */
export interface DeliveryPointer {
  deliveryId: string;
  attempt: number;
}

/** Where a delivery goes after an attempt (or after none, when its subscription is disabled). */
export interface AdvanceStep {
  deliveryId: string;
  state: 'pending' | 'succeeded' | 'failed';
  delayMs: number | null;
  statusCode: number | null;
  error: string | null;
  attempted: boolean;
}

/** A delivery claimed for one attempt, with what is needed to send it. */
export interface ClaimedDelivery {
  organization_id: string;
  id: string;
  subscription_id: string;
  message_id: string;
  /** The body to send, opened; null when the stored one does not decrypt. */
  body: string | null;
  attempts: number;
  round_attempts: number;
  url: string;
  enabled: boolean;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | null;
}

export interface AttemptRecord {
  deliveryId: string;
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
 * Deliveries are the durable record; Redis only ever holds pointers with a lease token. A
 * delivery's body and an attempt's response excerpt are stored sealed (encrypted, bound to
 * their row): sealed here on the way in, opened only when a claimed delivery is sent.
 */
@Injectable()
export class DeliveryStore {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sealed: SealedColumns,
  ) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** For a single statement outside a transaction. */
  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  /**
   * One delivery per enabled subscription whose filters match the event, for every event of a
   * batch of one organization (in the events' transaction): one read of the subscriptions, one
   * INSERT. Returns how many deliveries were created.
   */
  async fanOut(manager: EntityManager, organizationId: string, events: DomainEvent[]): Promise<number> {
    if (events.length === 0) return 0;
    const subscriptions: { id: string; events: string[] }[] = await manager.query(
      `SELECT id, events FROM webhook_subscriptions WHERE organization_id = $1 AND enabled`,
      [organizationId],
    );
    if (subscriptions.length === 0) return 0;
    const pairs: { event: number; subscriptionId: string }[] = [];
    events.forEach((event, i) => {
      const filters = webhookFiltersMatching(event.type);
      for (const s of subscriptions) if (s.events.some((f) => filters.includes(f))) pairs.push({ event: i + 1, subscriptionId: s.id });
    });
    if (pairs.length === 0) return 0;
    // Each delivery has its own copy of its event's body, sealed to the delivery's row.
    const bodies = events.map((e) => webhookBody(e));
    const deliveries = pairs.map((p) => ({ ...p, id: uuidv7() }));
    const [{ inserted }]: { inserted: number }[] = await manager.query(
      `WITH inserted AS (
         INSERT INTO webhook_deliveries (organization_id, id, subscription_id, event_id, message_id, event_type, body, next_attempt_at)
         SELECT $1, d.id, d.subscription_id, e.id, e.message_id, e.type, d.body, now()
           FROM unnest($2::uuid[], $3::text[], $4::text[]) WITH ORDINALITY AS e(id, message_id, type, n)
           JOIN unnest($5::int[], $6::uuid[], $7::uuid[], $8::text[]) AS d(n, id, subscription_id, body) ON d.n = e.n
         ON CONFLICT (organization_id, subscription_id, event_id) DO NOTHING
         RETURNING 1)
       SELECT count(*)::int AS inserted FROM inserted`,
      [
        organizationId,
        events.map((e) => e.id),
        events.map((e) => messageIdOf(e.id)),
        events.map((e) => e.type),
        deliveries.map((d) => d.event),
        deliveries.map((d) => d.id),
        deliveries.map((d) => d.subscriptionId),
        deliveries.map((d) => this.sealBody(organizationId, d.id, bodies[d.event - 1])),
      ],
    );
    return inserted;
  }

  /** A delivery's body as stored: sealed to its row. */
  sealBody(organizationId: string, deliveryId: string, body: string): string {
    return this.sealed.seal(SEALED.deliveryBody, { organizationId, id: deliveryId }, body);
  }

  /** Due deliveries nobody holds a lease on, locked for the caller's transaction (SKIP LOCKED). */
  lockDue(manager: EntityManager, limit: number): Promise<DueDelivery[]> {
    return manager.query(
      `SELECT ctid AS row, organization_id, id, subscription_id, attempts FROM webhook_deliveries
        WHERE state = 'pending' AND next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now())
        ORDER BY next_attempt_at
        LIMIT $1
        FOR UPDATE SKIP LOCKED`,
      [limit],
    );
  }

  /** Hands each delivery (locked by lockDue in this transaction, found by its address) to its queued job: the token the job carries, trusted for `seconds`. */
  async lease(manager: EntityManager, rows: (DueDelivery & { token: string })[], seconds: number): Promise<void> {
    await manager.query(
      `UPDATE webhook_deliveries d SET lease_token = r.token, lease_until = now() + make_interval(secs => $3)
         FROM unnest($1::tid[], $2::uuid[]) AS r(row, token)
        WHERE d.ctid = r.row`,
      [rows.map((r) => r.row), rows.map((r) => r.token), seconds],
    );
  }

  /**
   * Takes, with one statement, the attempts a job points to (deliveries of one organization)
   * for `seconds` under `claimToken`: each delivery that is still due, still at that attempt,
   * and whose lease is the job's or has run out. Of two workers, one gets each delivery; the
   * others are left out (a relay still committing the job's lease is waited for, then its
   * lease is seen). Rows are found by primary key: "due" is `next_attempt_at <= now()`, which
   * means pending by the table's CHECK, and naming no `state` keeps the due-deliveries index,
   * whose size swings with the backlog past what the statistics know, out of the plan.
   */
  async claim(organizationId: string, deliveries: DeliveryPointer[], jobToken: string, claimToken: string, seconds: number): Promise<ClaimedDelivery[]> {
    if (deliveries.length === 0) return [];
    const rows: ClaimedDelivery[] = await this.dataSource.query(
      `WITH claimed AS (
         UPDATE webhook_deliveries d SET lease_token = $5, lease_until = now() + make_interval(secs => $6)
           FROM unnest($2::uuid[], $3::int[]) AS j(id, attempt)
          WHERE d.organization_id = $1 AND d.id = ANY($2::uuid[]) AND d.id = j.id
            AND d.attempts = j.attempt - 1 AND d.next_attempt_at <= now()
            AND (d.lease_token = $4 OR d.lease_until IS NULL OR d.lease_until < now())
         RETURNING d.organization_id, d.id, d.subscription_id, d.message_id, d.body, d.attempts, d.round_attempts)
       SELECT c.*, s.url, s.enabled, s.secret, s.previous_secret, s.previous_secret_expires_at
         FROM claimed c JOIN webhook_subscriptions s ON s.organization_id = c.organization_id AND s.id = c.subscription_id`,
      [organizationId, deliveries.map((d) => d.deliveryId), deliveries.map((d) => d.attempt), jobToken, claimToken, seconds],
    );
    return rows.map((r) => ({ ...r, body: this.openBody(r) }));
  }

  /** The body to send; null when it does not decrypt (tampered, or copied from another row; logged): nothing is sent. */
  private openBody(r: ClaimedDelivery): string | null {
    try {
      return this.sealed.open(SEALED.deliveryBody, { organizationId: r.organization_id, id: r.id }, r.body as string);
    } catch {
      return null;
    }
  }

  /**
   * The outcome of a job's attempts (one organization), in one statement: the attempt rows of
   * the delivery log; each delivery whose lease the caller (`claimToken`) still holds moved on,
   * done (succeeded/failed) or pending again `delayMs` from now; and the failure streaks of the
   * subscriptions in `succeeded` ended. Returns how many deliveries moved.
   */
  async recordAttempts(
    manager: EntityManager,
    organizationId: string,
    claimToken: string,
    outcome: { attempts: AttemptRecord[]; steps: AdvanceStep[]; succeeded: string[] },
  ): Promise<number> {
    const { attempts, steps, succeeded } = outcome;
    const attemptIds = attempts.map(() => uuidv7());
    const [{ moved }]: { moved: number }[] = await manager.query(
      `WITH moved AS (
         UPDATE webhook_deliveries d SET
            state = r.state,
            attempts = d.attempts + r.attempted, round_attempts = d.round_attempts + r.attempted,
            next_attempt_at = CASE WHEN r.state = 'pending' THEN now() + make_interval(secs => r.delay_ms / 1000) END,
            completed_at = CASE WHEN r.state = 'pending' THEN NULL ELSE now() END,
            lease_token = NULL, lease_until = NULL,
            last_status_code = coalesce(r.status_code, d.last_status_code), last_error = r.error, updated_at = now()
           FROM unnest($3::uuid[], $4::text[], $5::float8[], $6::int[], $7::text[], $8::int[]) AS r(id, state, delay_ms, status_code, error, attempted)
          WHERE d.organization_id = $1 AND d.id = ANY($3::uuid[]) AND d.id = r.id AND d.lease_token = $2
         RETURNING 1),
       logged AS (
         INSERT INTO webhook_delivery_attempts (organization_id, id, delivery_id, attempt, status_code, latency_ms, response_excerpt, error, succeeded)
         SELECT $1, a.* FROM unnest($9::uuid[], $10::uuid[], $11::int[], $12::int[], $13::int[], $14::text[], $15::text[], $16::bool[]) AS a),
       cleared AS (
         UPDATE webhook_subscriptions SET failing_since = NULL WHERE organization_id = $1 AND id = ANY($17::uuid[]) AND failing_since IS NOT NULL)
       SELECT count(*)::int AS moved FROM moved`,
      [
        organizationId,
        claimToken,
        steps.map((s) => s.deliveryId),
        steps.map((s) => s.state),
        steps.map((s) => s.delayMs ?? 0),
        steps.map((s) => s.statusCode),
        steps.map((s) => s.error),
        steps.map((s) => (s.attempted ? 1 : 0)),
        attemptIds,
        attempts.map((a) => a.deliveryId),
        attempts.map((a) => a.attempt),
        attempts.map((a) => a.statusCode),
        attempts.map((a) => a.latencyMs),
        attempts.map((a, i) => this.sealed.sealNullable(SEALED.attemptResponse, { organizationId, id: attemptIds[i] }, a.responseExcerpt)),
        attempts.map((a) => a.error),
        attempts.map((a) => a.succeeded),
        succeeded,
      ],
    );
    return moved;
  }

  /** Starts (or continues) the failure streaks of subscriptions of one organization; returns those whose streak has lasted `hours` or more. */
  async markFailing(manager: EntityManager, organizationId: string, subscriptionIds: string[], hours: number): Promise<string[]> {
    if (subscriptionIds.length === 0) return [];
    const [rows] = await manager.query(
      `UPDATE webhook_subscriptions SET failing_since = coalesce(failing_since, now()) WHERE organization_id = $1 AND id = ANY($2::uuid[])
       RETURNING id, failing_since <= now() - make_interval(secs => $3::float8 * 3600) AS overdue`,
      [organizationId, subscriptionIds, hours],
    );
    return (rows as { id: string; overdue: boolean }[]).filter((r) => r.overdue).map((r) => r.id);
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
