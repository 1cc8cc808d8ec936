import type { WebhookDeliveryDto } from '@clockwork/shared-dto';
import { DataSource } from 'typeorm';
import { waitFor } from '../support/wait-for';
import { verifies, WebhookReceiver } from '../support/webhook-receiver';
import { WebhookStack } from '../support/webhook-stack';

/**
 * Outbound webhooks end to end: a record written through the api becomes an outbox event, the
 * worker fans it out into deliveries and sends them, signed per Standard Webhooks, to a real
 * receiver on 127.0.0.1 that verifies them with the `standardwebhooks` library.
 */
describe('outbound webhooks', () => {
  let stack: WebhookStack;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    stack = await WebhookStack.start();
  });
  afterAll(async () => {
    await stack?.close();
  });
  beforeEach(async () => {
    receiver = await WebhookReceiver.start();
  });
  afterEach(async () => {
    await receiver.close();
  });

  const createTask = async (title: string) => (await stack.http().post('/api/v1/tasks').set(stack.auth).send({ title }).expect(201)).body.id as string;
  const settled = async (subscriptionId: string, n: number): Promise<WebhookDeliveryDto[]> =>
    (await waitFor(`${n} settled deliveries`, async () => {
      const list = await stack.deliveries(subscriptionId);
      return list.length >= n && list.every((d) => d.state !== 'pending') && list;
    })) as WebhookDeliveryDto[];

  it('delivers a signed event that the standardwebhooks library verifies, and logs the attempt', async () => {
    const sub = await stack.subscribe(receiver.url, ['task.created']);
    expect(sub.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const taskId = await createTask('Call the customer');

    const [delivery] = await settled(sub.id, 1);
    expect(receiver.received).toHaveLength(1);
    const [got] = receiver.received;
    expect(verifies(sub.secret, got)).toBe(true);
    const body = JSON.parse(got.body);
    expect(body).toMatchObject({ type: 'task.created', organization_id: stack.admin.organizationId, data: { id: taskId, title: 'Call the customer' } });
    expect(new Date(body.timestamp).toISOString()).toBe(body.timestamp);
    expect(got.headers['webhook-id']).toBe(`msg_${body.id}`);
    expect(delivery).toMatchObject({ state: 'succeeded', attempts: 1, message_id: `msg_${body.id}`, event_id: body.id, event_type: 'task.created', last_status_code: 200, next_attempt_at: null });
    expect(delivery.attempt_log).toEqual([expect.objectContaining({ attempt: 1, status_code: 200, succeeded: true, response_excerpt: 'ok', error: null })]);
    expect(delivery.attempt_log[0].latency_ms).toBeGreaterThanOrEqual(0);
    // The secret is never shown again.
    const read = await stack.http().get(`/api/v1/webhooks/subscriptions/${sub.id}`).set(stack.auth).expect(200);
    expect(JSON.stringify(read.body)).not.toContain(sub.secret);
    expect(read.body).not.toHaveProperty('secret');
  });

  it('retries a receiver that answers 500 twice: the third attempt delivers, with the same webhook-id, and the log shows all three', async () => {
    receiver.answerWith((n) => (n <= 2 ? { status: 500, body: `failure ${n}` } : { status: 200, body: 'finally' }));
    const sub = await stack.subscribe(receiver.url, ['task.created']);
    await createTask('Flaky receiver');

    const [delivery] = await settled(sub.id, 1);
    expect(receiver.received).toHaveLength(3);
    const ids = new Set(receiver.received.map((r) => r.headers['webhook-id']));
    expect(ids.size).toBe(1);
    expect(receiver.received.every((r) => verifies(sub.secret, r))).toBe(true);
    expect(delivery).toMatchObject({ state: 'succeeded', attempts: 3, message_id: [...ids][0] });
    expect(delivery.attempt_log.map((a) => [a.status_code, a.response_excerpt, a.succeeded])).toEqual([
      [500, 'failure 1', false],
      [500, 'failure 2', false],
      [200, 'finally', true],
    ]);
    // The schedule (200ms, 400ms ±10%) spaced the attempts.
    expect(receiver.received[1].at - receiver.received[0].at).toBeGreaterThanOrEqual(170);
    expect(receiver.received[2].at - receiver.received[1].at).toBeGreaterThanOrEqual(350);
  });

  it('gives up after the last scheduled attempt: the delivery is failed', async () => {
    receiver.answerWith(() => ({ status: 502 }));
    const sub = await stack.subscribe(receiver.url, ['task.created']);
    await createTask('Always failing');
    const [delivery] = await settled(sub.id, 1);
    expect(delivery).toMatchObject({ state: 'failed', attempts: 4, last_status_code: 502, last_error: 'HTTP 502', next_attempt_at: null });
    expect(receiver.received).toHaveLength(4);
  });

  it('honours Retry-After when it asks for a longer wait than the schedule', async () => {
    receiver.answerWith((n) => (n === 1 ? { status: 503, headers: { 'Retry-After': '2' } } : { status: 200 }));
    const sub = await stack.subscribe(receiver.url, ['task.created']);
    await createTask('Busy receiver');
    await settled(sub.id, 1);
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1].at - receiver.received[0].at).toBeGreaterThanOrEqual(1900);
  });

  it('disables the subscription at once on 410 Gone, audits it and notifies the admins', async () => {
    receiver.answerWith(() => ({ status: 410 }));
    const sub = await stack.subscribe(receiver.url, ['task.created']);
    await createTask('Gone');
    const [delivery] = await settled(sub.id, 1);
    expect(delivery).toMatchObject({ state: 'failed', attempts: 1, last_status_code: 410 });
    const read = (await stack.http().get(`/api/v1/webhooks/subscriptions/${sub.id}`).set(stack.auth).expect(200)).body;
    expect(read).toMatchObject({ enabled: false, disabled_reason: 'gone' });

    const db = stack.api.get(DataSource);
    const audit = await db.query(`SELECT actor_type, action, changes FROM audit_logs WHERE organization_id = $1 AND object_id = $2 AND action = 'disable'`, [stack.admin.organizationId, sub.id]);
    expect(audit).toEqual([expect.objectContaining({ actor_type: 'system', changes: expect.objectContaining({ enabled: { from: true, to: false } }) })]);
    const notes = await db.query(`SELECT user_id, kind FROM notifications WHERE organization_id = $1 AND kind = 'webhook_subscription.disabled'`, [stack.admin.organizationId]);
    expect(notes).toContainEqual({ user_id: stack.admin.userId, kind: 'webhook_subscription.disabled' });

    // A disabled subscription gets nothing more.
    const other = await stack.subscribe(receiver.url, ['task.created']);
    await createTask('After gone');
    await settled(other.id, 1);
    expect(await stack.deliveries(sub.id)).toHaveLength(1);
  });

  it('signs with both secrets during a rotation overlap', async () => {
    const sub = await stack.subscribe(receiver.url, ['task.created']);
    const rotated = (await stack.http().post(`/api/v1/webhooks/subscriptions/${sub.id}/rotate-secret`).set(stack.auth).expect(200)).body;
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(sub.secret);
    expect(Date.parse(rotated.previous_secret_expires_at) - Date.now()).toBeGreaterThan(23 * 3_600_000);
    await createTask('Rotated');
    await settled(sub.id, 1);
    const [got] = receiver.received;
    expect((got.headers['webhook-signature'] as string).split(' ')).toHaveLength(2);
    expect(verifies(rotated.secret, got)).toBe(true);
    expect(verifies(sub.secret, got)).toBe(true);
  });

  it('redelivers a delivery with the same webhook-id and logs the new attempt', async () => {
    const sub = await stack.subscribe(receiver.url, ['task.created']);
    await createTask('Send me twice');
    const [first] = await settled(sub.id, 1);
    const res = await stack.http().post(`/api/v1/webhooks/subscriptions/${sub.id}/deliveries/${first.id}/redeliver`).set(stack.auth).expect(202);
    expect(res.body).toMatchObject({ id: first.id, state: 'pending' });
    await waitFor('the redelivery', async () => (await stack.deliveries(sub.id))[0].attempts === 2 && receiver.received.length === 2);
    const [again] = await settled(sub.id, 1);
    expect(again).toMatchObject({ state: 'succeeded', attempts: 2 });
    expect(receiver.received.map((r) => r.headers['webhook-id'])).toEqual([first.message_id, first.message_id]);
    expect(receiver.received[1].body).toBe(receiver.received[0].body);
    await stack.http().post(`/api/v1/webhooks/subscriptions/${sub.id}/deliveries/not-a-delivery/redeliver`).set(stack.auth).expect(404);
  });

  it('sends only the events each subscription asked for (names, family wildcards, *)', async () => {
    const subs = {
      deals: await stack.subscribe(receiver.url, ['deal.*']),
      all: await stack.subscribe(receiver.url, ['*']),
      updates: await stack.subscribe(receiver.url, ['task.updated']),
      accounts: await stack.subscribe(receiver.url, ['account.created', 'contact.*']),
    };
    await stack.createAccount('Filtered Inc');
    await stack.http().post('/api/v1/deals').set(stack.auth).send({ name: 'Filtered deal' }).expect(201);
    await createTask('Filtered task');
    await settled(subs.all.id, 3);
    await new Promise((r) => setTimeout(r, 500));
    const typesOf = async (id: string) => (await stack.deliveries(id)).map((d) => d.event_type).sort();
    expect(await typesOf(subs.all.id)).toEqual(['account.created', 'deal.created', 'task.created']);
    expect(await typesOf(subs.deals.id)).toEqual(['deal.created']);
    expect(await typesOf(subs.updates.id)).toEqual([]);
    expect(await typesOf(subs.accounts.id)).toEqual(['account.created']);
    expect(receiver.received).toHaveLength(5);
  });

  it('refuses unknown event names, naming each, and bad URLs', async () => {
    const bad = await stack.http().post('/api/v1/webhooks/subscriptions').set(stack.auth).send({ url: receiver.url, events: ['task.created', 'deal.nope', 'bogus.*'] }).expect(400);
    expect(bad.body.details).toEqual([expect.objectContaining({ field: 'events', errors: [expect.stringMatching(/"deal\.nope", "bogus\.\*"/)] })]);
    const ftp = await stack.http().post('/api/v1/webhooks/subscriptions').set(stack.auth).send({ url: 'ftp://example.com/x', events: ['*'] }).expect(400);
    expect(ftp.body.details).toEqual([{ field: 'url', errors: [expect.stringMatching(/http/)] }]);
    // Metadata addresses are refused even with private targets allowed.
    const metadata = await stack.http().post('/api/v1/webhooks/subscriptions').set(stack.auth).send({ url: 'http://169.254.169.254/latest', events: ['*'] }).expect(400);
    expect(metadata.body.details[0].field).toBe('url');
  });

  it('refuses loopback and private URLs without WEBHOOK_ALLOW_PRIVATE_TARGETS, at creation and update', async () => {
    const sub = await stack.subscribe('https://93.184.215.14/hooks', ['invoice.issued']);
    await stack.restartApi({ WEBHOOK_ALLOW_PRIVATE_TARGETS: 'false' });
    try {
      for (const url of [receiver.url, 'http://10.1.2.3/hook', 'http://localhost:8080/hook']) {
        const res = await stack.http().post('/api/v1/webhooks/subscriptions').set(stack.auth).send({ url, events: ['*'] }).expect(400);
        expect(res.body.details).toEqual([{ field: 'url', errors: [expect.stringMatching(/^url /)] }]);
      }
      const patch = await stack.http().patch(`/api/v1/webhooks/subscriptions/${sub.id}`).set(stack.auth).send({ url: receiver.url }).expect(400);
      expect(patch.body.details[0].field).toBe('url');
      await stack.http().patch(`/api/v1/webhooks/subscriptions/${sub.id}`).set(stack.auth).send({ url: 'https://93.184.215.14/other' }).expect(200);
    } finally {
      await stack.restartApi();
    }
  });

  it('re-checks the address at delivery time (URLs accepted earlier are refused when private targets are not allowed)', async () => {
    const byIp = await stack.subscribe(receiver.url, ['task.created']);
    const byName = await stack.subscribe(receiver.url.replace('127.0.0.1', 'localhost'), ['task.created']);
    await stack.stopWorker();
    await stack.startWorker({ WEBHOOK_ALLOW_PRIVATE_TARGETS: 'false', WEBHOOK_RETRY_SCHEDULE: '100ms' });
    try {
      await createTask('Rebound');
      for (const [sub, reason] of [[byIp, /127\.0\.0\.1 is not a public address/], [byName, /localhost resolves to no public address/]] as const) {
        const [delivery] = await settled(sub.id, 1);
        expect(delivery.state).toBe('failed');
        expect(delivery.attempt_log[0]).toMatchObject({ status_code: null, succeeded: false, error: expect.stringMatching(reason) });
      }
      expect(receiver.received).toHaveLength(0);
    } finally {
      await stack.stopWorker();
      await stack.startWorker();
    }
  });
});
