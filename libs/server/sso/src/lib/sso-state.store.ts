import { Injectable } from '@nestjs/common';
import { Env, InjectRedis } from '@clockwork/server-core';
import type Redis from 'ioredis';
import { createHash } from 'node:crypto';

/** What the login's start remembers for its callback. */
export interface PendingLogin {
  organizationId: string;
  configId: string;
  codeVerifier: string;
  nonce: string;
  /** SHA-256 (hex) of the browser binding held in the start's HttpOnly cookie. */
  browser: string;
}

/** What a finished login's one-time code stands for until the web app exchanges it. */
export interface FinishedLogin {
  organizationId: string;
  userId: string;
  details: Record<string, unknown>;
}

export const STATE_TTL_MS = 10 * 60_000;

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/**
 * The server side of an SSO login: the login in flight, keyed by its `state` (ten minutes), and
 * the finished login's one-time code (stored by its hash, SSO_CODE_TTL_SECONDS). Both are taken
 * exactly once (GETDEL), so one that is unknown, expired or replayed finds nothing.
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

  codeKey(code: string): string {
    return `${this.env.QUEUE_PREFIX}:sso:code:${sha256(code)}`;
  }

  async put(state: string, login: PendingLogin): Promise<void> {
    await this.redis.set(this.key(state), JSON.stringify(login), 'PX', STATE_TTL_MS);
  }

  async take(state: string): Promise<PendingLogin | null> {
    const raw = await this.redis.getdel(this.key(state));
    return raw ? (JSON.parse(raw) as PendingLogin) : null;
  }

  async putCode(code: string, login: FinishedLogin): Promise<void> {
    await this.redis.set(this.codeKey(code), JSON.stringify(login), 'PX', this.env.SSO_CODE_TTL_SECONDS * 1000);
  }

  async takeCode(code: string): Promise<FinishedLogin | null> {
    const raw = await this.redis.getdel(this.codeKey(code));
    return raw ? (JSON.parse(raw) as FinishedLogin) : null;
  }
}
