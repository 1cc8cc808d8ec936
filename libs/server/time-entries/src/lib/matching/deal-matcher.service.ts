import { Injectable } from '@nestjs/common';
import { Env } from '@clockwork/server-core';
import type { EntityManager } from 'typeorm';
import { type FuzzyCandidateRow, DealMatcherRepository, MappingReferences, ReferenceIds } from './deal-matcher.repository';
import type { MappingInput, MappingResult, RuleMatch, UnmappedReason } from './matching.types';
import { RuleMatcher } from './rule-matcher.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Two different deals whose top scores are this close are a tie (unmapped, ambiguous_match). */
export const FUZZY_TIE_EPSILON = 0.01;

const uuidOrNull = (value: string | null | undefined): string | null => (typeof value === 'string' && UUID.test(value.trim()) ? value.trim().toLowerCase() : null);
const textOrNull = (value: string | null | undefined): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

/** The name of the first `client:<name>` tag (prefix case-insensitive), lower-cased and trimmed. */
export function clientTagName(tags: readonly unknown[] | undefined): string | null {
  for (const tag of tags ?? []) {
    if (typeof tag !== 'string') continue;
    const match = /^\s*client\s*:(.*)$/i.exec(tag);
    const name = match?.[1].trim().toLowerCase();
    if (name) return name;
  }
  return null;
}

/** Per entry, while it is being mapped. */
interface Work {
  input: MappingInput;
  user: string | null;
  result: MappingResult | null;
}

const unique = <T>(values: Iterable<T | null>): T[] => [...new Set([...values].filter((v): v is T => v !== null))];

/**
 * Maps time entries to the organization's users, tasks, deals and accounts. Steps, in order; the
 * first that decides wins:
 *  1. person: `user_id` (a user of the organization), else the user whose linked_employee_id is
 *     `employee_id`; an employee_id without a linked user -> unmapped `unknown_employee`;
 *  2. explicit `task_id` (its deal and the deal's account) -> `explicit_task`, else explicit
 *     `deal_id` -> `explicit_deal`; ids of other organizations (or malformed) count as absent;
 *  3. manager-defined mapping rules (RuleMatcher: the first enabled rule, by priority then age);
 *  4. `client:<name>` tag -> the account with that name (else domain) -> its single open deal
 *     -> `client_tag`; none or several open deals (or several such accounts) -> unmapped
 *     `client_ambiguous`; no such account -> next step;
 *  5. fuzzy project_name (pg_trgm similarity >= MAPPING_FUZZY_THRESHOLD) on open deals' names and
 *     on the names of accounts with a single open deal -> `fuzzy_project`; two different deals
 *     within FUZZY_TIE_EPSILON of the top -> unmapped `ambiguous_match`;
 *  6. unmapped `no_match`.
 * Read-only; uses the caller's EntityManager (its transaction) and a constant number of queries
 * per batch, whatever its size. Steps 1 and 2 decide from one read (`references`), which a caller
 * may have made already with its own statement (ingestion reads them with its locking read).
 */
@Injectable()
export class DealMatcher {
  constructor(
    private readonly repository: DealMatcherRepository,
    private readonly env: Env,
    private readonly rules: RuleMatcher,
  ) {}

  async map(manager: EntityManager, organizationId: string, input: MappingInput): Promise<MappingResult> {
    return (await this.mapMany(manager, organizationId, [input]))[0];
  }

  /** The ids steps 1 and 2 look up for these entries (well-formed ones only). */
  static referenceIds(inputs: MappingInput[]): ReferenceIds {
    return {
      userIds: unique(inputs.map((i) => uuidOrNull(i.user_id))),
      employeeIds: unique(inputs.map((i) => textOrNull(i.employee_id))),
      taskIds: unique(inputs.map((i) => uuidOrNull(i.task_id))),
      dealIds: unique(inputs.map((i) => uuidOrNull(i.deal_id))),
    };
  }

  /**
   * Maps a batch; results in input order. At most 6 queries (plus the rule matcher's one), whatever
   * the size; `references`: the records of referenceIds(inputs) (or of more entries), read by the caller.
   */
  async mapMany(manager: EntityManager, organizationId: string, inputs: MappingInput[], references?: MappingReferences): Promise<MappingResult[]> {
    const work: Work[] = inputs.map((input) => ({ input, user: null, result: null }));
    const refs = references ?? (await this.references(manager, organizationId, inputs));
    this.resolvePeople(refs, work);
    this.explicitReferences(refs, work);
    await this.mappingRules(manager, organizationId, work);
    await this.clientTags(manager, organizationId, work);
    await this.fuzzyProjects(manager, organizationId, work);
    return work.map((w) => w.result ?? unmapped(w.user, 'no_match'));
  }

  private async references(m: EntityManager, org: string, inputs: MappingInput[]): Promise<MappingReferences> {
    const ids = DealMatcher.referenceIds(inputs);
    const none = !ids.userIds.length && !ids.employeeIds.length && !ids.taskIds.length && !ids.dealIds.length;
    return none ? { users: [], tasks: [], deals: [] } : this.repository.references(m, org, ids);
  }

  private resolvePeople(refs: MappingReferences, work: Work[]): void {
    const byId = new Set(refs.users.map((r) => r.id));
    const byEmployee = new Map(refs.users.filter((r) => r.linked_employee_id !== null).map((r) => [r.linked_employee_id as string, r.id]));
    for (const w of work) {
      const userId = uuidOrNull(w.input.user_id);
      if (userId && byId.has(userId)) {
        w.user = userId;
        continue;
      }
      const employeeId = textOrNull(w.input.employee_id);
      if (employeeId === null) continue;
      const linked = byEmployee.get(employeeId);
      if (linked) w.user = linked;
      else w.result = unmapped(null, 'unknown_employee');
    }
  }

  private explicitReferences(refs: MappingReferences, work: Work[]): void {
    const tasks = new Map(refs.tasks.map((t) => [t.task_id, t]));
    const deals = new Map(refs.deals.map((d) => [d.deal_id, d]));
    for (const w of work.filter((w) => !w.result)) {
      const task = tasks.get(uuidOrNull(w.input.task_id) ?? '');
      if (task) {
        w.result = mapped(w.user, { task_id: task.task_id, deal_id: task.deal_id, account_id: task.deal_id ? task.account_id : null, mapping_rule: 'explicit_task' });
        continue;
      }
      const deal = deals.get(uuidOrNull(w.input.deal_id) ?? '');
      if (deal) w.result = mapped(w.user, { task_id: null, deal_id: deal.deal_id, account_id: deal.account_id, mapping_rule: 'explicit_deal' });
    }
  }

  private async mappingRules(m: EntityManager, org: string, work: Work[]): Promise<void> {
    const open = work.filter((w) => !w.result);
    if (!open.length) return;
    const matches = await this.rules.match(m, org, open.map((w) => ({ ...w.input, resolved_user_id: w.user })));
    open.forEach((w, i) => {
      const match = matches[i];
      if (match) w.result = mapped(w.user, match);
    });
  }

  private async clientTags(m: EntityManager, org: string, work: Work[]): Promise<void> {
    const open = work.filter((w) => !w.result && clientTagName(w.input.tags) !== null);
    const names = unique(open.map((w) => clientTagName(w.input.tags)));
    if (!names.length) return;
    const accounts = await this.repository.accountsByClientNames(m, org, names);
    /** The accounts a name designates: those named so, else those with that domain. */
    const accountsOf = new Map<string, string[]>();
    for (const name of names) {
      const byName = accounts.filter((a) => a.name === name);
      const matches = byName.length ? byName : accounts.filter((a) => a.domain === name);
      if (matches.length) accountsOf.set(name, matches.map((a) => a.id));
    }
    const accountIds = unique([...accountsOf.values()].flat());
    const openDeals = accountIds.length ? await this.repository.openDealsOfAccounts(m, org, accountIds) : [];
    for (const w of open) {
      const ids = accountsOf.get(clientTagName(w.input.tags) as string);
      if (!ids) continue; // no such client: the fuzzy step may still find the work
      if (ids.length > 1) {
        w.result = unmapped(w.user, 'client_ambiguous');
        continue;
      }
      const deals = openDeals.filter((d) => d.account_id === ids[0]);
      w.result =
        deals.length === 1
          ? mapped(w.user, { task_id: null, deal_id: deals[0].deal_id, account_id: ids[0], mapping_rule: 'client_tag' })
          : { ...unmapped(w.user, 'client_ambiguous'), account_id: ids[0] };
    }
  }

  private async fuzzyProjects(m: EntityManager, org: string, work: Work[]): Promise<void> {
    const open = work.filter((w) => !w.result && textOrNull(w.input.project_name) !== null);
    const names = unique(open.map((w) => textOrNull(w.input.project_name)));
    if (!names.length) return;
    const rows = await this.repository.fuzzyDealCandidates(m, org, names, this.env.MAPPING_FUZZY_THRESHOLD);
    const byName = new Map<string, FuzzyCandidateRow[]>();
    for (const row of rows) byName.set(row.project_name, [...(byName.get(row.project_name) ?? []), row]);
    for (const w of open) {
      const candidates = [...(byName.get(textOrNull(w.input.project_name) as string) ?? [])].sort((a, b) => b.score - a.score);
      if (!candidates.length) continue;
      const [best, ...rest] = candidates;
      const tie = rest.some((c) => c.deal_id !== best.deal_id && best.score - c.score <= FUZZY_TIE_EPSILON);
      w.result = tie
        ? unmapped(w.user, 'ambiguous_match')
        : mapped(w.user, { task_id: null, deal_id: best.deal_id, account_id: best.account_id, mapping_rule: 'fuzzy_project' });
    }
  }
}

function mapped(user: string | null, match: RuleMatch): MappingResult {
  return { user_id: user, deal_id: match.deal_id, task_id: match.task_id, account_id: match.account_id, mapping_status: 'mapped', mapping_rule: match.mapping_rule, unmapped_reason: null };
}

function unmapped(user: string | null, reason: UnmappedReason): MappingResult {
  return { user_id: user, deal_id: null, task_id: null, account_id: null, mapping_status: 'unmapped', mapping_rule: null, unmapped_reason: reason };
}
