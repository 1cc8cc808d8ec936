import type { Env } from '@clockwork/server-core';
import type { EntityManager } from 'typeorm';
import { clientTagName, DealMatcher } from './deal-matcher.service';
import type { AccountRow, DealMatcherRepository, DealRow, FuzzyCandidateRow, TaskDealRow, UserRow } from './deal-matcher.repository';
import type { RuleMatch } from './matching.types';
import type { RuleMatcher } from './rule-matcher.service';

const ORG = 'org-1';
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const U1 = id(1);
const U2 = id(2);
const TASK = id(10);
const DEAL = id(20);
const DEAL2 = id(21);
const ACCOUNT = id(30);

interface Data {
  users?: UserRow[];
  tasks?: TaskDealRow[];
  deals?: DealRow[];
  accounts?: AccountRow[];
  openDeals?: DealRow[];
  fuzzy?: FuzzyCandidateRow[];
}

/** No manager-defined rule matches unless a test gives its own rule step. */
const noRules = () => ({ match: jest.fn(async (_m: EntityManager, _o: string, inputs: unknown[]) => inputs.map(() => null)) });

function setup(data: Data = {}, rules: Pick<RuleMatcher, 'match'> = noRules()) {
  const repository = {
    references: jest.fn(async () => ({ users: data.users ?? [], tasks: data.tasks ?? [], deals: data.deals ?? [] })),
    accountsByClientNames: jest.fn(async () => data.accounts ?? []),
    openDealsOfAccounts: jest.fn(async () => data.openDeals ?? []),
    fuzzyDealCandidates: jest.fn(async () => data.fuzzy ?? []),
  } as unknown as jest.Mocked<DealMatcherRepository>;
  const matcher = new DealMatcher(repository, { MAPPING_FUZZY_THRESHOLD: 0.45 } as Env, rules as RuleMatcher);
  return { matcher, repository, manager: {} as EntityManager };
}

const unmapped = (reason: string, over: object = {}) => ({ deal_id: null, task_id: null, account_id: null, mapping_status: 'unmapped', mapping_rule: null, unmapped_reason: reason, ...over });

describe('DealMatcher decision order', () => {
  it('prefers a user_id of the organization over the employee link', async () => {
    const { matcher, manager, repository } = setup({ users: [{ id: U1, linked_employee_id: null }, { id: U2, linked_employee_id: 'emp-2' }] });
    const result = await matcher.map(manager, ORG, { user_id: U1, employee_id: 'emp-2' });
    expect(result).toEqual({ user_id: U1, ...unmapped('no_match') });
    expect(repository.references).toHaveBeenCalledWith(manager, ORG, { userIds: [U1], employeeIds: ['emp-2'], taskIds: [], dealIds: [] });
  });

  it('resolves the user through linked_employee_id when user_id is not of the organization', async () => {
    const { matcher, manager } = setup({ users: [{ id: U2, linked_employee_id: 'emp-2' }], deals: [{ deal_id: DEAL, account_id: ACCOUNT }] });
    const result = await matcher.map(manager, ORG, { user_id: U1, employee_id: 'emp-2', deal_id: DEAL });
    expect(result).toMatchObject({ user_id: U2, deal_id: DEAL, mapping_rule: 'explicit_deal' });
  });

  it('stops at an unknown employee: unmapped, nothing else resolved', async () => {
    const { matcher, manager, repository } = setup({ deals: [{ deal_id: DEAL, account_id: ACCOUNT }] });
    const result = await matcher.map(manager, ORG, { employee_id: 'ghost', deal_id: DEAL, tags: ['client:Acme'] });
    expect(result).toEqual({ user_id: null, ...unmapped('unknown_employee') });
    expect(repository.accountsByClientNames).not.toHaveBeenCalled();
  });

  it('an explicit task wins over an explicit deal and brings its deal and account', async () => {
    const { matcher, manager } = setup({ tasks: [{ task_id: TASK, deal_id: DEAL2, account_id: ACCOUNT }], deals: [{ deal_id: DEAL, account_id: null }] });
    const result = await matcher.map(manager, ORG, { task_id: TASK, deal_id: DEAL, project_name: 'Anything' });
    expect(result).toEqual({ user_id: null, task_id: TASK, deal_id: DEAL2, account_id: ACCOUNT, mapping_status: 'mapped', mapping_rule: 'explicit_task', unmapped_reason: null });
  });

  it('ignores a task or deal id the organization does not have (or a malformed one) and goes on', async () => {
    const { matcher, manager, repository } = setup({ fuzzy: [{ project_name: 'Website', deal_id: DEAL2, account_id: null, score: 0.9 }] });
    const result = await matcher.map(manager, ORG, { task_id: TASK, deal_id: 'not-a-uuid', project_name: ' Website ' });
    expect(result).toMatchObject({ deal_id: DEAL2, mapping_rule: 'fuzzy_project', mapping_status: 'mapped' });
    // the malformed deal id is not looked up
    expect(repository.references).toHaveBeenCalledWith(manager, ORG, { userIds: [], employeeIds: [], taskIds: [TASK], dealIds: [] });
    expect(repository.fuzzyDealCandidates).toHaveBeenCalledWith(manager, ORG, ['Website'], 0.45);
  });

  it('consults the mapping rules after the explicit step and before the client tag', async () => {
    const match: RuleMatch = { deal_id: DEAL2, task_id: null, account_id: ACCOUNT, mapping_rule: 'rule:r1' };
    const rules = { match: jest.fn(async (_m: EntityManager, _o: string, inputs: unknown[]) => inputs.map((_, i) => (i === 0 ? match : null))) };
    const { matcher, manager, repository } = setup({ deals: [{ deal_id: DEAL, account_id: null }] }, rules);
    const results = await matcher.mapMany(manager, ORG, [{ deal_id: DEAL }, { tags: ['client:acme'] }, { project_name: 'zzz' }]);
    expect(results.map((r) => r.mapping_rule)).toEqual(['explicit_deal', 'rule:r1', null]);
    expect(results[1]).toMatchObject({ deal_id: DEAL2, account_id: ACCOUNT, mapping_status: 'mapped' });
    expect(rules.match.mock.calls[0][2]).toHaveLength(2); // the explicit entry was decided already
    expect(repository.accountsByClientNames).not.toHaveBeenCalled();
  });

  it('maps a client tag to the account single open deal, by name then by domain', async () => {
    const { matcher, manager, repository } = setup({
      accounts: [{ id: ACCOUNT, name: 'acme corp', domain: 'acme.com' }],
      openDeals: [{ deal_id: DEAL, account_id: ACCOUNT }],
    });
    const [byName, byDomain] = await matcher.mapMany(manager, ORG, [{ tags: ['other', ' Client: ACME Corp '] }, { tags: ['client:acme.com'] }]);
    expect(byName).toMatchObject({ deal_id: DEAL, account_id: ACCOUNT, mapping_rule: 'client_tag', mapping_status: 'mapped' });
    expect(byDomain).toMatchObject({ deal_id: DEAL, account_id: ACCOUNT, mapping_rule: 'client_tag' });
    expect(repository.accountsByClientNames).toHaveBeenCalledWith(manager, ORG, ['acme corp', 'acme.com']);
  });

  it('a client with zero or several open deals is client_ambiguous, keeping the account', async () => {
    const two = setup({ accounts: [{ id: ACCOUNT, name: 'acme', domain: null }], openDeals: [{ deal_id: DEAL, account_id: ACCOUNT }, { deal_id: DEAL2, account_id: ACCOUNT }] });
    expect(await two.matcher.map(two.manager, ORG, { tags: ['client:acme'], project_name: 'x' })).toEqual({ user_id: null, ...unmapped('client_ambiguous', { account_id: ACCOUNT }) });
    const none = setup({ accounts: [{ id: ACCOUNT, name: 'acme', domain: null }] });
    expect(await none.matcher.map(none.manager, ORG, { tags: ['client:acme'] })).toMatchObject({ unmapped_reason: 'client_ambiguous', account_id: ACCOUNT });
    expect(none.repository.fuzzyDealCandidates).not.toHaveBeenCalled();
  });

  it('an unknown client falls through to the fuzzy step', async () => {
    const { matcher, manager } = setup({ fuzzy: [{ project_name: 'Site', deal_id: DEAL, account_id: ACCOUNT, score: 0.6 }] });
    expect(await matcher.map(manager, ORG, { tags: ['client:nobody'], project_name: 'Site' })).toMatchObject({ mapping_rule: 'fuzzy_project', deal_id: DEAL, account_id: ACCOUNT });
  });

  it('fuzzy: the best score wins; two deals within 0.01 of the top are ambiguous', async () => {
    const { matcher, manager } = setup({
      fuzzy: [
        { project_name: 'clear', deal_id: DEAL, account_id: null, score: 0.7 },
        { project_name: 'clear', deal_id: DEAL2, account_id: null, score: 0.68 },
        { project_name: 'tied', deal_id: DEAL, account_id: null, score: 0.6 },
        { project_name: 'tied', deal_id: DEAL2, account_id: null, score: 0.595 },
      ],
    });
    const [clear, tied, none] = await matcher.mapMany(manager, ORG, [{ project_name: 'clear' }, { project_name: 'tied' }, { project_name: 'nothing' }]);
    expect(clear).toMatchObject({ deal_id: DEAL, mapping_rule: 'fuzzy_project', mapping_status: 'mapped' });
    expect(tied).toEqual({ user_id: null, ...unmapped('ambiguous_match') });
    expect(none).toEqual({ user_id: null, ...unmapped('no_match') });
  });

  it('an entry with nothing to go on is no_match and costs no query', async () => {
    const { matcher, manager, repository } = setup();
    expect(await matcher.map(manager, ORG, { project_name: '  ', tags: [] })).toEqual({ user_id: null, ...unmapped('no_match') });
    for (const fn of Object.values(repository)) expect(fn).not.toHaveBeenCalled();
  });

  it('mapMany calls each query at most once for any batch size, in input order', async () => {
    const { matcher, manager, repository } = setup({
      users: [{ id: U1, linked_employee_id: 'e1' }],
      deals: [{ deal_id: DEAL, account_id: null }],
      accounts: [{ id: ACCOUNT, name: 'acme', domain: null }],
      openDeals: [{ deal_id: DEAL2, account_id: ACCOUNT }],
      fuzzy: [{ project_name: 'p', deal_id: DEAL, account_id: null, score: 1 }],
    });
    const inputs = Array.from({ length: 3000 }, (_, i) => [{ employee_id: 'e1', deal_id: DEAL }, { tags: ['client:acme'] }, { project_name: 'p' }][i % 3]);
    const results = await matcher.mapMany(manager, ORG, inputs);
    expect(results.map((r) => r.mapping_rule).slice(0, 6)).toEqual(['explicit_deal', 'client_tag', 'fuzzy_project', 'explicit_deal', 'client_tag', 'fuzzy_project']);
    expect(results[2999]).toMatchObject({ mapping_rule: 'fuzzy_project' });
    for (const fn of Object.values(repository)) expect((fn as jest.Mock).mock.calls.length).toBeLessThanOrEqual(1);
  });
});

describe('clientTagName', () => {
  it('reads the first non-empty client tag, case-insensitively and trimmed', () => {
    expect(clientTagName(['billable', 'CLIENT:  Acme Corp ', 'client:other'])).toBe('acme corp');
    expect(clientTagName(['client:', 'clientele', 'client: b'])).toBe('b');
    expect(clientTagName(undefined)).toBeNull();
  });
});

describe('DealMatcher references', () => {
  it('reads the people and explicit records of a batch once, and not at all when the caller gives them', async () => {
    const { matcher, manager, repository } = setup({ users: [{ id: U1, linked_employee_id: 'emp-1' }], deals: [{ deal_id: DEAL, account_id: ACCOUNT }] });
    const inputs = [{ user_id: U1, deal_id: DEAL }, { employee_id: 'emp-1', deal_id: DEAL2 }, { task_id: TASK }];
    await matcher.mapMany(manager, ORG, inputs);
    expect(repository.references).toHaveBeenCalledTimes(1);
    expect(repository.references).toHaveBeenCalledWith(manager, ORG, DealMatcher.referenceIds(inputs));
    expect(DealMatcher.referenceIds(inputs)).toEqual({ userIds: [U1], employeeIds: ['emp-1'], taskIds: [TASK], dealIds: [DEAL, DEAL2] });

    const given = await matcher.mapMany(manager, ORG, inputs, { users: [{ id: U1, linked_employee_id: 'emp-1' }], tasks: [], deals: [{ deal_id: DEAL2, account_id: null }] });
    expect(repository.references).toHaveBeenCalledTimes(1);
    // DEAL is not among the given records: that entry stays unmapped
    expect(given.map((r) => [r.user_id, r.deal_id, r.mapping_rule])).toEqual([[U1, null, null], [U1, DEAL2, 'explicit_deal'], [null, null, null]]);
  });
});
