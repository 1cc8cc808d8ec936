import { isoOrNull } from '@clockwork/server-core';
import type { WebhookDeliveryAttemptDto, WebhookDeliveryDto, WebhookSubscriptionDto } from '@clockwork/shared-dto';
import type { WebhookDelivery, WebhookDeliveryAttempt, WebhookSubscription } from '@clockwork/shared-entities';

/** The wire shape of a subscription (never its secret). */
export function toSubscriptionDto(s: WebhookSubscription): WebhookSubscriptionDto {
  return {
    id: s.id,
    url: s.url,
    events: s.events,
    description: s.description,
    enabled: s.enabled,
    disabled_reason: s.disabledReason,
    disabled_at: isoOrNull(s.disabledAt),
    previous_secret_expires_at: isoOrNull(s.previousSecretExpiresAt),
    failing_since: isoOrNull(s.failingSince),
    version: s.version,
    created_at: s.createdAt.toISOString(),
    updated_at: s.updatedAt.toISOString(),
  };
}

export const SUBSCRIPTION_CSV_COLUMNS: (keyof WebhookSubscriptionDto)[] = ['id', 'url', 'events', 'description', 'enabled', 'disabled_reason', 'disabled_at', 'failing_since', 'created_at', 'updated_at'];

export function toAttemptDto(a: WebhookDeliveryAttempt): WebhookDeliveryAttemptDto {
  return {
    attempt: a.attempt,
    status_code: a.statusCode,
    latency_ms: a.latencyMs,
    response_excerpt: a.responseExcerpt,
    error: a.error,
    succeeded: a.succeeded,
    created_at: a.createdAt.toISOString(),
  };
}

export function toDeliveryDto(d: WebhookDelivery, attempts: WebhookDeliveryAttempt[] = []): WebhookDeliveryDto {
  return {
    id: d.id,
    message_id: d.messageId,
    event_id: d.eventId,
    event_type: d.eventType,
    state: d.state,
    attempts: d.attempts,
    next_attempt_at: isoOrNull(d.nextAttemptAt),
    last_status_code: d.lastStatusCode,
    last_error: d.lastError,
    completed_at: isoOrNull(d.completedAt),
    attempt_log: attempts.map(toAttemptDto),
    created_at: d.createdAt.toISOString(),
    updated_at: d.updatedAt.toISOString(),
  };
}

export const DELIVERY_CSV_COLUMNS: (keyof WebhookDeliveryDto)[] = ['id', 'message_id', 'event_id', 'event_type', 'state', 'attempts', 'next_attempt_at', 'last_status_code', 'last_error', 'completed_at', 'created_at', 'updated_at'];
