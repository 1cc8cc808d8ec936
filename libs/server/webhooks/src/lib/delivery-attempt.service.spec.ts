import { AuditWriter, FieldCipher, loadEnv } from '@clockwork/server-core';
import { newTestService } from '@clockwork/server-core/testing';
import { NotificationWriter } from '@clockwork/server-notifications';
import { randomBytes } from 'node:crypto';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { DeliveryAttemptService } from './delivery-attempt.service';
import { AdvanceStep, AttemptRecord, ClaimedDelivery, DeliveryStore } from './delivery.store';
import { SecretBox } from './secret-box.cipher';

/**
 * DeliveryAttemptService through attempt(): real signing and real HTTP to a receiver on
 * 127.0.0.1; the store (claims and records) is a mock whose calls say what was recorded.
 */
const ENV = { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true', WEBHOOK_RETRY_SCHEDULE: '10s,1m', WEBHOOK_DISABLE_AFTER_HOURS: '72', WEBHOOK_TIMEOUT_MS: '2000' };
const ORG = 'o1';
const newSecret = () => `whsec_${randomBytes(24).toString('base64')}`;

interface Got {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A receiver that answers the n-th request as told and keeps every request. */
class Receiver {
  readonly got: Got[] = [];
  answer: (n: number) => { status: number; headers?: Record<string, string>; body?: string } = () => ({ status: 200, body: 'ok' });
  private constructor(readonly server: Server) {}

  static async start(): Promise<Receiver> {
    const server = createServer();
    const receiver = new Receiver(server);
    server.on('request', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        receiver.got.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        const a = receiver.answer(receiver.got.length);
        res.writeHead(a.status, a.headers).end(a.body ?? '');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

let receiver: Receiver;
beforeEach(async () => (receiver = await Receiver.start()));
afterEach(() => receiver.close());

function setup(env: Record<string, string> = {}) {
  const box = new SecretBox(new FieldCipher(loadEnv({ NODE_ENV: 'test' })));
  const t = newTestService(DeliveryAttemptService, { env: { ...ENV, ...env }, provide: [[SecretBox, box]] });
  const store = t.mock(DeliveryStore);
  store.markFailing.mockResolvedValue([]);
  store.disable.mockImplementation(async (_m, _o, id) => ({ id, url: receiver.url }));
  store.activeAdminIds.mockResolvedValue([{ id: 'admin-1' }, { id: 'admin-2' }]);
  const secret = newSecret();
  const delivery = (over: Partial<ClaimedDelivery> = {}): ClaimedDelivery => {
    const id = over.id ?? 'dl1';
    const subscription = over.subscription_id ?? 's1';
    return {
      organization_id: ORG,
      id,
      subscription_id: subscription,
      message_id: `msg_${id}`,
      body: JSON.stringify({ type: 'account.created', data: { id: 'a1' } }),
      attempts: 0,
      round_attempts: 0,
      url: receiver.url,
      enabled: true,
      secret: box.seal(ORG, subscription, 'secret', secret),
      previous_secret: null,
      previous_secret_expires_at: null,
      ...over,
    };
  };
  /** Claims exactly these deliveries for the job. */
  const attempt = (claimed: ClaimedDelivery[], pointers = claimed.length) => {
    store.claim.mockResolvedValue(claimed);
    return t.sut.attempt({ organizationId: ORG, leaseToken: 'lease-1', deliveries: Array.from({ length: pointers }, (_, i) => ({ deliveryId: claimed[i]?.id ?? `gone-${i}`, attempt: 1 })) });
  };
  /** What the (single) record statement wrote. */
  const recorded = (call = 0) => store.recordAttempts.mock.calls[call][3] as { attempts: AttemptRecord[]; steps: AdvanceStep[]; succeeded: string[] };
  return { ...t, box, store, secret, delivery, attempt, recorded, audit: t.mock(AuditWriter), notifications: t.mock(NotificationWriter) };
}

describe('DeliveryAttemptService.attempt', () => {
  it('sends the body signed with the subscription secret and records a success without a transaction', async () => {
    const { attempt, delivery, recorded, store, secret, manager } = setup();
    const d = delivery({ attempts: 2 });
    await expect(attempt([d])).resolves.toEqual({ succeeded: 1, retrying: 0, failed: 0, skipped: 0 });

    expect(receiver.got).toHaveLength(1);
    const [got] = receiver.got;
    expect(got.body).toBe(d.body);
    expect(got.headers['webhook-id']).toBe('msg_dl1');
    expect(() => new Webhook(secret).verify(got.body, got.headers as Record<string, string>)).not.toThrow();
    expect(store.transaction).not.toHaveBeenCalled();
    expect(store.recordAttempts.mock.calls[0][0]).toBe(manager);
    expect(recorded().attempts).toEqual([expect.objectContaining({ deliveryId: 'dl1', attempt: 3, statusCode: 200, responseExcerpt: 'ok', error: null, succeeded: true })]);
    expect(recorded().steps).toEqual([{ deliveryId: 'dl1', state: 'succeeded', delayMs: null, statusCode: 200, error: null, attempted: true }]);
    expect(recorded().succeeded).toEqual(['s1']);
    // The claim lease covers the request timeout plus a grace period.
    expect(store.claim.mock.calls[0][4]).toBe(2 + 5);
  });

  it('retries a failure after the scheduled delay (±10 %), and the subscription starts a failure streak', async () => {
    const { attempt, delivery, recorded, store } = setup();
    receiver.answer = () => ({ status: 500, body: 'boom' });
    await expect(attempt([delivery()])).resolves.toMatchObject({ retrying: 1, failed: 0 });
    const [step] = recorded().steps;
    expect(step).toMatchObject({ state: 'pending', statusCode: 500, error: 'HTTP 500', attempted: true });
    expect(step.delayMs).toBeGreaterThanOrEqual(9000);
    expect(step.delayMs).toBeLessThanOrEqual(11000);
    expect(recorded().attempts[0]).toMatchObject({ succeeded: false, responseExcerpt: 'boom' });
    expect(store.transaction).toHaveBeenCalledTimes(1);
    expect(store.markFailing).toHaveBeenCalledWith(expect.anything(), ORG, ['s1'], 72);
    expect(store.disable).not.toHaveBeenCalled();
  });

  it('follows the schedule by the attempts of the round, and fails the delivery when it is spent', async () => {
    const second = setup();
    receiver.answer = () => ({ status: 502 });
    await second.attempt([second.delivery({ round_attempts: 1, attempts: 1 })]);
    expect(second.recorded().steps[0].delayMs).toBeGreaterThanOrEqual(54_000);
    expect(second.recorded().steps[0].delayMs).toBeLessThanOrEqual(66_000);

    const spent = setup();
    await expect(spent.attempt([spent.delivery({ round_attempts: 2, attempts: 2 })])).resolves.toMatchObject({ failed: 1, retrying: 0 });
    expect(spent.recorded().steps[0]).toMatchObject({ state: 'failed', delayMs: null, statusCode: 502 });
  });

  it('honours a Retry-After longer than the schedule, not a shorter one', async () => {
    const longer = setup();
    receiver.answer = () => ({ status: 429, headers: { 'Retry-After': '120' } });
    await longer.attempt([longer.delivery()]);
    expect(longer.recorded().steps[0]).toMatchObject({ state: 'pending', delayMs: 120_000 });

    const shorter = setup();
    receiver.answer = () => ({ status: 503, headers: { 'Retry-After': '1' } });
    await shorter.attempt([shorter.delivery()]);
    expect(shorter.recorded().steps[0].delayMs).toBeGreaterThanOrEqual(9000);
  });

  it('disables the subscription at once on 410 Gone: audited, and every active admin notified by email', async () => {
    const { attempt, delivery, recorded, store, audit, notifications } = setup();
    receiver.answer = () => ({ status: 410 });
    await expect(attempt([delivery({ round_attempts: 0 })])).resolves.toMatchObject({ failed: 1, retrying: 0 });
    expect(recorded().steps[0]).toMatchObject({ state: 'failed', delayMs: null, statusCode: 410 });
    expect(store.disable).toHaveBeenCalledWith(expect.anything(), ORG, 's1', 'gone');
    expect(audit.recordAs.mock.calls[0].slice(1, 3)).toEqual([ORG, { type: 'system', id: null }]);
    expect(audit.recordAs.mock.calls[0][3]).toMatchObject({ action: 'disable', objectType: 'webhook_subscription', objectId: 's1', after: { enabled: false, disabled_reason: 'gone' } });
    const [, org, notices] = notifications.recordMany.mock.calls[0];
    expect(org).toBe(ORG);
    expect(notices.map((n) => n.userId)).toEqual(['admin-1', 'admin-2']);
    expect(notices[0]).toMatchObject({ kind: 'webhook_subscription.disabled', email: true, link: '/webhooks/subscriptions/s1', dedupeKey: 'webhook_subscription.disabled:s1' });
    expect(notices[0].body).toContain('410 Gone');
  });

  it('disables a subscription whose failure streak reached WEBHOOK_DISABLE_AFTER_HOURS, once for all its deliveries', async () => {
    const { attempt, delivery, store, notifications } = setup({ WEBHOOK_DISABLE_AFTER_HOURS: '24' });
    receiver.answer = () => ({ status: 500 });
    store.markFailing.mockResolvedValue(['s1']);
    await attempt([delivery({ id: 'dl1' }), delivery({ id: 'dl2' })]);
    expect(store.markFailing).toHaveBeenCalledWith(expect.anything(), ORG, ['s1'], 24);
    expect(store.disable).toHaveBeenCalledTimes(1);
    expect(store.disable).toHaveBeenCalledWith(expect.anything(), ORG, 's1', 'failing');
    expect(notifications.recordMany.mock.calls[0][2][0].body).toContain('every delivery failed for 24 hours');
  });

  it('does not disable or start a streak for a subscription that also answered 2xx in the job', async () => {
    const { attempt, delivery, recorded, store } = setup();
    receiver.answer = (n) => (n === 1 ? { status: 200 } : { status: 500 });
    await expect(attempt([delivery({ id: 'dl1' }), delivery({ id: 'dl2' })])).resolves.toMatchObject({ succeeded: 1, retrying: 1 });
    expect(recorded().succeeded).toEqual(['s1']);
    // The subscription answered: its streak ends (with the record), none starts, nothing is disabled.
    expect(store.transaction).not.toHaveBeenCalled();
    expect(store.markFailing).not.toHaveBeenCalled();
    expect(store.disable).not.toHaveBeenCalled();
  });

  it('sends nothing for a disabled subscription or a delivery claimed elsewhere, and counts them skipped', async () => {
    const { attempt, delivery, recorded } = setup();
    await expect(attempt([delivery({ enabled: false })], 3)).resolves.toEqual({ succeeded: 0, retrying: 0, failed: 0, skipped: 3 });
    expect(receiver.got).toHaveLength(0);
    expect(recorded().attempts).toEqual([]);
    expect(recorded().steps).toEqual([{ deliveryId: 'dl1', state: 'failed', delayMs: null, statusCode: null, error: 'the subscription is disabled', attempted: false }]);
  });

  it('records nothing when no delivery could be claimed', async () => {
    const { attempt, store } = setup();
    await expect(attempt([], 2)).resolves.toEqual({ succeeded: 0, retrying: 0, failed: 0, skipped: 2 });
    expect(store.recordAttempts).not.toHaveBeenCalled();
  });

  it('signs with the previous secret too during the rotation overlap, and not after it', async () => {
    const { attempt, delivery, box, secret } = setup();
    const old = newSecret();
    const sealedOld = box.seal(ORG, 's1', 'previous_secret', old);
    await attempt([delivery({ id: 'dl1', previous_secret: sealedOld, previous_secret_expires_at: new Date(Date.now() + 3_600_000) })]);
    await attempt([delivery({ id: 'dl2', previous_secret: sealedOld, previous_secret_expires_at: new Date(Date.now() - 1000) })]);
    const [during, after] = receiver.got;
    const verifies = (s: string, got: Got) => {
      try {
        new Webhook(s).verify(got.body, got.headers as Record<string, string>);
        return true;
      } catch {
        return false;
      }
    };
    expect(String(during.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect([verifies(secret, during), verifies(old, during)]).toEqual([true, true]);
    expect(String(after.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect([verifies(secret, after), verifies(old, after)]).toEqual([true, false]);
  });

  it('sends nothing it cannot sign (a secret that does not decrypt) and retries it', async () => {
    const { attempt, delivery, recorded } = setup();
    await expect(attempt([delivery({ secret: 'not-a-ciphertext' })])).resolves.toMatchObject({ retrying: 1 });
    expect(receiver.got).toHaveLength(0);
    expect(recorded().attempts[0]).toMatchObject({ statusCode: null, succeeded: false });
    expect(recorded().attempts[0].error).toMatch(/^cannot sign: /);
  });

  it('refuses a private target unless WEBHOOK_ALLOW_PRIVATE_TARGETS, and retries an unreachable one', async () => {
    const strict = setup({ WEBHOOK_ALLOW_PRIVATE_TARGETS: 'false' });
    await strict.attempt([strict.delivery()]);
    expect(receiver.got).toHaveLength(0);
    expect(strict.recorded().attempts[0].error).toBe('127.0.0.1 is not a public address');

    const refused = setup();
    const closed = await Receiver.start();
    const url = closed.url;
    await closed.close();
    await expect(refused.attempt([refused.delivery({ url })])).resolves.toMatchObject({ retrying: 1 });
    expect(refused.recorded().attempts[0]).toMatchObject({ statusCode: null, succeeded: false, error: expect.stringMatching(/ECONNREFUSED/) });
  });

  it('records each delivery on its own when the record of the batch fails, and says how many could not be recorded', async () => {
    const ok = setup();
    ok.store.recordAttempts.mockRejectedValueOnce(new Error('deadlock detected'));
    await expect(ok.attempt([ok.delivery({ id: 'dl1' }), ok.delivery({ id: 'dl2' })])).resolves.toMatchObject({ succeeded: 2 });
    expect(ok.store.recordAttempts).toHaveBeenCalledTimes(3);
    expect([1, 2].map((i) => ok.recorded(i).steps.map((s) => s.deliveryId))).toEqual([['dl1'], ['dl2']]);

    const bad = setup();
    bad.store.recordAttempts.mockRejectedValueOnce(new Error('deadlock detected')).mockResolvedValueOnce(1).mockRejectedValueOnce(new Error('row gone'));
    await expect(bad.attempt([bad.delivery({ id: 'dl1' }), bad.delivery({ id: 'dl2' })])).rejects.toThrow('1 of 2 webhook attempts could not be recorded; first: row gone');

    const single = setup();
    single.store.recordAttempts.mockRejectedValueOnce(new Error('deadlock detected'));
    await expect(single.attempt([single.delivery()])).rejects.toThrow('deadlock detected');
    expect(single.store.recordAttempts).toHaveBeenCalledTimes(1);
  });
});
