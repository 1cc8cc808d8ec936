import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditWriter, OutboxWriter } from '@clockwork/server-core';
import type { TimeEntry } from '@clockwork/shared-entities';
import { DataSource, EntityManager } from 'typeorm';
import { DealMatcher } from '../matching/deal-matcher.service';
import { toTimeEntryDto } from '../time-entry.mapper';
import { Remapping, TimeRemapRepository } from './time-remap.repository';

/** Entries per chunk: one transaction, a constant number of statements. */
export const REMAP_CHUNK_SIZE = 1000;

const SYSTEM = { type: 'system' as const, id: null };

/**
 * Re-runs the DealMatcher over an organization's review queue (after its mapping rules changed):
 * the unmapped entries in keyset chunks, each chunk one transaction that maps the chunk at once,
 * updates those that now map in one statement (entries assigned by hand are never touched), and
 * records their audit rows (actor system) and `time_entry.mapped` events in one statement each.
 */
@Injectable()
export class ReviewQueueRemapper {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly entries: TimeRemapRepository,
    private readonly matcher: DealMatcher,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
  ) {}

  async remap(organizationId: string, chunkSize = REMAP_CHUNK_SIZE): Promise<{ scanned: number; mapped: number }> {
    let after: TimeEntry | null = null;
    let scanned = 0;
    let mapped = 0;
    for (;;) {
      const chunk = await this.dataSource.transaction(async (m) => {
        const rows = await this.entries.unmappedAfter(m, organizationId, after, chunkSize);
        mapped += await this.remapChunk(m, organizationId, rows);
        return rows;
      });
      scanned += chunk.length;
      if (chunk.length < chunkSize) return { scanned, mapped };
      after = chunk[chunk.length - 1];
    }
  }

  private async remapChunk(m: EntityManager, organizationId: string, rows: TimeEntry[]): Promise<number> {
    if (rows.length === 0) return 0;
    const results = await this.matcher.mapMany(
      m,
      organizationId,
      rows.map((e) => ({ user_id: e.userId, employee_id: e.employeeId, project_name: e.projectName, tags: e.tags, activity_type: e.activityType })),
    );
    const remappings: Remapping[] = [];
    results.forEach((r, i) => {
      if (r.mapping_status !== 'mapped' || !r.mapping_rule) return;
      remappings.push({ id: rows[i].id, version: rows[i].version, user_id: r.user_id, deal_id: r.deal_id, task_id: r.task_id, account_id: r.account_id, mapping_rule: r.mapping_rule });
    });
    const updated = await this.entries.applyMappings(m, organizationId, remappings);
    if (updated.length === 0) return 0;
    const before = new Map(rows.map((e) => [e.id, e]));
    await this.audit.recordMany(
      m,
      organizationId,
      SYSTEM,
      'time-remap',
      updated.map((e) => ({ action: 'update', objectType: 'time_entry', objectId: e.id, before: toTimeEntryDto(before.get(e.id) as TimeEntry), after: toTimeEntryDto(e) })),
    );
    await this.outbox.recordMany(
      m,
      organizationId,
      updated.map((e) => ({ type: 'time_entry.mapped', aggregateType: 'time_entry', aggregateId: e.id, payload: toTimeEntryDto(e) as unknown as Record<string, unknown> })),
    );
    return updated.length;
  }
}
