import { Webhook } from 'standardwebhooks';
import { newWebhookSecret, webhookHeaders } from './outbound-signature.builder';

describe('webhook signatures', () => {
  const body = JSON.stringify({ id: 'e1', type: 'task.created', data: { title: 'Ünïcode' } });
  const now = Math.floor(Date.now() / 1000);

  it('makes whsec_ secrets of 32 random bytes', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(newWebhookSecret()).not.toBe(secret);
  });

  it('signs so that the standardwebhooks library verifies, with either secret during an overlap', () => {
    const [current, previous] = [newWebhookSecret(), newWebhookSecret()];
    const headers = webhookHeaders([current, previous], 'msg_1', now, body);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(new Webhook(current).verify(body, headers)).toMatchObject({ type: 'task.created' });
    expect(new Webhook(previous).verify(body, headers)).toMatchObject({ type: 'task.created' });
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow();
    expect(() => new Webhook(current).verify(`${body} `, headers)).toThrow();
  });
});
