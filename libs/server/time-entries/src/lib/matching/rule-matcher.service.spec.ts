import type { RuleMatchInput } from './matching.types';
import type { EntityManager } from 'typeorm';
import type { RuleLookupRepository } from './rule-lookup.repository';
import { compileRules, firstMatch, RuleMatcher, StoredRule } from './rule-matcher.service';

const rule = (id: string, over: Partial<StoredRule> = {}): StoredRule => ({
  id, project_name: null, project_match: 'equals', tags: [], user_id: null, employee_id: null, activity_type: null, deal_id: `deal-${id}`, task_id: null, account_id: `acc-${id}`, ...over,
});
const entry = (over: Partial<RuleMatchInput> = {}): RuleMatchInput => ({ resolved_user_id: null, tags: [], activity_type: 'app', ...over });
const match = (rules: StoredRule[], input: RuleMatchInput) => firstMatch(compileRules(rules), input)?.mapping_rule ?? null;

describe('mapping rule matcher', () => {
  it('project_name: equals is the whole name, contains a part, both case- and space-insensitive', () => {
    const equals = rule('eq', { project_name: 'Website Relaunch' });
    const contains = rule('in', { project_name: 'ACME', project_match: 'contains' });
    expect(match([equals], entry({ project_name: '  website relaunch ' }))).toBe('rule:eq');
    expect(match([equals], entry({ project_name: 'Website Relaunch 2' }))).toBeNull();
    expect(match([contains], entry({ project_name: 'Support for acme corp' }))).toBe('rule:in');
    expect(match([contains], entry({ project_name: 'Globex' }))).toBeNull();
    expect(match([equals, contains], entry({}))).toBeNull();
  });

  it('tags: every tag of the rule must be on the entry, case-insensitively; more on the entry is fine', () => {
    const r = rule('t', { tags: ['Design', 'client:acme'] });
    expect(match([r], entry({ tags: ['design', 'CLIENT:ACME', 'extra'] }))).toBe('rule:t');
    expect(match([r], entry({ tags: ['design'] }))).toBeNull();
  });

  it('employee: the resolved user, or the employee_id as sent', () => {
    expect(match([rule('u', { user_id: 'AB-user' })], entry({ resolved_user_id: 'ab-user' }))).toBe('rule:u');
    expect(match([rule('u', { user_id: 'ab-user' })], entry({ resolved_user_id: null, user_id: 'ab-user' }))).toBeNull();
    expect(match([rule('e', { employee_id: 'emp-7' })], entry({ employee_id: ' emp-7 ' }))).toBe('rule:e');
    expect(match([rule('e', { employee_id: 'emp-7' })], entry({ employee_id: 'emp-8' }))).toBeNull();
  });

  it('activity_type must be equal', () => {
    expect(match([rule('w', { activity_type: 'website' })], entry({ activity_type: 'website' }))).toBe('rule:w');
    expect(match([rule('w', { activity_type: 'website' })], entry({ activity_type: 'app' }))).toBeNull();
  });

  it('all criteria must hold together', () => {
    const r = rule('all', { project_name: 'Apollo', tags: ['dev'], employee_id: 'emp-1', activity_type: 'app' });
    const full = entry({ project_name: 'apollo', tags: ['Dev'], employee_id: 'emp-1', activity_type: 'app' });
    expect(match([r], full)).toBe('rule:all');
    for (const miss of [{ project_name: 'Zeus' }, { tags: [] }, { employee_id: 'emp-2' }, { activity_type: 'manual' }]) expect(match([r], { ...full, ...miss })).toBeNull();
  });

  it('the first matching rule in the given order wins (priority, then age) and names its target', () => {
    const rules = [rule('first', { tags: ['a'] }), rule('second', { tags: ['a'], activity_type: 'app' })];
    expect(firstMatch(compileRules(rules), entry({ tags: ['a'] }))).toEqual({ deal_id: 'deal-first', task_id: null, account_id: 'acc-first', mapping_rule: 'rule:first' });
    expect(match([rules[1], rules[0]], entry({ tags: ['a'] }))).toBe('rule:second');
  });

  it('never uses a rule without a criterion or without a target', () => {
    expect(compileRules([rule('none'), rule('blank', { project_name: '  ', tags: [' '] }), rule('nowhere', { tags: ['a'], deal_id: null })])).toEqual([]);
    expect(match([rule('none')], entry())).toBeNull();
  });
});

describe('RuleMatcher', () => {
  const manager = {} as EntityManager;
  const setup = (rules: StoredRule[]) => {
    const lookup = { enabledRules: jest.fn(async () => rules) } as unknown as jest.Mocked<RuleLookupRepository>;
    return { matcher: new RuleMatcher(lookup), lookup };
  };

  it('loads the enabled rules once per batch and answers one element per input, in order', async () => {
    const { matcher, lookup } = setup([rule('a', { tags: ['a'] }), rule('b', { tags: ['b'] })]);
    const answers = await matcher.match(manager, 'org-1', [entry({ tags: ['b'] }), entry({ tags: ['c'] }), entry({ tags: ['a', 'b'] })]);
    expect(answers.map((a) => a?.mapping_rule ?? null)).toEqual(['rule:b', null, 'rule:a']);
    expect(lookup.enabledRules).toHaveBeenCalledTimes(1);
    expect(lookup.enabledRules).toHaveBeenCalledWith(manager, 'org-1');
  });

  it('costs no query for an empty batch, and answers null for every entry when no rule is usable', async () => {
    const empty = setup([rule('x', { tags: ['a'] })]);
    expect(await empty.matcher.match(manager, 'org-1', [])).toEqual([]);
    expect(empty.lookup.enabledRules).not.toHaveBeenCalled();
    const unusable = setup([rule('none')]);
    expect(await unusable.matcher.match(manager, 'org-1', [entry(), entry({ tags: ['a'] })])).toEqual([null, null]);
  });
});
