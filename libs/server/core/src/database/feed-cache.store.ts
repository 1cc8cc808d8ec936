import type { ChangeFeed } from './change-feed.store';

const MAX_ENTRIES = 10_000;

/**
 * Values kept in the process for as long as a ChangeFeed channel vouches for them: served only
 * while the feed listens on `channel` (otherwise every read goes to `load`), dropped by what an
 * announcement names and all at once when the feed's session is lost. A read that overlapped a
 * change is returned but not kept, so a value older than the change cannot be served after it.
 * Each entry also lives at most `ttlMs`, a bound should an announcement be missed with the
 * session up. At most 10,000 entries: the oldest goes first.
 */
export class FeedCache<V> {
  private readonly entries = new Map<string, { value: V; until: number }>();
  /** Bumped by every change: a read that overlapped one is not kept. */
  private generation = 0;
  private subscribed: Promise<void> | undefined;

  constructor(
    private readonly feed: ChangeFeed,
    private readonly channel: string,
    private readonly ttlMs: number,
    /** What an announcement's payload drops (e.g. `(p) => cache.forget(p)`). */
    private readonly notified: (payload: string) => void,
  ) {}

  /** Starts hearing the channel (once; later calls share the first). */
  subscribe(): Promise<void> {
    this.subscribed ??= this.feed.subscribe(this.channel, { notified: this.notified, reset: () => this.clear() });
    return this.subscribed;
  }

  /** The value kept under `key`, or what `load` reads (kept if no change overlapped the read). */
  async get(key: string, load: () => Promise<V>): Promise<V> {
    if (!this.feed.listening(this.channel)) return load();
    const hit = this.entries.get(key);
    if (hit && hit.until > Date.now()) return hit.value;
    const generation = this.generation;
    const value = await load();
    if (this.feed.listening(this.channel) && generation === this.generation) {
      this.entries.delete(key);
      if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
      this.entries.set(key, { value, until: Date.now() + this.ttlMs });
    }
    return value;
  }

  /** Drops one key. */
  forget(key: string): void {
    this.generation++;
    this.entries.delete(key);
  }

  /** Drops every key that starts with `prefix`. */
  forgetPrefix(prefix: string): void {
    this.generation++;
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) this.entries.delete(key);
  }

  /** Drops everything. */
  clear(): void {
    this.generation++;
    this.entries.clear();
  }
}
