import { Injectable, Logger } from '@nestjs/common';
import { AuditWriter, Env } from '@clockwork/server-core';
import { NotificationWriter } from '@clockwork/server-notifications';
import type { WebhookDeliveryJob } from '@clockwork/shared-jobs';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { ClaimedDelivery, DeliveryStore } from './delivery.store';
import { nextRetryDelay, parseRetryAfter, parseRetrySchedule } from './retry-schedule';
import { SecretBox } from './secret-box';
import { SendOutcome, sendWebhook } from './webhook.sender';
import { webhookHeaders } from './webhook-signature';

/** How long past the request timeout a claimed attempt stays reserved for its sender. */
const CLAIM_GRACE_SECONDS = 5;

export type AttemptResult = 'succeeded' | 'retrying' | 'failed' | 'skipped';

/**
 * One attempt of one delivery: claim it (lease), send it signed, log the attempt and move the
 * delivery on in one transaction: succeeded, retried per WEBHOOK_RETRY_SCHEDULE (Retry-After
 * honoured when longer), or failed. 410 Gone disables the subscription at once; a subscription
 * whose every attempt failed for WEBHOOK_DISABLE_AFTER_HOURS is disabled too; both are audited
 * and announced to the organization's admins.
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

  async attempt(job: WebhookDeliveryJob): Promise<AttemptResult> {
    const claimToken = randomUUID();
    const leaseSeconds = Math.ceil(this.env.WEBHOOK_TIMEOUT_MS / 1000) + CLAIM_GRACE_SECONDS;
    const delivery = await this.store.claim(job.organizationId, job.deliveryId, job.attempt, job.leaseToken, claimToken, leaseSeconds);
    if (!delivery) return 'skipped';
    if (!delivery.enabled) {
      await this.store.transaction((m) => this.store.advance(m, delivery, claimToken, { state: 'failed', delayMs: null, statusCode: null, error: 'the subscription is disabled', attempted: false }));
      return 'skipped';
    }
    const outcome = await this.send(delivery);
    return this.store.transaction((m) => this.record(m, delivery, job.attempt, claimToken, outcome));
  }

  private async send(d: ClaimedDelivery): Promise<SendOutcome> {
    let secrets: string[];
    try {
      secrets = this.secrets.signingSecrets(d);
    } catch (e) {
      return { statusCode: null, latencyMs: 0, responseExcerpt: null, error: `cannot sign: ${(e as Error).message}`, retryAfter: undefined };
    }
    const timestamp = Math.floor(Date.now() / 1000);
    return sendWebhook(d.url, webhookHeaders(secrets, d.message_id, timestamp, d.body), d.body, {
      timeoutMs: this.env.WEBHOOK_TIMEOUT_MS,
      allowPrivate: this.env.WEBHOOK_ALLOW_PRIVATE_TARGETS,
    });
  }

  private async record(m: EntityManager, d: ClaimedDelivery, attempt: number, claimToken: string, outcome: SendOutcome): Promise<AttemptResult> {
    const ok = outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300;
    const excerpt = outcome.responseExcerpt?.replaceAll('\u0000', '') ?? null;
    const error = ok ? null : (outcome.error ?? `HTTP ${outcome.statusCode}`);
    await this.store.insertAttempt(m, d.organization_id, d.id, { attempt, statusCode: outcome.statusCode, latencyMs: outcome.latencyMs, responseExcerpt: excerpt, error, succeeded: ok });
    if (ok) {
      await this.store.advance(m, d, claimToken, { state: 'succeeded', delayMs: null, statusCode: outcome.statusCode, error: null, attempted: true });
      await this.store.markSucceeded(m, d.organization_id, d.subscription_id);
      return 'succeeded';
    }
    const gone = outcome.statusCode === 410;
    const delay = gone ? null : nextRetryDelay(this.schedule, d.round_attempts + 1, parseRetryAfter(outcome.retryAfter));
    await this.store.advance(m, d, claimToken, { state: delay === null ? 'failed' : 'pending', delayMs: delay, statusCode: outcome.statusCode, error, attempted: true });
    const overdue = await this.store.markFailing(m, d.organization_id, d.subscription_id, this.env.WEBHOOK_DISABLE_AFTER_HOURS);
    if (gone) await this.disable(m, d, 'gone');
    else if (overdue) await this.disable(m, d, 'failing');
    return delay === null ? 'failed' : 'retrying';
  }

  /** Disables the subscription, audits it and notifies every active admin of the organization. */
  private async disable(m: EntityManager, d: ClaimedDelivery, reason: 'gone' | 'failing'): Promise<void> {
    const disabled = await this.store.disable(m, d.organization_id, d.subscription_id, reason);
    if (!disabled) return;
    this.logger.warn(`Webhook subscription ${disabled.id} disabled (${reason})`);
    await this.audit.record(m, {
      organizationId: d.organization_id,
      actor: { type: 'system', id: null },
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
