import type Redis from 'ioredis';

export interface QueueCounts {
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
}

/**
 * Job counts of Bull queues read straight from Redis (one pipeline, no Queue objects or extra
 * connections): the lists and sorted sets Bull keeps under `<prefix>:<queue>:`.
 */
export async function queueCounts(redis: Redis, prefix: string, queues: readonly string[]): Promise<Record<string, QueueCounts>> {
  const pipeline = redis.pipeline();
  for (const q of queues) {
    const key = `${prefix}:${q}`;
    pipeline.llen(`${key}:wait`).llen(`${key}:paused`).llen(`${key}:active`).zcard(`${key}:delayed`).zcard(`${key}:failed`);
  }
  const replies = (await pipeline.exec()) ?? [];
  const value = (i: number) => {
    const [error, count] = replies[i] ?? [new Error('no reply'), 0];
    if (error) throw error;
    return Number(count);
  };
  return Object.fromEntries(
    queues.map((q, i) => {
      const at = i * 5;
      return [q, { waiting: value(at) + value(at + 1), active: value(at + 2), delayed: value(at + 3), failed: value(at + 4) }];
    }),
  );
}
