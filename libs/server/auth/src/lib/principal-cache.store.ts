import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { directDatabaseUrl, Env, Principal } from '@clockwork/server-core';
import { Client } from 'pg';

/** A user's principal, with which of its access tokens a password change or reset ended (see JwtStrategy). */
export type UserPrincipal = Principal & { kind: 'user'; tokensValidAfter?: number | null; keptSession?: string | null };

const CHANNEL = 'principal_changed';
const MAX_ENTRIES = 10_000;
const RECONNECT_MS = 1000;

/**
 * Who a token's user is (role, active), reused for PRINCIPAL_CACHE_SECONDS so an authenticated
 * request needs no user lookup. PostgreSQL announces every change of a user's role or active
 * flag and every deletion (`principal_changed`, sent at commit by a trigger, whoever wrote it);
 * this process listens and drops the entry at once. Entries are only served while the listener
 * is connected: without it every request reads the user, as with caching off. LISTEN needs a
 * session of its own, so the listener connects to PostgreSQL directly (DATABASE_DIRECT_URL) when
 * DATABASE_URL goes through a transaction pooler.
 */
@Injectable()
export class PrincipalCache implements OnModuleInit, OnModuleDestroy {
  private readonly log = new Logger(PrincipalCache.name);
  private readonly entries = new Map<string, { principal: UserPrincipal | null; until: number }>();
  private readonly ttlMs: number;
  private listener: Client | undefined;
  private listening = false;
  private stopped = false;
  private reconnect: NodeJS.Timeout | undefined;
  /** Bumped by every announcement: a read that overlapped one is not kept. */
  private generation = 0;

  constructor(private readonly env: Env) {
    this.ttlMs = env.PRINCIPAL_CACHE_SECONDS * 1000;
  }

  async onModuleInit(): Promise<void> {
    if (this.ttlMs > 0) await this.listen();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnect);
    await this.listener?.end().catch(() => undefined);
  }

  /** The cached principal of (organization, user), or what `load` finds (and caches). */
  async get(organizationId: string, userId: string, load: () => Promise<UserPrincipal | null>): Promise<UserPrincipal | null> {
    if (!this.listening) return load();
    const key = `${organizationId}:${userId}`;
    const hit = this.entries.get(key);
    if (hit && hit.until > Date.now()) return hit.principal;
    const generation = this.generation;
    const principal = await load();
    if (this.listening && generation === this.generation) {
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

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: directDatabaseUrl(this.env), application_name: 'clockwork-principal-cache' });
    client.on('notification', (msg) => {
      const [organizationId, userId] = (msg.payload ?? '').split(':');
      this.forget(organizationId, userId);
    });
    client.on('error', (e) => this.lost(client, e));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      this.listener = client;
      this.listening = true;
    } catch (e) {
      this.lost(client, e as Error);
    }
  }

  /** Without the listener nothing cached can be trusted: clear, read through, and reconnect. */
  private lost(client: Client, error?: Error): void {
    if (client !== this.listener && this.listener !== undefined) return;
    const wasListening = this.listening;
    this.listening = false;
    this.listener = undefined;
    this.generation++;
    this.entries.clear();
    client.removeAllListeners();
    client.on('error', () => undefined);
    void client.end().catch(() => undefined);
    if (this.stopped) return;
    if (wasListening) this.log.warn(`Principal cache off until PostgreSQL is reachable again: ${error?.message ?? 'connection ended'}`);
    clearTimeout(this.reconnect);
    this.reconnect = setTimeout(() => void this.listen(), RECONNECT_MS);
  }
}
