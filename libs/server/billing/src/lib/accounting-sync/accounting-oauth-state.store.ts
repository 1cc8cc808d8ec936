import { Injectable } from '@nestjs/common';
import { Env, InjectRedis } from '@clockwork/server-core';
import type Redis from 'ioredis';
import { createHash } from 'node:crypto';

/** A connect in flight, kept server-side by its `state` until the provider redirects back. */
export interface PendingConnect {
  organizationId: string;
  userId: string;
  provider: string;
  connectionId: string;
  codeVerifier: string;
  /** SHA-256 (hex) of the browser binding held in the start's HttpOnly cookie. */
  browser: string;
}

export const CONNECT_TTL_MS = 10 * 60_000;
export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** Pending accounting connects in Redis (ten minutes), each taken exactly once (GETDEL), like SSO logins. */
@Injectable()
export class AccountingOAuthStateStore {
  constructor(
    @InjectRedis() private readonly redis: Redis,
    private readonly env: Env,
  ) {}

  private key(state: string): string {
    return `${this.env.QUEUE_PREFIX}:accounting:state:${sha256(state)}`;
  }

  async put(state: string, pending: PendingConnect): Promise<void> {
    await this.redis.set(this.key(state), JSON.stringify(pending), 'PX', CONNECT_TTL_MS);
  }

  async take(state: string): Promise<PendingConnect | null> {
    const raw = await this.redis.getdel(this.key(state));
    return raw ? (JSON.parse(raw) as PendingConnect) : null;
  }
}
