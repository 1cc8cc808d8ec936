import { Webhook } from 'standardwebhooks';
import { newSigningSecret, signingKeyOf } from './signing-secret.util';
import { verifyWebhookSignature, WebhookSignatureError } from './inbound-signature.validator';

describe('verifyWebhookSignature (Standard Webhooks)', () => {
  const secret = newSigningSecret();
  const other = newSigningSecret();
  const body = JSON.stringify({ type: 'time_entry.created', data: { external_id: 'e-1', note: 'Zürich ☕' } });
  const now = 1_760_000_000;
  const at = (seconds: number) => new Date(seconds * 1000);
  const signed = (msgId: string, seconds: number, payload = body, by = secret) => ({
    id: msgId,
    timestamp: String(seconds),
    signature: new Webhook(by).sign(msgId, at(seconds), payload),
    body: Buffer.from(payload, 'utf8'),
  });
  const refusal = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(WebhookSignatureError);
      return (e as Error).message;
    }
    throw new Error('expected a refusal');
  };

  it('makes secrets the reference library accepts: whsec_ + base64 of 32 bytes', () => {
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(signingKeyOf(secret)).toHaveLength(32);
    expect(secret).not.toBe(other);
  });

  it('accepts what the reference library signs, over the raw UTF-8 bytes', () => {
    expect(verifyWebhookSignature(signed('msg_1', now), [signingKeyOf(secret)], now)).toBe(0);
  });

  it('agrees with the reference verifier on the same message', () => {
    const msg = signed('msg_2', Math.floor(Date.now() / 1000));
    const headers = { 'webhook-id': msg.id, 'webhook-timestamp': msg.timestamp, 'webhook-signature': msg.signature };
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(verifyWebhookSignature(msg, [signingKeyOf(secret)])).toBe(0);
  });

  it('refuses a tampered body, another id, another timestamp or another secret', () => {
    const msg = signed('msg_3', now);
    const key = [signingKeyOf(secret)];
    expect(refusal(() => verifyWebhookSignature({ ...msg, body: Buffer.from(body.replace('e-1', 'e-2')) }, key, now))).toMatch(/No valid webhook-signature/);
    expect(refusal(() => verifyWebhookSignature({ ...msg, id: 'msg_4' }, key, now))).toMatch(/No valid/);
    expect(refusal(() => verifyWebhookSignature({ ...msg, timestamp: String(now - 1) }, key, now))).toMatch(/No valid/);
    expect(refusal(() => verifyWebhookSignature(msg, [signingKeyOf(other)], now))).toMatch(/No valid/);
  });

  it('accepts a list where any one signature matches, and says which key matched', () => {
    const msg = signed('msg_5', now);
    const wrong = new Webhook(other).sign('msg_5', at(now), body);
    const list = `v2,${wrong.slice(3)} ${wrong} garbage v1,not*base64 ${msg.signature}`;
    expect(verifyWebhookSignature({ ...msg, signature: list }, [signingKeyOf(secret)], now)).toBe(0);
    expect(verifyWebhookSignature(msg, [signingKeyOf(other), signingKeyOf(secret)], now)).toBe(1);
    expect(refusal(() => verifyWebhookSignature({ ...msg, signature: `v1,${msg.signature.slice(3, 20)}` }, [signingKeyOf(secret)], now))).toMatch(/No valid/);
  });

  it('keeps a 5-minute tolerance both ways', () => {
    const key = [signingKeyOf(secret)];
    expect(verifyWebhookSignature(signed('a', now - 300), key, now)).toBe(0);
    expect(verifyWebhookSignature(signed('b', now + 300), key, now)).toBe(0);
    expect(refusal(() => verifyWebhookSignature(signed('c', now - 301), key, now))).toMatch(/more than 5 minutes old/);
    expect(refusal(() => verifyWebhookSignature(signed('d', now + 301), key, now))).toMatch(/more than 5 minutes in the future/);
    expect(refusal(() => verifyWebhookSignature({ ...signed('e', now), timestamp: `${now}abc` }, key, now))).toMatch(/Unix time/);
  });

  it('names each missing header', () => {
    const msg = signed('msg_6', now);
    const key = [signingKeyOf(secret)];
    expect(refusal(() => verifyWebhookSignature({ ...msg, id: undefined }, key, now))).toBe('Missing webhook-id header');
    expect(refusal(() => verifyWebhookSignature({ ...msg, timestamp: '' }, key, now))).toBe('Missing webhook-timestamp header');
    expect(refusal(() => verifyWebhookSignature({ ...msg, signature: undefined }, key, now))).toBe('Missing webhook-signature header');
  });
});
