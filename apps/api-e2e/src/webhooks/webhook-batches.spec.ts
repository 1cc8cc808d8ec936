import type { WebhookDeliveryDto } from '@clockwork/shared-dto';
import { waitFor } from '../support/wait-for';
import { verifies, WebhookReceiver } from '../support/webhook-receiver';
import { WebhookStack } from '../support/webhook-stack';

/**
 * Deliveries go out in batches (one job per subscription's due deliveries, one claim, one
 * transaction for the results) over kept-alive connections: each delivery still has its own
 * attempts, schedule and log.
 */
describe('webhook delivery batches', () => {
  let stack: WebhookStack;
  let steady: WebhookReceiver;
  let flaky: WebhookReceiver;

  beforeAll(async () => {
    stack = await WebhookStack.start();
    [steady, flaky] = await Promise.all([WebhookReceiver.start(), WebhookReceiver.start()]);
  });
  afterAll(async () => {
    await Promise.all([steady?.close(), flaky?.close()]);
    await stack?.close();
  });

  const settled = async (subscriptionId: string, n: number): Promise<WebhookDeliveryDto[]> =>
    (await waitFor(`${n} settled deliveries`, async () => {
      const list = await stack.deliveries(subscriptionId, '?limit=100');
      return list.length >= n && list.every((d) => d.state !== 'pending') && list;
    }, 40_000)) as WebhookDeliveryDto[];

  it('sends bursts to two receivers: every event once to each, a failed delivery retried alone, connections reused', async () => {
    // The flaky receiver refuses the event of "Burst 3" once.
    let refused = false;
    flaky.answerWith((_, r) => {
      if (!refused && JSON.parse(r.body).data.name === 'Burst 3') {
        refused = true;
        return { status: 500, body: 'not now' };
      }
      return { status: 200, body: 'ok' };
    });
    const a = await stack.subscribe(steady.url, ['account.created']);
    const b = await stack.subscribe(flaky.url, ['account.created']);

    const accounts: string[] = [];
    for (let round = 0; round < 2; round++) {
      // A round's events are relayed and fanned out together, then sent as one batch per subscription.
      for (let i = 0; i < 10; i++) accounts.push(await stack.createAccount(`Burst ${round * 10 + i}`));
      await settled(a.id, accounts.length);
      await settled(b.id, accounts.length);
    }

    for (const [receiver, sub] of [[steady, a], [flaky, b]] as const) {
      const events = receiver.events(sub.secret);
      expect(receiver.received.every((r) => verifies(sub.secret, r))).toBe(true);
      expect(new Set(events.map((e) => e.data.id))).toEqual(new Set(accounts));
    }
    // The steady receiver got each event exactly once; the second round came over the first round's connections.
    expect(steady.received).toHaveLength(20);
    expect(new Set(steady.received.map((r) => r.headers['webhook-id'])).size).toBe(20);
    expect(steady.connections).toBeLessThan(steady.received.length);

    const deliveries = await settled(b.id, 20);
    expect(deliveries.every((d) => d.state === 'succeeded')).toBe(true);
    const retried = deliveries.filter((d) => d.attempts > 1);
    expect(retried).toHaveLength(1);
    const [again] = retried;
    expect(flaky.of(again.message_id).map((r) => JSON.parse(r.body).data.name)).toEqual(['Burst 3', 'Burst 3']);
    expect(again.attempt_log.map((l) => [l.attempt, l.status_code, l.succeeded])).toEqual([
      [1, 500, false],
      [2, 200, true],
    ]);
    expect(deliveries.filter((d) => d !== again).every((d) => d.attempts === 1 && d.attempt_log.length === 1)).toBe(true);
  });
});
