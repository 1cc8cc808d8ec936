import { dismissalKey, PatternCount, ruleBody, RuleCriteria, ruleCovers, suggestedRules } from './suggested-rules.rules';

const rule = (r: Partial<RuleCriteria>): RuleCriteria => ({ project_name: null, project_match: 'equals', tags: [], user_id: null, employee_id: null, activity_type: null, ...r });
const pattern = (p: Partial<PatternCount>): PatternCount => ({ kind: 'tag', value: 'design', deal_id: 'D1', decisions: 5, pattern_decisions: 5, ...p });

describe('suggested rules', () => {
  it('offers a pattern assigned the same way N times or more, and not below N', () => {
    const out = suggestedRules([pattern({ decisions: 5 }), pattern({ value: 'audit', decisions: 4, pattern_decisions: 4 })], [], new Set(), 5);
    expect(out.map((s) => s.value)).toEqual(['design']);
    expect(out[0].rule).toEqual({ name: 'Learned: tag "design"', tags: ['design'], deal_id: 'D1' });
  });

  it('needs 80 % of the pattern’s decisions on the deal', () => {
    expect(suggestedRules([pattern({ decisions: 8, pattern_decisions: 10 })], [], new Set(), 5)).toHaveLength(1);
    expect(suggestedRules([pattern({ decisions: 7, pattern_decisions: 10 })], [], new Set(), 5)).toHaveLength(0);
  });

  it('leaves out patterns a rule covers, whatever its target, and dismissed ones', () => {
    expect(ruleCovers(rule({ project_name: 'Acme Web' }), 'project_name', 'acme web')).toBe(true);
    expect(ruleCovers(rule({ project_name: 'acme', project_match: 'contains' }), 'project_name', 'acme web')).toBe(true);
    expect(ruleCovers(rule({ project_name: 'acme' }), 'project_name', 'acme web')).toBe(false);
    expect(ruleCovers(rule({ tags: ['Design'] }), 'tag', 'design')).toBe(true);
    expect(ruleCovers(rule({ employee_id: 'emp-1' }), 'employee_id', 'emp-1')).toBe(true);
    expect(ruleCovers(rule({ activity_type: 'website' }), 'activity_type', 'app')).toBe(false);
    const p = pattern({});
    expect(suggestedRules([p], [rule({ tags: ['design'] })], new Set(), 5)).toEqual([]);
    expect(suggestedRules([p], [], new Set([dismissalKey(p)]), 5)).toEqual([]);
  });

  it('sorts by decisions and builds the rule body of each kind', () => {
    const out = suggestedRules([pattern({ decisions: 6, pattern_decisions: 6 }), pattern({ kind: 'project_name', value: 'acme web', decisions: 9, pattern_decisions: 9 })], [], new Set(), 5);
    expect(out.map((s) => s.decisions)).toEqual([9, 6]);
    expect(ruleBody('project_name', 'acme web', 'D')).toEqual({ name: 'Learned: project "acme web"', project_name: 'acme web', project_match: 'equals', deal_id: 'D' });
    expect(ruleBody('employee_id', 'emp-7', 'D')).toEqual({ name: 'Learned: employee "emp-7"', employee_id: 'emp-7', deal_id: 'D' });
    expect(ruleBody('activity_type', 'website', 'D')).toMatchObject({ activity_type: 'website' });
  });
});
