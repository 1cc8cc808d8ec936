import { Injectable, UnauthorizedException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { FieldCipher, Principal, RequestContext } from '@clockwork/server-core';
import type { CrmEventReceiptDto } from '@clockwork/shared-dto';
import { DataSource } from 'typeorm';
import { CrmEventHandlers } from './crm-event.handler';
import { parseCrmEvent } from './crm-event.parser';
import { IntegrationsRepository, WebhookTarget } from './integrations.repository';
import { secretAad } from './integrations.service';
import { signingKeyOf } from './signing-secret.util';
import { WebhookReceiptsRepository } from './webhook-receipts.repository';
import { checkWebhookHeaders, SignedWebhook, verifyWebhookSignature, WebhookSignatureError } from './inbound-signature.validator';

const UNKNOWN = 'Unknown or disabled integration';

/**
 * `POST /webhooks/crm-event/{integration_id}`: verifies the Standard Webhooks signature over the
 * raw body with the integration's secret (or, within its grace period, the previous one), then
 * processes the event in the integration's organization, acting as the integration. The receipt
 * of the webhook-id and the event's writes commit together, so a redelivery is processed once
 * and a refused or failed event leaves nothing behind.
 */
@Injectable()
export class CrmEventReceiver {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly integrations: IntegrationsRepository,
    private readonly receipts: WebhookReceiptsRepository,
    private readonly handlers: CrmEventHandlers,
    private readonly cipher: FieldCipher,
    private readonly context: RequestContext,
  ) {}

  async receive(integrationId: string, webhook: SignedWebhook): Promise<CrmEventReceiptDto> {
    const target = await this.authenticate(integrationId, webhook);
    const event = parseCrmEvent(webhook.body);
    const principal: Principal = { kind: 'integration', id: target.id, organizationId: target.organizationId, role: 'manager' };
    return this.context.runAs(principal, () =>
      this.dataSource.transaction(async (manager) => {
        if (!(await this.receipts.claim(manager, target.id, webhook.id as string, event.type))) return { status: 'duplicate', type: event.type };
        const result = await this.handlers.handle(manager, event);
        await this.integrations.touchLastEvent(manager, target.id);
        return { status: 'processed', type: event.type, result };
      }),
    );
  }

  /**
   * 401 unless the headers are complete, the timestamp fresh and a signature made with a valid
   * secret of an enabled integration. (A secret that no longer decrypts is the server's fault:
   * a 500, which the sender retries, rather than a refusal.)
   */
  private async authenticate(integrationId: string, webhook: SignedWebhook): Promise<WebhookTarget> {
    try {
      checkWebhookHeaders(webhook);
      const target = await this.integrations.findWebhookTarget(integrationId);
      if (!target || !target.enabled) throw new WebhookSignatureError(UNKNOWN);
      verifyWebhookSignature(webhook, this.keysOf(target));
      return target;
    } catch (e) {
      if (e instanceof WebhookSignatureError) throw new UnauthorizedException(e.message);
      throw e;
    }
  }

  /** The current secret's key, and the previous one's while its grace period lasts. */
  private keysOf(target: WebhookTarget): Buffer[] {
    const key = (ciphertext: string, column: 'signing_secret' | 'previous_signing_secret') => signingKeyOf(this.cipher.decrypt(ciphertext, secretAad(target.organizationId, target.id, column)));
    const keys = [key(target.signingSecret, 'signing_secret')];
    if (target.previousSigningSecret && target.previousSecretExpiresAt && target.previousSecretExpiresAt.getTime() > Date.now()) {
      keys.push(key(target.previousSigningSecret, 'previous_signing_secret'));
    }
    return keys;
  }
}
