import { Injectable, OnModuleInit } from '@nestjs/common';
import { ChangeFeed, Env, FeedCache, Principal } from '@clockwork/server-core';

/** A user's principal, with which of its access tokens a password change or reset ended (see JwtStrategy). */
export type UserPrincipal = Principal & { kind: 'user'; tokensValidAfter?: number | null; keptSession?: string | null };

const CHANNEL = 'principal_changed';

/**
 * Who a token's user is (role, active), reused for PRINCIPAL_CACHE_SECONDS so an authenticated
 * request needs no user lookup. PostgreSQL announces every change of a user's role or active
 * flag and every deletion (`principal_changed`, sent at commit by a trigger, whoever wrote it);
 * this process hears it on its ChangeFeed and drops the entry at once. Entries are only served
 * while the feed listens: without it every request reads the user, as with caching off.
 */
@Injectable()
export class PrincipalCache implements OnModuleInit {
  private readonly cache: FeedCache<UserPrincipal | null>;
  private readonly enabled: boolean;

  constructor(env: Env, feed: ChangeFeed) {
    this.enabled = env.PRINCIPAL_CACHE_SECONDS > 0;
    this.cache = new FeedCache(feed, CHANNEL, env.PRINCIPAL_CACHE_SECONDS * 1000, (payload) => {
      const [organizationId, userId] = payload.split(':');
      this.forget(organizationId, userId);
    });
  }

  async onModuleInit(): Promise<void> {
    if (this.enabled) await this.cache.subscribe();
  }

  /** The cached principal of (organization, user), or what `load` finds (and caches). */
  get(organizationId: string, userId: string, load: () => Promise<UserPrincipal | null>): Promise<UserPrincipal | null> {
    return this.cache.get(`${organizationId}:${userId}`, load);
  }

  /** Drops one user (this process's own changes call it too, before the announcement arrives). */
  forget(organizationId: string, userId: string): void {
    this.cache.forget(`${organizationId}:${userId}`);
  }
}
