import { Injectable, Logger } from '@nestjs/common';
import { AuditWriter, Env, SYSTEM_ACTOR } from '@clockwork/server-core';
import { NotificationWriter } from '@clockwork/server-notifications';
import type { WebhookDeliveryBatchJob } from '@clockwork/shared-jobs';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AdvanceStep, AttemptRecord, ClaimedDelivery, DeliveryStore } from './delivery.store';
import { nextRetryDelay, parseRetryAfter, parseRetrySchedule } from './retry-schedule.rules';
import { SecretBox } from './secret-box.cipher';
import { SendOutcome, sendWebhook } from './webhook.client';
import { webhookHeaders } from './outbound-signature.builder';

/** How long past the request timeout a claimed attempt stays reserved for its sender. */
const CLAIM_GRACE_SECONDS = 5;

export type AttemptResult = 'succeeded' | 'retrying' | 'failed' | 'skipped';

/** How many attempts of a job ended each way ('skipped': claimed elsewhere, no longer due, or the subscription was disabled). */
export type BatchAttemptResult = Record<AttemptResult, number>;

/** What the transaction that records an attempt writes for one delivery. */
interface Recorded {
  delivery: ClaimedDelivery;
  step: AdvanceStep;
  attempt: AttemptRecord | null;
  result: AttemptResult;
}

/**
 * One attempt of each delivery a job points to (one subscription's): claim them (lease, one
 * statement), send them signed side by side, then log the attempts and move the deliveries on
 * together: succeeded, retried per WEBHOOK_RETRY_SCHEDULE (Retry-After honoured when longer), or
 * failed. When that record fails, each delivery is recorded on its own. 410 Gone
 * disables the subscription at once; a subscription whose every attempt failed for
 * WEBHOOK_DISABLE_AFTER_HOURS is disabled too; both are audited and announced to the
 * organization's admins.
 */
@Injectable()
export class DeliveryAttemptService {
  private readonly logger = new Logger(DeliveryAttemptService.name);
  private readonly schedule: number[];

  constructor(
    private readonly store: DeliveryStore,
    private readonly secrets: SecretBox,
    private readonly audit: AuditWriter,
    private readonly notifications: NotificationWriter,
    private readonly env: Env,
  ) {
    this.schedule = parseRetrySchedule(env.WEBHOOK_RETRY_SCHEDULE);
  }

  async attempt(job: WebhookDeliveryBatchJob): Promise<BatchAttemptResult> {
    const result: BatchAttemptResult = { succeeded: 0, retrying: 0, failed: 0, skipped: 0 };
    const claimToken = randomUUID();
    const leaseSeconds = Math.ceil(this.env.WEBHOOK_TIMEOUT_MS / 1000) + CLAIM_GRACE_SECONDS;
    const claimed = await this.store.claim(job.organizationId, job.deliveries, job.leaseToken, claimToken, leaseSeconds);
    result.skipped = job.deliveries.length - claimed.length;
    if (claimed.length === 0) return result;

    const signing = new Map<string, string[] | Error>();
    const recorded = await Promise.all(
      claimed.map(async (d): Promise<Recorded> => {
        if (!d.enabled) {
          return { delivery: d, attempt: null, result: 'skipped', step: this.step(d, { state: 'failed', delayMs: null, statusCode: null, error: 'the subscription is disabled', attempted: false }) };
        }
        return this.outcome(d, await this.send(d, signing));
      }),
    );
    try {
      await this.record(job.organizationId, claimToken, recorded);
    } catch (e) {
      if (recorded.length === 1) throw e;
      // One delivery's record must not cost the others theirs (they would be sent again).
      this.logger.warn(`Recording ${recorded.length} webhook attempts failed (${(e as Error).message}); recording them one by one`);
      const errors: Error[] = [];
      for (const r of recorded) await this.record(job.organizationId, claimToken, [r]).catch((error: Error) => errors.push(error));
      if (errors.length > 0) throw new Error(`${errors.length} of ${recorded.length} webhook attempts could not be recorded; first: ${errors[0].message}`);
    }
    for (const r of recorded) result[r.result]++;
    return result;
  }

  private async send(d: ClaimedDelivery, signing: Map<string, string[] | Error>): Promise<SendOutcome> {
    const key = `${d.subscription_id}:${d.secret}:${d.previous_secret ?? ''}`;
    if (!signing.has(key)) {
      try {
        signing.set(key, this.secrets.signingSecrets(d));
      } catch (e) {
        signing.set(key, e as Error);
      }
    }
    const secrets = signing.get(key) as string[] | Error;
    const unsigned = (e: Error): SendOutcome => ({ statusCode: null, latencyMs: 0, responseExcerpt: null, error: `cannot sign: ${e.message}`, retryAfter: undefined });
    if (secrets instanceof Error) return unsigned(secrets);
    if (d.body === null) return { statusCode: null, latencyMs: 0, responseExcerpt: null, error: 'the stored body could not be decrypted', retryAfter: undefined };
    let headers: Record<string, string>;
    try {
      headers = webhookHeaders(secrets, d.message_id, Math.floor(Date.now() / 1000), d.body);
    } catch (e) {
      return unsigned(e as Error);
    }
    return sendWebhook(d.url, headers, d.body, { timeoutMs: this.env.WEBHOOK_TIMEOUT_MS, allowPrivate: this.env.WEBHOOK_ALLOW_PRIVATE_TARGETS });
  }

  /** The attempt's log row and where the delivery goes next. */
  private outcome(d: ClaimedDelivery, outcome: SendOutcome): Recorded {
    const ok = outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300;
    const excerpt = outcome.responseExcerpt?.replaceAll('\u0000', '') ?? null;
    const error = ok ? null : (outcome.error ?? `HTTP ${outcome.statusCode}`);
    const attempt: AttemptRecord = { deliveryId: d.id, attempt: d.attempts + 1, statusCode: outcome.statusCode, latencyMs: outcome.latencyMs, responseExcerpt: excerpt, error, succeeded: ok };
    if (ok) return { delivery: d, attempt, result: 'succeeded', step: this.step(d, { state: 'succeeded', delayMs: null, statusCode: outcome.statusCode, error: null, attempted: true }) };
    const delay = outcome.statusCode === 410 ? null : nextRetryDelay(this.schedule, d.round_attempts + 1, parseRetryAfter(outcome.retryAfter));
    return {
      delivery: d,
      attempt,
      result: delay === null ? 'failed' : 'retrying',
      step: this.step(d, { state: delay === null ? 'failed' : 'pending', delayMs: delay, statusCode: outcome.statusCode, error, attempted: true }),
    };
  }

  private step(d: ClaimedDelivery, next: Omit<AdvanceStep, 'deliveryId'>): AdvanceStep {
    return { deliveryId: d.id, ...next };
  }

  /**
   * The attempts' outcome: log rows, the deliveries' moves and the end of the failure streaks
   * of subscriptions that answered, in one statement (autocommit when every attempt
   * succeeded). With failures, in one transaction with it: the streaks of subscriptions that
   * only failed start or go on, and a subscription that answered 410 Gone, or whose streak
   * reached WEBHOOK_DISABLE_AFTER_HOURS, is disabled.
   */
  private async record(organizationId: string, claimToken: string, recorded: Recorded[]): Promise<void> {
    const attempted = recorded.filter((r) => r.attempt);
    const succeeded = new Set(attempted.filter((r) => r.result === 'succeeded').map((r) => r.delivery.subscription_id));
    const failing = [...new Set(attempted.filter((r) => r.result !== 'succeeded').map((r) => r.delivery.subscription_id))].filter((id) => !succeeded.has(id));
    const gone = new Set(attempted.filter((r) => r.attempt?.statusCode === 410).map((r) => r.delivery.subscription_id));
    const outcome = { attempts: attempted.map((r) => r.attempt as AttemptRecord), steps: recorded.map((r) => r.step), succeeded: [...succeeded] };
    if (failing.length === 0 && gone.size === 0) {
      await this.store.recordAttempts(this.store.manager, organizationId, claimToken, outcome);
      return;
    }
    await this.store.transaction(async (m) => {
      await this.store.recordAttempts(m, organizationId, claimToken, outcome);
      const overdue = new Set(await this.store.markFailing(m, organizationId, failing, this.env.WEBHOOK_DISABLE_AFTER_HOURS));
      const disabling = new Map<string, { d: ClaimedDelivery; reason: 'gone' | 'failing' }>();
      for (const { delivery: d } of attempted) {
        if (disabling.has(d.subscription_id)) continue;
        if (gone.has(d.subscription_id)) disabling.set(d.subscription_id, { d, reason: 'gone' });
        else if (overdue.has(d.subscription_id)) disabling.set(d.subscription_id, { d, reason: 'failing' });
      }
      for (const { d, reason } of disabling.values()) await this.disable(m, d, reason);
    });
  }

  /** Disables the subscription, audits it and notifies every active admin of the organization. */
  private async disable(m: EntityManager, d: ClaimedDelivery, reason: 'gone' | 'failing'): Promise<void> {
    const disabled = await this.store.disable(m, d.organization_id, d.subscription_id, reason);
    if (!disabled) return;
    this.logger.warn(`Webhook subscription ${disabled.id} disabled (${reason})`);
    await this.audit.recordAs(m, d.organization_id, SYSTEM_ACTOR, {
      action: 'disable',
      objectType: 'webhook_subscription',
      objectId: disabled.id,
      before: { enabled: true, disabled_reason: null },
      after: { enabled: false, disabled_reason: reason },
      details: { url: disabled.url },
    });
    const why = reason === 'gone' ? 'the receiver answered 410 Gone' : `every delivery failed for ${this.env.WEBHOOK_DISABLE_AFTER_HOURS} hours`;
    const admins = await this.store.activeAdminIds(m, d.organization_id);
    await this.notifications.recordMany(
      m,
      d.organization_id,
      admins.map((a) => ({
        userId: a.id,
        kind: 'webhook_subscription.disabled',
        title: 'A webhook subscription was disabled',
        body: `Deliveries to ${disabled.url} stopped: ${why}. Fix the receiver, then enable the subscription again.`,
        link: `/webhooks/subscriptions/${disabled.id}`,
        data: { subscription_id: disabled.id, url: disabled.url, reason },
        dedupeKey: `webhook_subscription.disabled:${disabled.id}`,
        email: true,
      })),
    );
  }
}
