import { Injectable, ParseUUIDPipe, UnauthorizedException } from '@nestjs/common';
import { SignedWebhookPrecheck } from '@clockwork/server-core';
import type { IncomingMessage } from 'node:http';
import { IntegrationsRepository } from './integrations.repository';
import { checkWebhookHeaders, signatureCandidates, WebhookSignatureError } from './inbound-signature.validator';

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * Before the (up to 8 MB) body of `POST /webhooks/crm-event/{integration_id}` is read: the id is
 * a UUID (400, as the route's own pipe says), the three signature headers are there with a fresh
 * timestamp and at least one well-formed `v1,` signature, and the integration exists and is
 * enabled (401 otherwise, with the receiver's messages). The signature itself needs the body:
 * the receiver verifies it after.
 */
@Injectable()
export class CrmEventPrecheck extends SignedWebhookPrecheck {
  private readonly uuid = new ParseUUIDPipe();

  constructor(private readonly integrations: IntegrationsRepository) {
    super();
  }

  async check(req: IncomingMessage, path: string): Promise<void> {
    const segments = path.split('/').filter(Boolean);
    if (segments.length !== 1) return; // not the route: Nest answers it (404)
    const integrationId = await this.uuid.transform(decodeURIComponent(segments[0]), { type: 'param', data: 'integration_id' });
    try {
      const webhook = { id: header(req, 'webhook-id'), timestamp: header(req, 'webhook-timestamp'), signature: header(req, 'webhook-signature'), body: Buffer.alloc(0) };
      checkWebhookHeaders(webhook);
      if (signatureCandidates(webhook.signature as string).length === 0) throw new WebhookSignatureError('webhook-signature has no v1,<base64 HMAC-SHA256> entry');
      const target = await this.integrations.findWebhookTarget(integrationId);
      if (!target || !target.enabled) throw new WebhookSignatureError('Unknown or disabled integration');
    } catch (e) {
      if (e instanceof WebhookSignatureError) throw new UnauthorizedException(e.message);
      throw e;
    }
  }
}
