import Redis from 'ioredis';
import { rmSync } from 'node:fs';
import { dropDatabase } from './test-database';

export default async function globalTeardown(): Promise<void> {
  if (process.env.E2E_DATABASE_NAME && !process.env.E2E_KEEP_DATABASE) await dropDatabase(process.env.E2E_DATABASE_NAME);
  if (process.env.E2E_TEMPLATE_DATABASE) await dropDatabase(process.env.E2E_TEMPLATE_DATABASE);
  if (process.env.E2E_ATTACHMENTS_DIR) rmSync(process.env.E2E_ATTACHMENTS_DIR, { recursive: true, force: true });
  const prefix = process.env.QUEUE_PREFIX;
  if (!prefix) return;
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  try {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}
