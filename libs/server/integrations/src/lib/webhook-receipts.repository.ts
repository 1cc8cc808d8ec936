import { Injectable } from '@nestjs/common';
import { RequestContext } from '@clockwork/server-core';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';

/** One row per processed `webhook-id` of an integration: the dedupe of redelivered webhooks. */
@Injectable()
export class WebhookReceiptsRepository {
  constructor(private readonly context: RequestContext) {}

  /**
   * Records the receipt in the caller's transaction; false when this webhook-id was processed
   * already. A concurrent delivery of the same id waits here until the first one commits (then
   * false) or rolls back (then true), so an event is processed once.
   */
  async claim(manager: EntityManager, integrationId: string, webhookId: string, type: string): Promise<boolean> {
    const rows = await manager.query(
      `INSERT INTO webhook_receipts (organization_id, id, integration_id, webhook_id, type) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (organization_id, integration_id, webhook_id) DO NOTHING RETURNING id`,
      [this.context.organizationId, uuidv7(), integrationId, webhookId, type],
    );
    return rows.length === 1;
  }
}
