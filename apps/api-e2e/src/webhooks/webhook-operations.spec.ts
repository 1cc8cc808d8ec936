import { QUEUES } from '@clockwork/shared-jobs';
import { DataSource } from 'typeorm';
import { userWithRole } from '../support/org-fixture';
import { waitFor } from '../support/wait-for';
import { WebhookReceiver } from '../support/webhook-receiver';
import { WebhookStack } from '../support/webhook-stack';

/** Operating the deliveries: a failing receiver is switched off, queue health for admins (Bull Board: queue-board.spec.ts). */
describe('webhook operations', () => {
  let stack: WebhookStack;
  beforeAll(async () => {
    // Every attempt fails for 1.8 s (0.0005 h) -> disabled, long before the schedule is spent.
    stack = await WebhookStack.start({ WEBHOOK_DISABLE_AFTER_HOURS: '0.0005', WEBHOOK_RETRY_SCHEDULE: Array(20).fill('300ms').join(',') });
  });
  afterAll(() => stack?.close());

  it('disables a subscription whose every delivery failed for WEBHOOK_DISABLE_AFTER_HOURS and notifies its admins', async () => {
    const receiver = await WebhookReceiver.start();
    try {
      receiver.answerWith(() => ({ status: 500 }));
      const sub = await stack.subscribe(receiver.url, ['account.created']);
      await stack.createAccount('Never accepted');
      const read = await waitFor('the subscription disabled', async () => {
        const s = (await stack.http().get(`/api/v1/webhooks/subscriptions/${sub.id}`).set(stack.auth).expect(200)).body;
        return !s.enabled && s;
      });
      expect(read).toMatchObject({ disabled_reason: 'failing', failing_since: expect.any(String) });
      expect(receiver.received.length).toBeGreaterThanOrEqual(3);
      const delivery = await waitFor('the delivery failed', async () => {
        const [first] = await stack.deliveries(sub.id);
        return first?.state === 'failed' && first;
      });
      expect(delivery && delivery.attempts).toBeLessThan(21);

      const db = stack.api.get(DataSource);
      const notes = await db.query(`SELECT user_id, data FROM notifications WHERE organization_id = $1 AND kind = 'webhook_subscription.disabled'`, [stack.admin.organizationId]);
      expect(notes).toEqual([{ user_id: stack.admin.userId, data: expect.objectContaining({ subscription_id: sub.id, reason: 'failing' }) }]);
      const audit = await db.query(`SELECT action FROM audit_logs WHERE organization_id = $1 AND object_id = $2 AND actor_type = 'system'`, [stack.admin.organizationId, sub.id]);
      expect(audit).toEqual([{ action: 'disable' }]);

      // Enabling it again starts a new streak.
      const enabled = await stack.http().patch(`/api/v1/webhooks/subscriptions/${sub.id}`).set(stack.auth).send({ enabled: true }).expect(200);
      expect(enabled.body).toMatchObject({ enabled: true, disabled_reason: null, failing_since: null });
    } finally {
      await receiver.close();
    }
  });

  it('reports the depth and failures of every queue in GET /health/detail (admins)', async () => {
    const res = await stack.http().get('/api/v1/health/detail').set(stack.auth).expect(200);
    expect(res.body).toMatchObject({ status: 'ok', db: 'up', redis: 'up' });
    expect(res.body.queues.map((q: { name: string }) => q.name).sort()).toEqual(Object.values(QUEUES).sort());
    for (const q of res.body.queues) expect(q).toEqual({ name: q.name, waiting: expect.any(Number), active: expect.any(Number), delayed: expect.any(Number), failed: expect.any(Number) });
    const sales = await userWithRole(stack.api, stack.admin.accessToken, 'sales');
    await stack.http().get('/api/v1/health/detail').set('Authorization', `Bearer ${sales.token}`).expect(403);
  });
});
