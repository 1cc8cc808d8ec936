import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface UserRow {
  id: string;
  linked_employee_id: string | null;
}
export interface TaskDealRow {
  task_id: string;
  deal_id: string | null;
  account_id: string | null;
}
export interface DealRow {
  deal_id: string;
  account_id: string | null;
}
export interface AccountRow {
  id: string;
  /** lower-cased */
  name: string;
  /** lower-cased */
  domain: string | null;
}
export interface FuzzyCandidateRow {
  project_name: string;
  deal_id: string;
  account_id: string | null;
  score: number;
}

/** The well-formed ids a batch of entries names (see DealMatcher.referenceIds). */
export interface ReferenceIds {
  userIds: string[];
  employeeIds: string[];
  taskIds: string[];
  dealIds: string[];
}
/** The organization's records among them: the people and explicit steps of the DealMatcher decide from these. */
export interface MappingReferences {
  users: UserRow[];
  tasks: TaskDealRow[];
  deals: DealRow[];
}

/** Deals in a won or lost stage are closed (closed_at set): never chosen by the client-tag or fuzzy steps. */
const OPEN_DEAL = `closed_at IS NULL`;

/**
 * Read-only, set-based queries of the DealMatcher: each takes every id/name of a batch at once and
 * is scoped to one organization (ids of other organizations simply do not come back).
 * Callers pass only well-formed UUIDs in the uuid arrays.
 */
@Injectable()
export class DealMatcherRepository {
  /** The users, tasks (with their deal's account) and deals an entry names, in one statement. */
  async references(m: EntityManager, organizationId: string, ids: ReferenceIds): Promise<MappingReferences> {
    const [row]: { refs: MappingReferences }[] = await m.query(`SELECT ${DealMatcherRepository.referencesSql('$1', '$2', '$3', '$4', '$5')} AS refs`, [
      organizationId, ids.userIds, ids.employeeIds, ids.taskIds, ids.dealIds,
    ]);
    return row.refs;
  }

  /**
   * The JSON (MappingReferences) of `references` as an SQL expression of its parameters'
   * placeholders: for a statement that reads them together with other rows (ingestion's locking read).
   */
  static referencesSql(org: string, userIds: string, employeeIds: string, taskIds: string, dealIds: string): string {
    return `json_build_object(
         'users', coalesce((SELECT json_agg(json_build_object('id', u.id, 'linked_employee_id', u.linked_employee_id)) FROM users u
                             WHERE u.organization_id = ${org} AND (u.id = ANY(${userIds}::uuid[]) OR u.linked_employee_id = ANY(${employeeIds}::text[]))), '[]'),
         'tasks', coalesce((SELECT json_agg(json_build_object('task_id', t.id, 'deal_id', t.deal_id, 'account_id', d.account_id)) FROM tasks t
                              LEFT JOIN deals d ON d.organization_id = t.organization_id AND d.id = t.deal_id
                             WHERE t.organization_id = ${org} AND t.id = ANY(${taskIds}::uuid[])), '[]'),
         'deals', coalesce((SELECT json_agg(json_build_object('deal_id', d.id, 'account_id', d.account_id)) FROM deals d
                             WHERE d.organization_id = ${org} AND d.id = ANY(${dealIds}::uuid[])), '[]'))`;
  }

  /** Accounts whose name or domain equals one of the (lower-cased) names, case-insensitively. */
  async accountsByClientNames(m: EntityManager, organizationId: string, names: string[]): Promise<AccountRow[]> {
    return m.query(
      `SELECT id, lower(name) AS name, lower(domain) AS domain FROM accounts
        WHERE organization_id = $1 AND (lower(name) = ANY($2::text[]) OR lower(domain) = ANY($2::text[]))`,
      [organizationId, names],
    );
  }

  async openDealsOfAccounts(m: EntityManager, organizationId: string, accountIds: string[]): Promise<DealRow[]> {
    return m.query(
      `SELECT id AS deal_id, account_id FROM deals WHERE organization_id = $1 AND account_id = ANY($2::uuid[]) AND ${OPEN_DEAL}`,
      [organizationId, accountIds],
    );
  }

  /**
   * For each project name, the best open deals whose name — or whose account's name, when that
   * account has exactly one open deal — has pg_trgm similarity >= threshold; one row per
   * (name, deal) with its best score, the top `perName` per name, best first.
   *
   * Uses the `%` operator so the trigram GIN indexes (deals_name_trgm_idx, accounts_name_trgm_idx)
   * do the work (a plain similarity() scan is names x deals: seconds for a large batch). `%` reads
   * pg_trgm.similarity_threshold, so the threshold is set transaction-locally around the query and
   * restored after it (3 queries; runs in a transaction of its own when the caller has none); so is
   * plan_cache_mode `auto`, as ingestion asks for generic plans (TimeEntriesRepository.withGenericPlans)
   * and this query's plan depends on the names' count.
   */
  async fuzzyDealCandidates(m: EntityManager, organizationId: string, projectNames: string[], threshold: number, perName = 3): Promise<FuzzyCandidateRow[]> {
    if (!m.queryRunner?.isTransactionActive) return m.transaction((tm) => this.fuzzyDealCandidates(tm, organizationId, projectNames, threshold, perName));
    const [{ previous, plans }]: Array<{ previous: string | null; plans: string }> = await m.query(
      `SELECT current_setting('pg_trgm.similarity_threshold', true) AS previous, set_config('pg_trgm.similarity_threshold', $1, true),
              current_setting('plan_cache_mode') AS plans, set_config('plan_cache_mode', 'auto', true)`,
      [String(threshold)],
    );
    const rows: Array<Omit<FuzzyCandidateRow, 'score'> & { score: number | string }> = await m.query(
      `WITH q AS (SELECT DISTINCT unnest($2::text[]) AS project_name),
       hits AS (
         SELECT q.project_name, d.id AS deal_id, d.account_id, similarity(d.name, q.project_name) AS score
           FROM q JOIN deals d ON d.organization_id = $1 AND d.name % q.project_name AND d.${OPEN_DEAL}
         UNION ALL
         SELECT q.project_name, (array_agg(od.id))[1], a.id, similarity(a.name, q.project_name)
           FROM q JOIN accounts a ON a.organization_id = $1 AND a.name % q.project_name
           JOIN deals od ON od.organization_id = a.organization_id AND od.account_id = a.id AND od.${OPEN_DEAL}
          GROUP BY q.project_name, a.id, a.name
         HAVING count(*) = 1),
       best AS (
         SELECT project_name, deal_id, account_id, max(score) AS score
           FROM hits WHERE score >= $3 GROUP BY project_name, deal_id, account_id),
       ranked AS (
         SELECT best.*, row_number() OVER (PARTITION BY project_name ORDER BY score DESC, deal_id) AS rn FROM best)
       SELECT project_name, deal_id, account_id, score FROM ranked WHERE rn <= $4 ORDER BY project_name, rn`,
      [organizationId, projectNames, threshold, perName],
    );
    await m.query(`SELECT set_config('pg_trgm.similarity_threshold', $1, true), set_config('plan_cache_mode', $2, true)`, [previous, plans]);
    return rows.map((r) => ({ ...r, score: Number(r.score) }));
  }
}
