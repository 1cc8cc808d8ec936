import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditWriter, OutboxWriter, RequestContext } from '@clockwork/server-core';
import { ParentRecords } from '@clockwork/server-notes';
import { isOutcomeOf, type ActivityDto, type ActivityPageDto, type ActivityQueryDto, type ActivityReportDto, type ActivityReportQueryDto, type CreateActivityDto, type PatchActivityDto } from '@clockwork/shared-dto';
import type { Activity } from '@clockwork/shared-entities';
import { DataSource, EntityManager } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { assertMayChangeActivity, assertReadableActivity, hiddenParentTypes, linksOf } from './activity.policy';
import { toActivityDto } from './activity.mapper';
import { ActivitiesRepository } from './activities.repository';

const fieldError = (field: string, message: string) => new BadRequestException({ message: `Validation failed: ${message}`, details: [{ field, errors: [message] }] });

/**
 * Calls and meetings logged against accounts, contacts and deals. The parent rules are the
 * notes' (ParentRecords): a caller logs and reads activities only on records it may read; an
 * activity linked to a record it may not read does not exist for it (404). Changing or
 * deleting one is for its owner, admins and managers. Each write is one transaction with its
 * audit row and its `activity.*` event.
 */
@Injectable()
export class ActivitiesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly activities: ActivitiesRepository,
    private readonly parents: ParentRecords,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
    private readonly context: RequestContext,
  ) {}

  async list(query: ActivityQueryDto): Promise<ActivityPageDto> {
    if (query.account_id) await this.parents.assertReadable('account', query.account_id);
    if (query.contact_id) await this.parents.assertReadable('contact', query.contact_id);
    if (query.deal_id) await this.parents.assertReadable('deal', query.deal_id);
    return this.activities.list(query, hiddenParentTypes(this.context.principal), toActivityDto);
  }

  async get(id: string): Promise<ActivityDto> {
    return toActivityDto(assertReadableActivity(this.context.principal, await this.activities.findById(id)));
  }

  create(dto: CreateActivityDto): Promise<ActivityDto> {
    return this.dataSource.transaction(async (manager) => {
      const links = { accountId: dto.account_id ?? null, contactId: dto.contact_id ?? null, dealId: dto.deal_id ?? null };
      for (const [type, id] of linksOf(links)) await this.parents.assertReadable(type, id, manager);
      const principal = this.context.principal;
      const ownerId = dto.owner_id ?? (principal?.kind === 'user' ? principal.id : null);
      if (dto.owner_id && !(await this.activities.userExists(dto.owner_id, manager))) throw fieldError('owner_id', 'owner_id is not a user of your organization');
      const activity = await this.activities.insert(manager, {
        ...links,
        type: dto.type,
        subject: dto.subject,
        occurredAt: new Date(dto.occurred_at),
        durationMinutes: dto.duration_minutes,
        outcome: dto.outcome,
        notes: dto.notes ?? null,
        ownerId,
      });
      await this.written(manager, 'create', null, activity);
      return toActivityDto(activity);
    });
  }

  update(id: string, dto: PatchActivityDto): Promise<ActivityDto> {
    return this.dataSource.transaction(async (manager) => {
      const before = assertReadableActivity(this.context.principal, await this.activities.lockById(manager, id));
      assertMayChangeActivity(this.context.principal, before);
      const type = dto.type ?? before.type;
      const outcome = dto.outcome ?? before.outcome;
      if (!isOutcomeOf(type, outcome)) throw fieldError('outcome', `outcome ${outcome} is not an outcome of a ${type}: send an outcome of the new type`);
      const values: QueryDeepPartialEntity<Activity> = {};
      if (dto.type !== undefined) values.type = dto.type;
      if (dto.outcome !== undefined) values.outcome = dto.outcome;
      if (dto.subject !== undefined) values.subject = dto.subject;
      if (dto.occurred_at !== undefined) values.occurredAt = new Date(dto.occurred_at);
      if (dto.duration_minutes !== undefined) values.durationMinutes = dto.duration_minutes;
      if (dto.notes !== undefined) values.notes = dto.notes;
      if (Object.keys(values).length === 0) return toActivityDto(before);
      const after = await this.activities.updateById(manager, id, values);
      await this.written(manager, 'update', before, after);
      return toActivityDto(after);
    });
  }

  remove(id: string): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      const before = assertReadableActivity(this.context.principal, await this.activities.lockById(manager, id));
      assertMayChangeActivity(this.context.principal, before);
      await this.activities.deleteById(manager, id);
      await this.written(manager, 'delete', before, null);
    });
  }

  async report(query: ActivityReportQueryDto): Promise<ActivityReportDto> {
    const rows = await this.activities.report(query.group_by, query.from, query.to);
    return {
      group_by: query.group_by,
      rows,
      total_count: rows.reduce((sum, r) => sum + r.count, 0),
      total_duration_minutes: rows.reduce((sum, r) => sum + r.total_duration_minutes, 0),
    };
  }

  private async written(manager: EntityManager, action: 'create' | 'update' | 'delete', before: Activity | null, after: Activity | null): Promise<void> {
    const dto = (a: Activity | null) => (a ? toActivityDto(a) : null);
    const id = (after ?? before)?.id as string;
    await this.audit.record(manager, { action, objectType: 'activity', objectId: id, before: dto(before), after: dto(after) });
    await this.outbox.record(manager, {
      organizationId: this.context.organizationId,
      type: action === 'create' ? 'activity.created' : action === 'update' ? 'activity.updated' : 'activity.deleted',
      aggregateType: 'activity',
      aggregateId: id,
      payload: (dto(after) ?? { id }) as Record<string, unknown>,
    });
  }
}
