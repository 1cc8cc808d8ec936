import { BadRequestException } from '@nestjs/common';
import type { CreateMappingRuleDto, MappingRuleMatchOn, RuleFromAssignmentDto } from '@clockwork/shared-dto';
import type { TimeEntry } from '@clockwork/shared-entities';

const MAX_NAME = 200;

const refuse = (criterion: MappingRuleMatchOn, what: string) => {
  const message = `create_rule.match_on: ${criterion} cannot be matched, the entry has no ${what}`;
  return new BadRequestException({ message: `Validation failed: ${message}`, details: [{ field: 'create_rule.match_on', errors: [message] }] });
};

/**
 * The rule "create a rule from this assignment" makes: the entry's own values for the criteria
 * named in match_on (employee: the entry's user, else its employee_id), to the assignment's
 * deal and/or task. 400 naming create_rule.match_on when the entry lacks a named value.
 */
export function ruleFromEntry(
  entry: Pick<TimeEntry, 'projectName' | 'tags' | 'userId' | 'employeeId' | 'activityType'>,
  options: RuleFromAssignmentDto,
  target: { deal_id?: string | null; task_id?: string | null },
): CreateMappingRuleDto {
  const rule: CreateMappingRuleDto = { name: '', deal_id: target.deal_id ?? null, task_id: target.task_id ?? null };
  const described: string[] = [];
  for (const criterion of new Set(options.match_on)) {
    if (criterion === 'project_name') {
      if (!entry.projectName?.trim()) throw refuse(criterion, 'project_name');
      rule.project_name = entry.projectName.trim();
      described.push(`project "${rule.project_name}"`);
    } else if (criterion === 'tags') {
      const tags = [...new Set((entry.tags ?? []).map((t) => t.trim()).filter((t) => t !== ''))];
      if (!tags.length) throw refuse(criterion, 'tags');
      rule.tags = tags;
      described.push(`tags ${tags.join(', ')}`);
    } else if (criterion === 'employee') {
      if (entry.userId) rule.user_id = entry.userId;
      else if (entry.employeeId?.trim()) rule.employee_id = entry.employeeId.trim();
      else throw refuse(criterion, 'user or employee_id');
      described.push(`employee ${rule.user_id ?? rule.employee_id}`);
    } else {
      rule.activity_type = entry.activityType;
      described.push(`${entry.activityType} activity`);
    }
  }
  rule.name = (options.name ?? `From assignment: ${described.join('; ')}`).slice(0, MAX_NAME);
  if (options.priority !== undefined) rule.priority = options.priority;
  return rule;
}
