import type { IntegrationDto } from '@clockwork/shared-dto';
import type { Integration } from '@clockwork/shared-entities';

/** Where the productivity platform posts this integration's signed events. */
export const webhookUrlOf = (id: string) => `/api/v1/webhooks/crm-event/${id}`;

/** The wire shape of an integration: never its secrets. */
export function toIntegrationDto(i: Integration): IntegrationDto {
  return {
    id: i.id,
    provider: i.provider,
    name: i.name,
    base_url: i.baseUrl,
    enabled: i.enabled,
    webhook_url: webhookUrlOf(i.id),
    previous_secret_expires_at: i.previousSecretExpiresAt ? i.previousSecretExpiresAt.toISOString() : null,
    last_event_at: i.lastEventAt ? i.lastEventAt.toISOString() : null,
    version: i.version,
    created_at: i.createdAt.toISOString(),
    updated_at: i.updatedAt.toISOString(),
  };
}

/** What the audit log keeps of an integration (its secrets never). */
export const auditSnapshot = (i: Integration) => ({ provider: i.provider, name: i.name, base_url: i.baseUrl, enabled: i.enabled });

export const INTEGRATION_CSV_COLUMNS: (keyof IntegrationDto)[] = ['id', 'provider', 'name', 'base_url', 'enabled', 'webhook_url', 'previous_secret_expires_at', 'last_event_at', 'created_at', 'updated_at'];
