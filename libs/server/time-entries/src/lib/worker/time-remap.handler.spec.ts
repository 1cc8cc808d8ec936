import { domainEventSubscriptionOf, eventsOf } from '@clockwork/server-core';
import type { Queue } from 'bull';
import { TimeRemapHandler } from './time-remap.handler';

/** A queue holding jobs by id with their state, as Bull reports them. */
function fakeQueue(states: Record<string, string> = {}) {
  const jobs = new Map(Object.entries(states));
  const queue = {
    getJob: jest.fn(async (id: string) => (jobs.has(id) ? { getState: async () => jobs.get(id), remove: async () => jobs.delete(id) } : null)),
    add: jest.fn(async (_data: unknown, opts: { jobId: string }) => {
      if (!jobs.has(opts.jobId)) jobs.set(opts.jobId, 'waiting');
    }),
  };
  return { queue, jobs };
}

function setup(queue: object) {
  return { handler: new TimeRemapHandler(queue as unknown as Queue) };
}

const event = { id: 'e1', organizationId: 'o1' };

describe('TimeRemapHandler', () => {
  it('subscribes to every mapping rule event', () => {
    expect(domainEventSubscriptionOf(TimeRemapHandler.prototype.enqueue)).toEqual({ events: eventsOf('mapping_rule'), batch: false, order: 0 });
    expect(eventsOf('mapping_rule')).toEqual(['mapping_rule.created', 'mapping_rule.updated', 'mapping_rule.deleted']);
  });

  it('adds one job per organization and joins a job that is still waiting', async () => {
    const { queue, jobs } = fakeQueue();
    const { handler } = setup(queue);
    await handler.enqueue(event);
    await handler.enqueue({ ...event, id: 'e2' });
    expect([...jobs.keys()]).toEqual(['remap-o1']);
  });

  it('queues a second job behind a running one (it may have read the rules before the change), and replaces finished ones', async () => {
    const running = fakeQueue({ 'remap-o1': 'active' });
    await setup(running.queue).handler.enqueue(event);
    expect(Object.fromEntries(running.jobs)).toEqual({ 'remap-o1': 'active', 'remap-o1-next': 'waiting' });

    const finished = fakeQueue({ 'remap-o1': 'completed' });
    await setup(finished.queue).handler.enqueue(event);
    expect(Object.fromEntries(finished.jobs)).toEqual({ 'remap-o1': 'waiting' });

    const busy = fakeQueue({ 'remap-o1': 'active', 'remap-o1-next': 'active' });
    await setup(busy.queue).handler.enqueue(event);
    expect(busy.jobs.get('remap-o1-e1')).toBe('waiting');
  });

  it('throws when Redis does not answer, so the event is processed again later', async () => {
    jest.useFakeTimers();
    try {
      const { handler } = setup({ getJob: () => new Promise(() => undefined), add: jest.fn() });
      const outcome = handler.enqueue(event);
      jest.advanceTimersByTime(5000);
      await expect(outcome).rejects.toThrow(/timed out/);
    } finally {
      jest.useRealTimers();
    }
  });
});
