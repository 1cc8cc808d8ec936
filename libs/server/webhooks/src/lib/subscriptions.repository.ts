import { Injectable } from '@nestjs/common';
import { TenantRepository } from '@clockwork/server-core';
import type { PageQueryDto, WebhookSubscriptionDto } from '@clockwork/shared-dto';
import { WebhookSubscription } from '@clockwork/shared-entities';
import { EntityManager } from 'typeorm';

/** The ciphertext columns a read never selects unless asked for. */
export interface SubscriptionSecrets {
  secret: string;
  previous_secret: string | null;
}

@Injectable()
export class SubscriptionsRepository extends TenantRepository<WebhookSubscription> {
  constructor() {
    super(WebhookSubscription, 'Webhook subscription');
  }

  listPage(query: PageQueryDto, map: (s: WebhookSubscription) => WebhookSubscriptionDto) {
    return this.page('s', query, map);
  }

  async secretsOf(manager: EntityManager, id: string): Promise<SubscriptionSecrets> {
    const [row] = await manager.query(`SELECT secret, previous_secret FROM webhook_subscriptions WHERE organization_id = $1 AND id = $2`, [this.organizationId, id]);
    return row as SubscriptionSecrets;
  }
}
