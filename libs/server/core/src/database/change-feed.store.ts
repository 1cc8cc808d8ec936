import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Client } from 'pg';
import { Env } from '../config/environment.config';
import { directDatabaseUrl } from './data-source.config';

/** What a cache hears from the feed: each payload sent on its channel, and every moment it can trust nothing it holds. */
export interface ChangeSubscriber {
  /** A change was announced (the payload its trigger sent). */
  notified(payload: string): void;
  /** The feed's session was lost: changes may have been missed, so drop everything. */
  reset(): void;
}

const CHANNEL = /^[a-z_][a-z0-9_]*$/;
const RECONNECT_MS = 1000;

/**
 * The process's one session listening to what PostgreSQL announces at commit (triggers call
 * `pg_notify`, whoever wrote the row): the in-process caches subscribe to a channel each and drop
 * what an announcement names. A cache may serve what it holds only while `listening(channel)`:
 * without the session it reads through, and when the session is lost every subscriber is reset
 * before it reconnects. LISTEN needs a session of its own, so the feed connects to PostgreSQL
 * directly (DATABASE_DIRECT_URL) when DATABASE_URL goes through a transaction pooler. Nothing
 * connects until the first subscription.
 */
@Injectable()
export class ChangeFeed implements OnModuleDestroy {
  private readonly log = new Logger(ChangeFeed.name);
  private readonly subscribers = new Map<string, Set<ChangeSubscriber>>();
  /** The channels LISTENed on the current session. */
  private readonly live = new Set<string>();
  private client: Client | undefined;
  private connecting: Promise<void> | undefined;
  private stopped = false;
  private reconnect: NodeJS.Timeout | undefined;

  constructor(private readonly env: Env) {}

  /** Whether announcements on `channel` are being heard (what a cache holds for it can be served). */
  listening(channel: string): boolean {
    return this.live.has(channel);
  }

  /** Hears `channel` from now on (resolves once it is LISTENed, or once connecting has failed and a retry is scheduled). */
  async subscribe(channel: string, subscriber: ChangeSubscriber): Promise<void> {
    if (!CHANNEL.test(channel)) throw new Error(`Not a channel name: ${channel}`);
    const known = this.subscribers.get(channel);
    this.subscribers.set(channel, (known ?? new Set()).add(subscriber));
    if (known || this.stopped) return this.connecting;
    if (this.client) return this.listenAll(this.client);
    return this.connect();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnect);
    this.live.clear();
    await this.client?.end().catch(() => undefined);
  }

  private connect(): Promise<void> {
    this.connecting ??= (async () => {
      const client = new Client({ connectionString: directDatabaseUrl(this.env), application_name: 'clockwork-change-feed' });
      client.on('notification', (msg) => this.subscribers.get(msg.channel)?.forEach((s) => s.notified(msg.payload ?? '')));
      client.on('error', (e) => this.lost(client, e));
      client.on('end', () => this.lost(client));
      try {
        await client.connect();
        this.client = client;
        await this.listenAll(client);
      } catch (e) {
        this.lost(client, e as Error);
      } finally {
        this.connecting = undefined;
      }
    })();
    return this.connecting;
  }

  /** LISTENs every subscribed channel not yet live on this session (in one statement; again for any subscribed meanwhile). */
  private async listenAll(client: Client): Promise<void> {
    try {
      for (let missing = this.missing(); missing.length > 0 && client === this.client; missing = this.missing()) {
        await client.query(missing.map((c) => `LISTEN ${c}`).join('; '));
        if (client === this.client) missing.forEach((c) => this.live.add(c));
      }
    } catch (e) {
      this.lost(client, e as Error);
    }
  }

  private missing(): string[] {
    return [...this.subscribers.keys()].filter((c) => !this.live.has(c));
  }

  /** Without the session nothing cached can be trusted: reset every subscriber, and reconnect. */
  private lost(client: Client, error?: Error): void {
    if (this.client !== undefined && client !== this.client) return;
    const wasListening = this.live.size > 0;
    this.live.clear();
    this.client = undefined;
    this.subscribers.forEach((set) => set.forEach((s) => s.reset()));
    client.removeAllListeners();
    client.on('error', () => undefined);
    void client.end().catch(() => undefined);
    if (this.stopped) return;
    if (wasListening) this.log.warn(`Caches read through until PostgreSQL is reachable again: ${error?.message ?? 'connection ended'}`);
    clearTimeout(this.reconnect);
    this.reconnect = setTimeout(() => void this.connect(), RECONNECT_MS);
  }
}
