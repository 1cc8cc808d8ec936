import { BadRequestException, Injectable, UnauthorizedException } from '@nestjs/common';
import { InboundMailPrecheck } from '@clockwork/server-core';
import { checkWebhookHeaders, signatureCandidates, WebhookSignatureError } from '@clockwork/server-integrations';
import type { IncomingMessage } from 'node:http';
import { EmailInboxService, INBOX_TOKEN } from './email-inbox.service';

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * Before the (up to 8 MB) body of `POST /email-log/inbound/{token}` is read: the token is well
 * formed (400 naming `token`), the three signature headers are there with a fresh timestamp and
 * a well-formed `v1,` signature, and the token is a known inbound address (401 otherwise). The
 * signature itself needs the body: the service verifies it after.
 */
@Injectable()
export class InboundMailBodyPrecheck extends InboundMailPrecheck {
  constructor(private readonly inbox: EmailInboxService) {
    super();
  }

  async check(req: IncomingMessage, path: string): Promise<void> {
    const segments = path.split('/').filter(Boolean);
    if (segments.length !== 1) return; // not the route: Nest answers it (404)
    const token = decodeURIComponent(segments[0]);
    if (!INBOX_TOKEN.test(token)) {
      const message = 'token must be the 16 lower-case letters and digits of an inbound address';
      throw new BadRequestException({ message: `Validation failed: ${message}`, details: [{ field: 'token', errors: [message] }] });
    }
    try {
      const webhook = { id: header(req, 'webhook-id'), timestamp: header(req, 'webhook-timestamp'), signature: header(req, 'webhook-signature'), body: Buffer.alloc(0) };
      checkWebhookHeaders(webhook);
      if (signatureCandidates(webhook.signature as string).length === 0) throw new WebhookSignatureError('webhook-signature has no v1,<base64 HMAC-SHA256> entry');
      if (!(await this.inbox.findByToken(token))) throw new WebhookSignatureError('Unknown inbound address');
    } catch (e) {
      if (e instanceof WebhookSignatureError) throw new UnauthorizedException(e.message);
      throw e;
    }
  }
}
