import { Injectable } from '@nestjs/common';
import { Env, InjectRedis } from '@clockwork/server-core';
import type Redis from 'ioredis';

/** What the login's start remembers for its callback. */
export interface PendingLogin {
  organizationId: string;
  configId: string;
  codeVerifier: string;
  nonce: string;
}

const TTL_MS = 10 * 60_000;

/**
 * The server side of an SSO login in flight, keyed by its `state`: kept ten minutes and taken
 * exactly once (GETDEL), so a state that is unknown, expired or replayed finds nothing.
 */
@Injectable()
export class SsoStateStore {
  constructor(
    @InjectRedis() private readonly redis: Redis,
    private readonly env: Env,
  ) {}

  key(state: string): string {
    return `${this.env.QUEUE_PREFIX}:sso:state:${state}`;
  }

  async put(state: string, login: PendingLogin): Promise<void> {
    await this.redis.set(this.key(state), JSON.stringify(login), 'PX', TTL_MS);
  }

  async take(state: string): Promise<PendingLogin | null> {
    const raw = await this.redis.getdel(this.key(state));
    return raw ? (JSON.parse(raw) as PendingLogin) : null;
  }
}
