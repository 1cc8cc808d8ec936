import { BadRequestException, Injectable } from '@nestjs/common';
import { CrudRecord, RecordReads, RecordWriter } from '@clockwork/server-core';
import { DEFAULT_MAPPING_RULE_PRIORITY, type CreateMappingRuleDto, type MappingRuleDto, type MappingRuleQueryDto, type PatchMappingRuleDto } from '@clockwork/shared-dto';
import type { MappingRule } from '@clockwork/shared-entities';
import { EntityManager } from 'typeorm';
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

const MAPPING_RULE: CrudRecord<MappingRule> = { objectType: 'mapping_rule', aggregateType: 'mapping_rule', view: toMappingRuleDto };

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
export class MappingRulesService extends RecordReads<MappingRule, MappingRuleQueryDto, MappingRuleDto> {
  constructor(
    private readonly records: RecordWriter,
    private readonly rules: MappingRulesRepository,
    private readonly targets: AssignmentTargets,
  ) {
    super(rules, toMappingRuleDto);
  }

  create(dto: CreateMappingRuleDto): Promise<MappingRuleDto> {
    return this.records.transaction(async (manager) => toMappingRuleDto(await this.createIn(manager, dto)));
  }

  /** Creates a rule in the caller's transaction (e.g. with the assignment it was made from). */
  async createIn(manager: EntityManager, dto: CreateMappingRuleDto): Promise<MappingRule> {
    const values: RuleColumns = { ...DEFAULTS, ...columns(dto) };
    assertRuleShape(values);
    await this.checkReferences(manager, values, dto);
    const rule = await this.rules.insert(manager, { ...values, createdBy: this.records.userId });
    await this.records.changed(manager, MAPPING_RULE, 'create', null, rule);
    return rule;
  }

  update(id: string, dto: PatchMappingRuleDto, expectedVersion?: number): Promise<MappingRuleDto> {
    const values = columns(dto);
    return this.records.transaction(async (manager) => {
      const { before, after } = await this.records.updateVersioned(manager, this.rules, id, expectedVersion, 'mapping rule', async (stored) => {
        const merged: RuleColumns = { ...stored, ...values };
        assertRuleShape(merged);
        await this.checkReferences(manager, merged, dto);
        return values as QueryDeepPartialEntity<MappingRule>;
      });
      await this.records.changed(manager, MAPPING_RULE, 'update', before, after);
      return toMappingRuleDto(after);
    });
  }

  remove(id: string): Promise<void> {
    return this.records.transaction(async (manager) => this.records.changed(manager, MAPPING_RULE, 'delete', await this.records.deleteLocked(manager, this.rules, id), null));
  }

  /** 422 for a deal, task or user of another organization (checked when sent), or a task of another deal. */
  private async checkReferences(manager: EntityManager, rule: RuleColumns, sent: PatchMappingRuleDto): Promise<void> {
    const org = this.records.organizationId;
    if (sent.deal_id !== undefined || sent.task_id !== undefined) await this.targets.resolve(manager, org, { deal_id: rule.dealId, task_id: rule.taskId });
    if (sent.user_id) await this.targets.assertUser(manager, org, sent.user_id);
  }
}
