import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { Env } from '../config/environment.config';

export const REDIS = Symbol('REDIS');
export const InjectRedis = () => Inject(REDIS);

/** Closes the shared connection when the app stops, so Ctrl-C leaves no open handle. */
@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@InjectRedis() private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/**
 * One shared ioredis connection for app-level use (health, rate limits). Commands fail fast
 * while Redis is unreachable instead of queueing, so a down Redis shows as down at once.
 */
@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [Env],
      useFactory: async (env: Env) => {
        const redis = new Redis(env.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true });
        // Connect before serving so the first request finds Redis ready; a Redis that is down
        // does not stop the boot (health says so) and ioredis keeps reconnecting.
        await redis.connect().catch(() => undefined);
        return redis;
      },
    },
    RedisCloser,
  ],
  exports: [REDIS],
})
export class RedisModule {}
