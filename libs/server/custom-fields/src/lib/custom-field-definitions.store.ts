import { Injectable } from '@nestjs/common';
import { ChangeFeed } from '@clockwork/server-core';
import type { CustomFieldDefinition, CustomFieldRecordType } from '@clockwork/shared-entities';

const CHANNEL = 'custom_fields_changed';
/** A bound on an entry's life, should an announcement be missed without the session being lost. */
const ENTRY_MS = 300_000;
const MAX_ENTRIES = 10_000;

/**
 * The live custom field definitions of (organization, record type), kept in the process for the
 * reads of every list request that filters by `cf.<key>` (and CSV exports), which otherwise read
 * them from PostgreSQL each time. PostgreSQL announces every change of an organization's
 * definitions at commit (`custom_fields_changed`, a trigger, whoever wrote it) and this process
 * drops them at once; the api's own changes drop them before answering. Served only while the
 * ChangeFeed listens; writes never read through here (they read in their own transaction).
 */
@Injectable()
export class CustomFieldDefinitionsCache {
  private readonly entries = new Map<string, { definitions: readonly CustomFieldDefinition[]; until: number }>();
  /** Bumped by every change: a read that overlapped one is not kept. */
  private generation = 0;
  private subscribed = false;

  constructor(private readonly feed: ChangeFeed) {}

  /** The cached definitions of (organization, record type), or what `load` reads (and caches). Shared: never mutate them. */
  async live(organizationId: string, recordType: CustomFieldRecordType, load: () => Promise<CustomFieldDefinition[]>): Promise<readonly CustomFieldDefinition[]> {
    this.subscribe();
    if (!this.feed.listening(CHANNEL)) return load();
    const key = `${organizationId}:${recordType}`;
    const hit = this.entries.get(key);
    if (hit && hit.until > Date.now()) return hit.definitions;
    const generation = this.generation;
    const definitions = Object.freeze(await load());
    if (this.feed.listening(CHANNEL) && generation === this.generation) {
      this.entries.delete(key);
      if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
      this.entries.set(key, { definitions, until: Date.now() + ENTRY_MS });
    }
    return definitions;
  }

  /** Drops an organization's definitions (its announcement, or this process's own change once committed). */
  forget(organizationId: string): void {
    this.generation++;
    for (const key of this.entries.keys()) if (key.startsWith(`${organizationId}:`)) this.entries.delete(key);
  }

  /** Listens from the first read on: a process that never filters opens no session for it. */
  private subscribe(): void {
    if (this.subscribed) return;
    this.subscribed = true;
    void this.feed.subscribe(CHANNEL, {
      notified: (organizationId) => this.forget(organizationId),
      reset: () => {
        this.generation++;
        this.entries.clear();
      },
    });
  }
}
