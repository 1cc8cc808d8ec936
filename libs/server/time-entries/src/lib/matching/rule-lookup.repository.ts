import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { StoredRule } from './rule-matcher.service';

/**
 * Queries with an explicit organization (the worker has no signed-in caller): the enabled rules
 * for matching, and the records a rule or an assignment may point at.
 */
@Injectable()
export class RuleLookupRepository {
  /**
   * The organization's enabled rules in the order they are tried (priority, then age), each with
   * its target as an entry would get it: a task's deal (else the rule's deal) and that deal's account.
   */
  enabledRules(m: EntityManager, organizationId: string): Promise<StoredRule[]> {
    return m.query(
      `SELECT r.id, r.project_name, r.project_match, r.tags, r.user_id, r.employee_id, r.activity_type,
              coalesce(t.deal_id, r.deal_id) AS deal_id, r.task_id, d.account_id
         FROM mapping_rules r
         LEFT JOIN tasks t ON t.organization_id = r.organization_id AND t.id = r.task_id
         LEFT JOIN deals d ON d.organization_id = r.organization_id AND d.id = coalesce(t.deal_id, r.deal_id)
        WHERE r.organization_id = $1 AND r.enabled
        ORDER BY r.priority, r.created_at, r.id`,
      [organizationId],
    );
  }

  async deal(m: EntityManager, organizationId: string, id: string): Promise<{ id: string; account_id: string | null } | null> {
    const [row] = await m.query(`SELECT id, account_id FROM deals WHERE organization_id = $1 AND id = $2`, [organizationId, id]);
    return row ?? null;
  }

  async task(m: EntityManager, organizationId: string, id: string): Promise<{ id: string; deal_id: string | null } | null> {
    const [row] = await m.query(`SELECT id, deal_id FROM tasks WHERE organization_id = $1 AND id = $2`, [organizationId, id]);
    return row ?? null;
  }

  async userExists(m: EntityManager, organizationId: string, id: string): Promise<boolean> {
    const rows = await m.query(`SELECT 1 FROM users WHERE organization_id = $1 AND id = $2`, [organizationId, id]);
    return rows.length > 0;
  }
}
