import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RuleMatch, RuleMatchInput } from './matching.types';
import { RuleLookupRepository } from './rule-lookup.repository';

/** An enabled rule as loaded for matching, with its target resolved (the task's deal, the deal's account). */
export interface StoredRule {
  id: string;
  project_name: string | null;
  project_match: 'equals' | 'contains';
  tags: string[];
  user_id: string | null;
  employee_id: string | null;
  activity_type: string | null;
  deal_id: string | null;
  task_id: string | null;
  account_id: string | null;
}

/** A rule ready for matching many entries: its texts normalized once. */
export interface CompiledRule {
  rule: StoredRule;
  project: string | null;
  tags: string[];
}

const norm = (value: string | null | undefined): string | null => {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim().toLowerCase();
  return trimmed === '' ? null : trimmed;
};

const hasCriterion = (c: CompiledRule) => c.project !== null || c.tags.length > 0 || c.rule.user_id !== null || c.rule.employee_id !== null || c.rule.activity_type !== null;

/** Normalizes the rules (kept in the given order: priority, then age) and drops any that could match everything. */
export function compileRules(rules: StoredRule[]): CompiledRule[] {
  return rules
    .map((rule) => ({ rule, project: norm(rule.project_name), tags: rule.tags.map(norm).filter((t): t is string => t !== null) }))
    .filter((c) => hasCriterion(c) && (c.rule.deal_id !== null || c.rule.task_id !== null));
}

/** Whether every criterion the rule sets holds for the entry (texts compared case-insensitively). */
export function ruleMatches(c: CompiledRule, input: RuleMatchInput, entryTags: ReadonlySet<string>): boolean {
  const { rule } = c;
  if (c.project !== null) {
    const project = norm(input.project_name);
    if (project === null || (rule.project_match === 'contains' ? !project.includes(c.project) : project !== c.project)) return false;
  }
  if (c.tags.some((t) => !entryTags.has(t))) return false;
  if (rule.user_id !== null && rule.user_id.toLowerCase() !== (input.resolved_user_id ?? '').toLowerCase()) return false;
  if (rule.employee_id !== null && rule.employee_id !== (input.employee_id ?? '').trim()) return false;
  if (rule.activity_type !== null && rule.activity_type !== input.activity_type) return false;
  return true;
}

/** The first rule (in order) that matches the entry, as the DealMatcher records it; null when none does. */
export function firstMatch(rules: CompiledRule[], input: RuleMatchInput): RuleMatch | null {
  const entryTags = new Set((input.tags ?? []).map(norm).filter((t): t is string => t !== null));
  const hit = rules.find((c) => ruleMatches(c, input, entryTags));
  return hit ? { deal_id: hit.rule.deal_id, task_id: hit.rule.task_id, account_id: hit.rule.account_id, mapping_rule: `rule:${hit.rule.id}` } : null;
}

/**
 * The DealMatcher's rule step: one query per batch loads the organization's enabled rules with
 * their targets, then each entry takes the first rule (priority, then age) whose criteria all
 * hold. Recorded on the entry as `rule:<rule id>`. Answers one element per input, in order
 * (null: no rule matched), and only ids of `organizationId`.
 */
@Injectable()
export class RuleMatcher {
  constructor(private readonly lookup: RuleLookupRepository) {}

  async match(manager: EntityManager, organizationId: string, inputs: RuleMatchInput[]): Promise<(RuleMatch | null)[]> {
    if (inputs.length === 0) return [];
    const rules = compileRules(await this.lookup.enabledRules(manager, organizationId));
    if (rules.length === 0) return inputs.map(() => null);
    return inputs.map((input) => firstMatch(rules, input));
  }
}
