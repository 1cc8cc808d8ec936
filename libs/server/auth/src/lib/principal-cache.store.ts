import { Injectable, OnModuleInit } from '@nestjs/common';
import { ChangeFeed, Env, Principal } from '@clockwork/server-core';

/** A user's principal, with which of its access tokens a password change or reset ended (see JwtStrategy). */
export type UserPrincipal = Principal & { kind: 'user'; tokensValidAfter?: number | null; keptSession?: string | null };

const CHANNEL = 'principal_changed';
const MAX_ENTRIES = 10_000;

/**
 * Who a token's user is (role, active), reused for PRINCIPAL_CACHE_SECONDS so an authenticated
 * request needs no user lookup. PostgreSQL announces every change of a user's role or active
 * flag and every deletion (`principal_changed`, sent at commit by a trigger, whoever wrote it);
 * this process hears it on its ChangeFeed and drops the entry at once. Entries are only served
 * while the feed listens: without it every request reads the user, as with caching off.
 */
@Injectable()
export class PrincipalCache implements OnModuleInit {
  private readonly entries = new Map<string, { principal: UserPrincipal | null; until: number }>();
  private readonly ttlMs: number;
  /** Bumped by every announcement: a read that overlapped one is not kept. */
  private generation = 0;

  constructor(
    env: Env,
    private readonly feed: ChangeFeed,
  ) {
    this.ttlMs = env.PRINCIPAL_CACHE_SECONDS * 1000;
  }

  async onModuleInit(): Promise<void> {
    if (this.ttlMs <= 0) return;
    await this.feed.subscribe(CHANNEL, {
      notified: (payload) => {
        const [organizationId, userId] = payload.split(':');
        this.forget(organizationId, userId);
      },
      reset: () => {
        this.generation++;
        this.entries.clear();
      },
    });
  }

  /** The cached principal of (organization, user), or what `load` finds (and caches). */
  async get(organizationId: string, userId: string, load: () => Promise<UserPrincipal | null>): Promise<UserPrincipal | null> {
    if (!this.feed.listening(CHANNEL)) return load();
    const key = `${organizationId}:${userId}`;
    const hit = this.entries.get(key);
    if (hit && hit.until > Date.now()) return hit.principal;
    const generation = this.generation;
    const principal = await load();
    if (this.feed.listening(CHANNEL) && generation === this.generation) {
      this.entries.delete(key);
      if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
      this.entries.set(key, { principal, until: Date.now() + this.ttlMs });
    }
    return principal;
  }

  /** Drops one user (this process's own changes call it too, before the announcement arrives). */
  forget(organizationId: string, userId: string): void {
    this.generation++;
    this.entries.delete(`${organizationId}:${userId}`);
  }
}
