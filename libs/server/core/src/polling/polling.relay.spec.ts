import { Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import type { EntityManager } from 'typeorm';
import { Env } from '../config/environment.config';
import { Metrics } from '../metrics/metrics.service';
import { PollingRelay, PollingRelayOptions, RelayBatch } from './polling.relay';

type Row = { id: string };

/** A relay over an in-memory list of due rows; each pass's lockDue is a jest mock the test steers. */
class TestRelay extends PollingRelay<Row, Row> {
  readonly lock = jest.fn<Promise<Row[]>, [number]>(async () => []);
  readonly recorded: Row[][] = [];

  constructor(queue: Queue<Row>, metrics: Metrics, options: Partial<PollingRelayOptions> = {}) {
    super(queue, { transaction: (work) => work({} as EntityManager) }, metrics, {
      relay: 'test',
      title: 'Test relay',
      what: 'test rows',
      pollMs: 1000,
      batchSize: 3,
      leaseSeconds: 60,
      maxWaitingJobs: 10,
      ...options,
    });
  }

  protected lockDue(_manager: EntityManager, limit: number): Promise<Row[]> {
    return this.lock(limit);
  }

  protected batch(rows: Row[]): RelayBatch<Row> {
    return { jobs: rows.map((r) => ({ data: r, opts: { jobId: r.id } })), record: async () => void this.recorded.push(rows) };
  }
}

const rows = (n: number): Row[] => Array.from({ length: n }, (_, i) => ({ id: `r${i}` }));
const deferred = <T>() => {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
};

describe('PollingRelay', () => {
  let queue: { getWaitingCount: jest.Mock; addBulk: jest.Mock };
  let metrics: Metrics;
  let relay: TestRelay;
  let warn: jest.SpyInstance;
  let log: jest.SpyInstance;
  const passes = async (outcome: string) => (await metrics.relayPasses.get()).values.find((v) => v.labels['outcome'] === outcome && v.labels['relay'] === 'test')?.value ?? 0;

  beforeEach(() => {
    jest.useFakeTimers();
    queue = { getWaitingCount: jest.fn(async () => 0), addBulk: jest.fn(async () => []) };
    metrics = new Metrics(new Env(), {} as never);
    relay = new TestRelay(queue as unknown as Queue<Row>, metrics);
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });
  afterEach(async () => {
    await relay.onModuleDestroy();
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('runs a pass at start-up, then one every pollMs while nothing is due', async () => {
    relay.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(0);
    expect(relay.lock).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(999);
    expect(relay.lock).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(relay.lock).toHaveBeenCalledTimes(2);
    await jest.advanceTimersByTimeAsync(3000);
    expect(relay.lock).toHaveBeenCalledTimes(5);
    expect(relay.lock).toHaveBeenCalledWith(3);
    expect(await passes('idle')).toBe(5);
  });

  it('enqueues the claimed rows and records them; a full batch runs the next pass at once', async () => {
    relay.lock.mockResolvedValueOnce(rows(3)).mockResolvedValueOnce(rows(1));
    relay.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(0);
    expect(relay.lock).toHaveBeenCalledTimes(1);
    // The next pass is due at once (delay 0), not after pollMs.
    await jest.advanceTimersByTimeAsync(1);
    expect(relay.lock).toHaveBeenCalledTimes(2);
    expect(queue.addBulk).toHaveBeenCalledTimes(2);
    expect(queue.addBulk.mock.calls[0][0]).toEqual(rows(3).map((r) => ({ data: r, opts: { jobId: r.id } })));
    expect(relay.recorded).toEqual([rows(3), rows(1)]);
    expect(await passes('relayed')).toBe(2);
    expect((await metrics.relayedRows.get()).values).toEqual([expect.objectContaining({ labels: { relay: 'test' }, value: 4 })]);
  });

  it('adds nothing while maxWaitingJobs wait, and looks again after fullRetryMs', async () => {
    queue.getWaitingCount.mockResolvedValue(10);
    relay.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(0);
    await jest.advanceTimersByTimeAsync(50);
    expect(queue.getWaitingCount).toHaveBeenCalledTimes(2);
    expect(relay.lock).not.toHaveBeenCalled();
    expect(await passes('full')).toBe(2);
    queue.getWaitingCount.mockResolvedValue(9);
    await jest.advanceTimersByTimeAsync(50);
    expect(relay.lock).toHaveBeenCalledTimes(1);
  });

  it('without a cap never counts the waiting jobs', async () => {
    relay = new TestRelay(queue as unknown as Queue<Row>, metrics, { maxWaitingJobs: null });
    expect(await relay.relayOnce()).toBe(0);
    expect(queue.getWaitingCount).not.toHaveBeenCalled();
  });

  it('never runs two passes at once: a kick during a pass runs the next one right after it', async () => {
    const slow = deferred<Row[]>();
    relay.lock.mockReturnValueOnce(slow.promise);
    relay.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(0);
    relay.kick();
    relay.kick();
    await jest.advanceTimersByTimeAsync(10_000);
    expect(relay.lock).toHaveBeenCalledTimes(1);
    slow.resolve(rows(1));
    await jest.advanceTimersByTimeAsync(0);
    expect(relay.lock).toHaveBeenCalledTimes(2);
    // Idle again: back to pollMs; a kick between passes runs one at once.
    await jest.advanceTimersByTimeAsync(500);
    expect(relay.lock).toHaveBeenCalledTimes(2);
    relay.kick();
    await jest.advanceTimersByTimeAsync(0);
    expect(relay.lock).toHaveBeenCalledTimes(3);
  });

  it('stop waits for the running pass, and no pass runs after it', async () => {
    const slow = deferred<Row[]>();
    relay.lock.mockReturnValueOnce(slow.promise);
    relay.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(0);
    let stopped = false;
    const stopping = relay.onModuleDestroy().then(() => (stopped = true));
    await jest.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    slow.resolve(rows(3));
    await stopping;
    expect(relay.recorded).toEqual([rows(3)]);
    relay.kick();
    await jest.advanceTimersByTimeAsync(10_000);
    expect(relay.lock).toHaveBeenCalledTimes(1);
  });

  it('a failing pass is logged once, backs off, and the loop goes on until it recovers', async () => {
    relay = new TestRelay(queue as unknown as Queue<Row>, metrics, { pollMs: 100 });
    relay.lock.mockRejectedValueOnce(new Error('connection refused')).mockRejectedValueOnce(new Error('connection refused'));
    relay.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(0);
    expect(warn).toHaveBeenCalledWith('Test relay paused: connection refused');
    // Backs off to backoffMs (1000), not pollMs (100).
    await jest.advanceTimersByTimeAsync(999);
    expect(relay.lock).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(relay.lock).toHaveBeenCalledTimes(2);
    expect(warn).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(1000);
    expect(relay.lock).toHaveBeenCalledTimes(3);
    expect(log).toHaveBeenCalledWith('Test relay recovered');
    expect(await passes('failed')).toBe(2);
    await jest.advanceTimersByTimeAsync(100);
    expect(relay.lock).toHaveBeenCalledTimes(4);
  });

  it('gives up on a Redis that does not answer after queueTimeoutMs: the rows are not recorded', async () => {
    relay.lock.mockResolvedValueOnce(rows(2));
    queue.addBulk.mockReturnValueOnce(new Promise(() => undefined));
    const pass = relay.relayOnce();
    const failed = expect(pass).rejects.toThrow('enqueueing test rows timed out after 5000 ms');
    await jest.advanceTimersByTimeAsync(5000);
    await failed;
    expect(relay.recorded).toEqual([]);
  });
});
