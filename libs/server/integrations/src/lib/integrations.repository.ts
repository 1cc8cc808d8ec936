import { Injectable } from '@nestjs/common';
import { byCreation, TenantRepository } from '@clockwork/server-core';
import type { IntegrationDto, IntegrationQueryDto } from '@clockwork/shared-dto';
import { Integration } from '@clockwork/shared-entities';
import { EntityManager } from 'typeorm';

/** The encrypted secrets of an integration (not selected by default). */
export interface StoredSecrets {
  signingSecret: string;
  previousSigningSecret: string | null;
  previousSecretExpiresAt: Date | null;
}

/** What the webhook route needs to know about the integration named in its URL. */
export interface WebhookTarget extends StoredSecrets {
  organizationId: string;
  id: string;
  enabled: boolean;
}

@Injectable()
export class IntegrationsRepository extends TenantRepository<Integration> {
  constructor() {
    super(Integration, 'Integration');
  }

  listPage(query: IntegrationQueryDto, map: (i: Integration) => IntegrationDto) {
    return this.page('i', query, map, { order: byCreation('asc') });
  }

  /** The encrypted secrets of an integration of the caller's organization. */
  async secretsOf(manager: EntityManager, id: string): Promise<StoredSecrets> {
    const [row] = await manager.query(
      `SELECT signing_secret, previous_signing_secret, previous_secret_expires_at FROM integrations WHERE organization_id = $1 AND id = $2`,
      [this.organizationId, id],
    );
    return { signingSecret: row.signing_secret, previousSigningSecret: row.previous_signing_secret, previousSecretExpiresAt: row.previous_secret_expires_at };
  }

  /**
   * The integration a webhook URL names, whatever its organization: the sender is not signed in,
   * its signature (checked with these secrets) is what identifies it.
   */
  async findWebhookTarget(id: string): Promise<WebhookTarget | null> {
    const [row] = await this.dataSource.query(
      `SELECT organization_id, id, enabled, signing_secret, previous_signing_secret, previous_secret_expires_at FROM integrations WHERE id = $1`,
      [id],
    );
    if (!row) return null;
    return {
      organizationId: row.organization_id,
      id: row.id,
      enabled: row.enabled,
      signingSecret: row.signing_secret,
      previousSigningSecret: row.previous_signing_secret,
      previousSecretExpiresAt: row.previous_secret_expires_at,
    };
  }

  async touchLastEvent(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`UPDATE integrations SET last_event_at = now() WHERE organization_id = $1 AND id = $2`, [this.organizationId, id]);
  }
}
