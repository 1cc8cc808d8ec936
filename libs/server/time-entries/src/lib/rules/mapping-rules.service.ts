import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { assertVersion, AuditWriter, OutboxWriter, RequestContext } from '@clockwork/server-core';
import { DEFAULT_MAPPING_RULE_PRIORITY, type CreateMappingRuleDto, type MappingRuleDto, type MappingRulePageDto, type MappingRuleQueryDto, type PatchMappingRuleDto } from '@clockwork/shared-dto';
import type { MappingRule } from '@clockwork/shared-entities';
import { DataSource, EntityManager } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AssignmentTargets } from '../review/assignment-targets.rules';
import { toMappingRuleDto } from './mapping-rule.mapper';
import { MappingRulesRepository } from './mapping-rules.repository';

type RuleColumns = Pick<MappingRule, 'name' | 'priority' | 'enabled' | 'projectName' | 'projectMatch' | 'tags' | 'userId' | 'employeeId' | 'activityType' | 'dealId' | 'taskId'>;

/** DTO fields -> entity columns, only those sent. */
function columns(dto: PatchMappingRuleDto): Partial<RuleColumns> {
  const values: Partial<RuleColumns> = {
    name: dto.name,
    priority: dto.priority,
    enabled: dto.enabled,
    projectName: dto.project_name,
    projectMatch: dto.project_match,
    tags: dto.tags,
    userId: dto.user_id,
    employeeId: dto.employee_id,
    activityType: dto.activity_type,
    dealId: dto.deal_id,
    taskId: dto.task_id,
  };
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
}

const DEFAULTS: RuleColumns = { name: '', priority: DEFAULT_MAPPING_RULE_PRIORITY, enabled: true, projectName: null, projectMatch: 'equals', tags: [], userId: null, employeeId: null, activityType: null, dealId: null, taskId: null };

/** 400 unless the rule (as it would be stored) has at least one criterion and one target. */
export function assertRuleShape(rule: RuleColumns): void {
  const details: { field: string; errors: string[] }[] = [];
  if (rule.projectName === null && rule.tags.length === 0 && rule.userId === null && rule.employeeId === null && rule.activityType === null) {
    details.push({ field: 'project_name', errors: ['a rule needs at least one criterion: project_name, tags, user_id, employee_id or activity_type'] });
  }
  if (rule.dealId === null && rule.taskId === null) details.push({ field: 'deal_id', errors: ['a rule needs a target: deal_id or task_id'] });
  if (details.length) throw new BadRequestException({ message: `Validation failed: ${details.flatMap((d) => d.errors).join('; ')}`, details });
}

/**
 * Mapping rules: every write is one transaction with its audit row and its outbox event
 * (`mapping_rule.created|updated|deleted`); the worker re-maps the review queue on each event.
 */
@Injectable()
export class MappingRulesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rules: MappingRulesRepository,
    private readonly targets: AssignmentTargets,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
    private readonly context: RequestContext,
  ) {}

  list(query: MappingRuleQueryDto): Promise<MappingRulePageDto> {
    return this.rules.listPage(query, toMappingRuleDto);
  }

  async get(id: string): Promise<MappingRuleDto> {
    return toMappingRuleDto(await this.rules.getById(id));
  }

  create(dto: CreateMappingRuleDto): Promise<MappingRuleDto> {
    return this.dataSource.transaction(async (manager) => toMappingRuleDto(await this.createIn(manager, dto)));
  }

  /** Creates a rule in the caller's transaction (e.g. with the assignment it was made from). */
  async createIn(manager: EntityManager, dto: CreateMappingRuleDto): Promise<MappingRule> {
    const values: RuleColumns = { ...DEFAULTS, ...columns(dto) };
    assertRuleShape(values);
    await this.checkReferences(manager, values, dto);
    const principal = this.context.principal;
    const rule = await this.rules.insert(manager, { ...values, createdBy: principal?.kind === 'user' ? principal.id : null });
    await this.written(manager, 'create', null, rule);
    return rule;
  }

  update(id: string, dto: PatchMappingRuleDto, expectedVersion?: number): Promise<MappingRuleDto> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.rules.lockById(manager, id);
      assertVersion(before.version, expectedVersion, 'mapping rule');
      const values = columns(dto);
      const merged: RuleColumns = { ...before, ...values };
      assertRuleShape(merged);
      await this.checkReferences(manager, merged, dto);
      const after = await this.rules.updateById(manager, id, { ...(values as QueryDeepPartialEntity<MappingRule>), version: () => 'version + 1' });
      await this.written(manager, 'update', before, after);
      return toMappingRuleDto(after);
    });
  }

  remove(id: string): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.rules.lockById(manager, id);
      await this.rules.deleteById(manager, id);
      await this.written(manager, 'delete', before, null);
    });
  }

  /** 422 for a deal, task or user of another organization (checked when sent), or a task of another deal. */
  private async checkReferences(manager: EntityManager, rule: RuleColumns, sent: PatchMappingRuleDto): Promise<void> {
    const org = this.context.organizationId;
    if (sent.deal_id !== undefined || sent.task_id !== undefined) await this.targets.resolve(manager, org, { deal_id: rule.dealId, task_id: rule.taskId });
    if (sent.user_id) await this.targets.assertUser(manager, org, sent.user_id);
  }

  private async written(manager: EntityManager, action: 'create' | 'update' | 'delete', before: MappingRule | null, after: MappingRule | null): Promise<void> {
    const dto = (r: MappingRule | null) => (r ? toMappingRuleDto(r) : null);
    const id = (after ?? before)?.id as string;
    await this.audit.record(manager, { action, objectType: 'mapping_rule', objectId: id, before: dto(before), after: dto(after) });
    await this.outbox.record(manager, {
      organizationId: this.context.organizationId,
      type: `mapping_rule.${action === 'create' ? 'created' : action === 'update' ? 'updated' : 'deleted'}`,
      aggregateType: 'mapping_rule',
      aggregateId: id,
      payload: (dto(after) ?? { id }) as Record<string, unknown>,
    });
  }
}
