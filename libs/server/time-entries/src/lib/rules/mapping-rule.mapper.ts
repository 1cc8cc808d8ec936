import type { MappingRuleDto } from '@clockwork/shared-dto';
import type { MappingRule } from '@clockwork/shared-entities';

/** The wire shape of a mapping rule (snake_case, ISO timestamps). */
export function toMappingRuleDto(r: MappingRule): MappingRuleDto {
  return {
    id: r.id,
    name: r.name,
    priority: r.priority,
    enabled: r.enabled,
    project_name: r.projectName,
    project_match: r.projectMatch,
    tags: r.tags,
    user_id: r.userId,
    employee_id: r.employeeId,
    activity_type: r.activityType,
    deal_id: r.dealId,
    task_id: r.taskId,
    created_by: r.createdBy,
    version: r.version,
    created_at: r.createdAt.toISOString(),
    updated_at: r.updatedAt.toISOString(),
  };
}

/** The CSV columns of a mapping-rule export, in order. */
export const MAPPING_RULE_CSV_COLUMNS: (keyof MappingRuleDto)[] = [
  'id', 'name', 'priority', 'enabled', 'project_name', 'project_match', 'tags', 'user_id', 'employee_id', 'activity_type', 'deal_id', 'task_id', 'created_by', 'created_at', 'updated_at',
];
