import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a webhook's timestamp may be from now, either way (Standard Webhooks). */
export const WEBHOOK_TOLERANCE_SECONDS = 5 * 60;
/** More signatures than this in one header are not looked at (each costs an HMAC per key). */
const MAX_SIGNATURES = 20;
const HMAC_BYTES = 32;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Why a webhook was refused; the message is safe to answer with (401). */
export class WebhookSignatureError extends Error {}

export interface SignedWebhook {
  /** The `webhook-id`, `webhook-timestamp` and `webhook-signature` headers as received. */
  id: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
  /** The raw body bytes, exactly as received. */
  body: Buffer;
}

/** The headers are present and the timestamp within tolerance (checked before any key is looked up). */
export function checkWebhookHeaders(webhook: SignedWebhook, nowSeconds = Math.floor(Date.now() / 1000)): { id: string; timestamp: string } {
  for (const [name, value] of [['webhook-id', webhook.id], ['webhook-timestamp', webhook.timestamp], ['webhook-signature', webhook.signature]] as const) {
    if (!value || value.trim() === '') throw new WebhookSignatureError(`Missing ${name} header`);
  }
  const timestamp = (webhook.timestamp as string).trim();
  if (!/^\d{1,12}$/.test(timestamp)) throw new WebhookSignatureError('webhook-timestamp must be a Unix time in seconds');
  const skew = nowSeconds - Number(timestamp);
  if (skew > WEBHOOK_TOLERANCE_SECONDS) throw new WebhookSignatureError('webhook-timestamp is more than 5 minutes old');
  if (skew < -WEBHOOK_TOLERANCE_SECONDS) throw new WebhookSignatureError('webhook-timestamp is more than 5 minutes in the future');
  return { id: webhook.id as string, timestamp };
}

/** The well-formed `v1,<base64 of 32 bytes>` entries of a webhook-signature header (at most MAX_SIGNATURES are looked at). */
export function signatureCandidates(header: string): Buffer[] {
  return header
    .split(' ')
    .filter((s) => s !== '')
    .slice(0, MAX_SIGNATURES)
    .flatMap((s) => {
      const comma = s.indexOf(',');
      const decoded = comma > 0 && s.slice(0, comma) === 'v1' && BASE64.test(s.slice(comma + 1)) ? Buffer.from(s.slice(comma + 1), 'base64') : null;
      return decoded && decoded.length === HMAC_BYTES ? [decoded] : [];
    });
}

/**
 * Verifies a Standard Webhooks signature: HMAC-SHA256 with one of `keys` over
 * `{webhook-id}.{webhook-timestamp}.{raw body}`, base64, sent as `v1,<base64>` in a
 * space-separated list of which any one may match. Compared in constant time
 * (crypto.timingSafeEqual on equal-length buffers). Returns the index of the key that matched.
 */
export function verifyWebhookSignature(webhook: SignedWebhook, keys: Buffer[], nowSeconds = Math.floor(Date.now() / 1000)): number {
  const { id, timestamp } = checkWebhookHeaders(webhook, nowSeconds);
  const signed = Buffer.concat([Buffer.from(`${id}.${timestamp}.`, 'utf8'), webhook.body]);
  const candidates = signatureCandidates(webhook.signature as string);
  for (const [index, key] of keys.entries()) {
    const expected = createHmac('sha256', key).update(signed).digest();
    // Every candidate is compared (no early exit on the first mismatch of a list).
    let matched = false;
    for (const candidate of candidates) matched = timingSafeEqual(candidate, expected) || matched;
    if (matched) return index;
  }
  throw new WebhookSignatureError('No valid webhook-signature for this integration\'s secret');
}
