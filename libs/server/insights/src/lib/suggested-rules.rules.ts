import type { StoredRule } from '@clockwork/server-time-entries';
import type { CreateMappingRuleDto, SuggestedRuleDto, SuggestedRuleKind } from '@clockwork/shared-dto';

/**
 * Suggested rules: a pattern of the review decisions (a project name, a tag, an activity type,
 * an employee or a user) that people assigned to one open deal at least N times, that deal
 * holding at least SUGGESTED_RULE_MIN_SHARE of the pattern's decisions, and that no rule covers.
 */

/** The least share of a pattern's decisions that must have gone to the suggested deal ("the same way"). */
export const SUGGESTED_RULE_MIN_SHARE = 0.8;

/** How often people assigned a pattern to one deal (SQL: mapping-learning.repository.ts). */
export interface PatternCount {
  kind: SuggestedRuleKind;
  value: string;
  deal_id: string;
  decisions: number;
  pattern_decisions: number;
}

/** The criteria of an existing rule, as stored (the rule matcher's shape). */
export type RuleCriteria = Pick<StoredRule, 'project_name' | 'project_match' | 'tags' | 'user_id' | 'employee_id' | 'activity_type'>;

const lower = (v: string | null) => (v ?? '').trim().toLowerCase();

/** Whether the rule already has the pattern as a criterion (texts compared as the rule matcher does, case-insensitively). */
export function ruleCovers(rule: RuleCriteria, kind: SuggestedRuleKind, value: string): boolean {
  switch (kind) {
    case 'project_name': {
      const name = lower(rule.project_name);
      return name !== '' && (rule.project_match === 'contains' ? value.includes(name) : value === name);
    }
    case 'tag':
      return rule.tags.some((t) => lower(t) === value);
    case 'activity_type':
      return rule.activity_type === value;
    case 'employee_id':
      return rule.employee_id === value;
    case 'user_id':
      return lower(rule.user_id) === value;
  }
}

/** The body of POST /mapping-rules that makes the suggestion a rule. */
export function ruleBody(kind: SuggestedRuleKind, value: string, dealId: string): CreateMappingRuleDto {
  const criterion: Partial<CreateMappingRuleDto> =
    kind === 'project_name' ? { project_name: value, project_match: 'equals' } : kind === 'tag' ? { tags: [value] } : kind === 'activity_type' ? { activity_type: value as CreateMappingRuleDto['activity_type'] } : { [kind]: value };
  const label = kind === 'project_name' ? 'project' : kind.replace('_id', '');
  return { name: `Learned: ${label} "${value}"`.slice(0, 200), ...criterion, deal_id: dealId };
}

export const dismissalKey = (p: { kind: string; value: string; deal_id: string }) => `${p.kind}\u0000${p.value}\u0000${p.deal_id}`;

/** The suggestions among the counted patterns: N decisions or more, the same way, uncovered, not dismissed; most decisions first. */
export function suggestedRules(patterns: readonly PatternCount[], rules: readonly RuleCriteria[], dismissed: ReadonlySet<string>, minDecisions: number): SuggestedRuleDto[] {
  return patterns
    .filter((p) => p.decisions >= minDecisions && p.decisions / p.pattern_decisions >= SUGGESTED_RULE_MIN_SHARE)
    .filter((p) => !rules.some((r) => ruleCovers(r, p.kind, p.value)) && !dismissed.has(dismissalKey(p)))
    .sort((a, b) => b.decisions - a.decisions || a.kind.localeCompare(b.kind) || a.value.localeCompare(b.value) || a.deal_id.localeCompare(b.deal_id))
    .map((p) => ({ ...p, rule: ruleBody(p.kind, p.value, p.deal_id) }));
}
