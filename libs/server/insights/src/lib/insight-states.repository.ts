import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { ChurnLevel } from './churn-risk.rules';

/** The last scored health codes of open deals and churn bands of accounts, per organization. */
@Injectable()
export class InsightStatesRepository {
  async dealCodes(manager: EntityManager, organizationId: string): Promise<Map<string, string[]>> {
    const rows: { deal_id: string; codes: string[] }[] = await manager.query(`SELECT deal_id, codes FROM deal_health_states WHERE organization_id = $1`, [organizationId]);
    return new Map(rows.map((r) => [r.deal_id, r.codes]));
  }

  async accountLevels(manager: EntityManager, organizationId: string): Promise<Map<string, ChurnLevel>> {
    const rows: { account_id: string; level: ChurnLevel }[] = await manager.query(`SELECT account_id, level FROM account_churn_states WHERE organization_id = $1`, [organizationId]);
    return new Map(rows.map((r) => [r.account_id, r.level]));
  }

  /** Stores the codes of these deals (one statement) and forgets the deals that are no longer open. */
  async saveDealCodes(manager: EntityManager, organizationId: string, rows: { deal_id: string; codes: string[] }[], openIds: string[]): Promise<void> {
    if (rows.length)
      await manager.query(
        `INSERT INTO deal_health_states (organization_id, deal_id, codes)
         SELECT $1, x.deal_id, string_to_array(x.codes, ',') FROM unnest($2::uuid[], $3::text[]) AS x(deal_id, codes)
         ON CONFLICT (organization_id, deal_id) DO UPDATE SET codes = EXCLUDED.codes, updated_at = now()`,
        [organizationId, rows.map((r) => r.deal_id), rows.map((r) => r.codes.join(','))],
      );
    await manager.query(`DELETE FROM deal_health_states WHERE organization_id = $1 AND NOT (deal_id = ANY($2::uuid[]))`, [organizationId, openIds]);
  }

  async saveAccountLevels(manager: EntityManager, organizationId: string, rows: { account_id: string; level: ChurnLevel; risk: number }[]): Promise<void> {
    if (!rows.length) return;
    await manager.query(
      `INSERT INTO account_churn_states (organization_id, account_id, level, risk)
       SELECT $1, x.account_id, x.level, x.risk FROM unnest($2::uuid[], $3::text[], $4::numeric[]) AS x(account_id, level, risk)
       ON CONFLICT (organization_id, account_id) DO UPDATE SET level = EXCLUDED.level, risk = EXCLUDED.risk, updated_at = now()`,
      [organizationId, rows.map((r) => r.account_id), rows.map((r) => r.level), rows.map((r) => r.risk)],
    );
  }
}
