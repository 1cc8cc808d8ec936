/** What the DealMatcher needs of a time entry (snake_case, as the productivity platform sends it). */
export interface MappingInput {
  user_id?: string | null;
  employee_id?: string | null;
  deal_id?: string | null;
  task_id?: string | null;
  project_name?: string | null;
  tags?: string[];
  activity_type?: string;
}

export const MAPPING_RULES = ['explicit_task', 'explicit_deal', 'client_tag', 'fuzzy_project'] as const;
export type BuiltInMappingRule = (typeof MAPPING_RULES)[number];

export const UNMAPPED_REASONS = ['unknown_employee', 'client_ambiguous', 'ambiguous_match', 'no_match'] as const;
export type UnmappedReason = (typeof UNMAPPED_REASONS)[number];

/**
 * The outcome of mapping one entry. `mapping_rule` names the step that mapped it (a built-in
 * rule, or `rule:<id>` for a manager-defined mapping rule); it is null when the entry is unmapped, and
 * `unmapped_reason` then says why. `user_id` is resolved even when the work is unmapped
 * (except for `unknown_employee`); `account_id` is kept for `client_ambiguous`.
 */
export interface MappingResult {
  user_id: string | null;
  deal_id: string | null;
  task_id: string | null;
  account_id: string | null;
  mapping_status: 'mapped' | 'unmapped';
  mapping_rule: string | null;
  unmapped_reason: string | null;
}

/** An entry handed to the RuleMatcher: the input plus the user already resolved for it. */
export interface RuleMatchInput extends MappingInput {
  resolved_user_id: string | null;
}

/** A decision of the RuleMatcher: already-resolved ids of the organization, and the rule's name. */
export interface RuleMatch {
  deal_id: string | null;
  task_id: string | null;
  account_id: string | null;
  /** Recorded as the entry's mapping_rule, e.g. `rule:<rule id>`. */
  mapping_rule: string;
}
