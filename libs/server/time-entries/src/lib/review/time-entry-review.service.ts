import { Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditWriter, OutboxWriter, RequestContext } from '@clockwork/server-core';
import type { AssignTimeEntryDto, BulkAssignTimeEntriesDto, BulkAssignTimeEntriesResultDto, TimeEntryDto } from '@clockwork/shared-dto';
import type { TimeEntry } from '@clockwork/shared-entities';
import { DataSource, EntityManager } from 'typeorm';
import { MappingRulesService } from '../rules/mapping-rules.service';
import { toTimeEntryDto } from '../time-entry.mapper';
import { AssignmentTargets } from './assignment-targets.rules';
import { ruleFromEntry } from './rule-from-entry.builder';
import { TimeEntryReviewRepository } from './time-entry-review.repository';

/**
 * The review queue's writes: a manager assigns entries to a deal and/or task by hand (mapping
 * rule `manual`, kept over later agent updates), one entry or many at once, optionally creating
 * a mapping rule from the entry in the same transaction (its `mapping_rule.created` event makes
 * the worker re-map the rest of the queue). Each entry gets an audit row and a `time_entry.mapped` event.
 */
@Injectable()
export class TimeEntryReviewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly entries: TimeEntryReviewRepository,
    private readonly targets: AssignmentTargets,
    private readonly rules: MappingRulesService,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
    private readonly context: RequestContext,
  ) {}

  assign(id: string, dto: AssignTimeEntryDto): Promise<TimeEntryDto> {
    return this.dataSource.transaction(async (manager) => {
      const [before] = await this.entries.lockMany(manager, [id]);
      if (!before) throw new NotFoundException('Time entry not found');
      const target = await this.targets.resolve(manager, this.context.organizationId, dto);
      const [after] = await this.entries.assignMany(manager, [id], target);
      await this.written(manager, [before], [after]);
      if (dto.create_rule) await this.rules.createIn(manager, ruleFromEntry(before, dto.create_rule, dto));
      return toTimeEntryDto(after);
    });
  }

  bulkAssign(dto: BulkAssignTimeEntriesDto): Promise<BulkAssignTimeEntriesResultDto> {
    const ids = [...new Set(dto.ids.map((id) => id.toLowerCase()))];
    return this.dataSource.transaction(async (manager) => {
      const found = await this.entries.lockMany(manager, ids);
      const known = new Set(found.map((e) => e.id));
      const missing = ids.filter((id) => !known.has(id));
      if (missing.length) {
        throw new UnprocessableEntityException({
          message: `${missing.length} of ids ${missing.length === 1 ? 'is' : 'are'} not a time entry of this organization: ${missing.join(', ')}`,
          details: [{ field: 'ids', errors: missing.map((m) => `${m} is not a time entry of this organization`) }],
        });
      }
      const target = await this.targets.resolve(manager, this.context.organizationId, dto);
      const assigned = await this.entries.assignMany(manager, ids, target);
      await this.written(manager, found, assigned);
      const now = new Map(assigned.map((e) => [e.id, e]));
      return { updated: assigned.length, data: ids.map((id) => toTimeEntryDto(now.get(id) as TimeEntry)) };
    });
  }

  /** One audit row and one `time_entry.mapped` event per assigned entry, each in one statement. */
  private async written(manager: EntityManager, before: TimeEntry[], after: TimeEntry[]): Promise<void> {
    const principal = this.context.principal;
    const actor = principal ? { type: principal.kind, id: principal.id } : { type: 'system' as const, id: null };
    const previous = new Map(before.map((e) => [e.id, e]));
    await this.audit.recordMany(
      manager,
      this.context.organizationId,
      actor,
      this.context.requestId ?? null,
      after.map((e) => ({ action: 'update', objectType: 'time_entry', objectId: e.id, before: toTimeEntryDto(previous.get(e.id) as TimeEntry), after: toTimeEntryDto(e) })),
    );
    await this.outbox.recordMany(
      manager,
      this.context.organizationId,
      after.map((e) => ({ type: 'time_entry.mapped', aggregateType: 'time_entry', aggregateId: e.id, payload: toTimeEntryDto(e) as unknown as Record<string, unknown> })),
    );
  }
}
