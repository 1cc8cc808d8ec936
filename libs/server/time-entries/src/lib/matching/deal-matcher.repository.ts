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

/** Won and lost deals are closed: never chosen by the client-tag or fuzzy steps. */
const OPEN_DEAL = `stage NOT IN ('won', 'lost')`;

/**
 * Read-only, set-based queries of the DealMatcher: each takes every id/name of a batch at once and
 * is scoped to one organization (ids of other organizations simply do not come back).
 * Callers pass only well-formed UUIDs in the uuid arrays.
 */
@Injectable()
export class DealMatcherRepository {
  async usersByIdOrEmployee(m: EntityManager, organizationId: string, userIds: string[], employeeIds: string[]): Promise<UserRow[]> {
    return m.query(
      `SELECT id, linked_employee_id FROM users
        WHERE organization_id = $1 AND (id = ANY($2::uuid[]) OR linked_employee_id = ANY($3::text[]))`,
      [organizationId, userIds, employeeIds],
    );
  }

  async tasksWithDeals(m: EntityManager, organizationId: string, taskIds: string[]): Promise<TaskDealRow[]> {
    return m.query(
      `SELECT t.id AS task_id, t.deal_id, d.account_id
         FROM tasks t
         LEFT JOIN deals d ON d.organization_id = t.organization_id AND d.id = t.deal_id
        WHERE t.organization_id = $1 AND t.id = ANY($2::uuid[])`,
      [organizationId, taskIds],
    );
  }

  async dealsByIds(m: EntityManager, organizationId: string, dealIds: string[]): Promise<DealRow[]> {
    return m.query(`SELECT id AS deal_id, account_id FROM deals WHERE organization_id = $1 AND id = ANY($2::uuid[])`, [organizationId, dealIds]);
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
   * restored after it (3 queries; runs in a transaction of its own when the caller has none).
   */
  async fuzzyDealCandidates(m: EntityManager, organizationId: string, projectNames: string[], threshold: number, perName = 3): Promise<FuzzyCandidateRow[]> {
    if (!m.queryRunner?.isTransactionActive) return m.transaction((tm) => this.fuzzyDealCandidates(tm, organizationId, projectNames, threshold, perName));
    const [{ previous }]: Array<{ previous: string | null }> = await m.query(
      `SELECT current_setting('pg_trgm.similarity_threshold', true) AS previous, set_config('pg_trgm.similarity_threshold', $1, true)`,
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
    await m.query(`SELECT set_config('pg_trgm.similarity_threshold', $1, true)`, [previous]);
    return rows.map((r) => ({ ...r, score: Number(r.score) }));
  }
}
