import { Injectable } from '@nestjs/common';
import { ChangeFeed, FeedCache } from '@clockwork/server-core';
import type { CustomFieldDefinition, CustomFieldRecordType } from '@clockwork/shared-entities';

const CHANNEL = 'custom_fields_changed';
/** A bound on an entry's life, should an announcement be missed without the session being lost. */
const ENTRY_MS = 300_000;

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
  private readonly cache: FeedCache<readonly CustomFieldDefinition[]>;

  constructor(feed: ChangeFeed) {
    this.cache = new FeedCache(feed, CHANNEL, ENTRY_MS, (organizationId) => this.forget(organizationId));
  }

  /** The cached definitions of (organization, record type), or what `load` reads (and caches). Shared: never mutate them. */
  live(organizationId: string, recordType: CustomFieldRecordType, load: () => Promise<CustomFieldDefinition[]>): Promise<readonly CustomFieldDefinition[]> {
    // Listens from the first read on: a process that never filters opens no session for it.
    void this.cache.subscribe();
    return this.cache.get(`${organizationId}:${recordType}`, async () => Object.freeze(await load()));
  }

  /** Drops an organization's definitions (its announcement, or this process's own change once committed). */
  forget(organizationId: string): void {
    this.cache.forgetPrefix(`${organizationId}:`);
  }
}
