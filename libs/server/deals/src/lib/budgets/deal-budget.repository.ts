import { Injectable } from '@nestjs/common';
import { RATE_ON_DAY } from '@clockwork/server-billing';
import type { BudgetKind } from '@clockwork/shared-dto';
import { EntityManager } from 'typeorm';

/** A deal with a budget and its burn from the daily rollups: in its period, and in the last 14 days. */
export interface BurnRow {
  deal_id: string;
  deal_name: string;
  owner_id: string | null;
  currency: string;
  hours_budget: string | null;
  money_budget: string | null;
  budget_period: 'life' | 'month';
  period: string;
  used_seconds: string;
  used_money: string;
  recent_seconds: string;
  recent_money: string;
}

export interface NewAlert {
  id: string;
  deal_id: string;
  kind: BudgetKind;
  period: string;
  threshold: number;
  used: string;
  budget: string;
}

/**
 * Budgets and their burn. Burn comes from the daily time rollups (per day, deal, user and
 * account): hours are all the deal's seconds; money is the billable seconds priced with the
 * hourly rate of the day (billing rules) in the deal's currency, rounded once to the cent.
 * `today` is a UTC date (YYYY-MM-DD); the recent window is today and the 13 days before.
 */
@Injectable()
export class DealBudgetRepository {
  async burn(manager: EntityManager, organizationId: string, today: string, dealIds: string[] | null): Promise<BurnRow[]> {
    return manager.query(
      `WITH d AS (
         SELECT d.organization_id, d.id, d.name, d.owner_id, d.currency, d.hours_budget, d.money_budget, d.budget_period,
                CASE WHEN d.budget_period = 'month' THEN date_trunc('month', $2::date)::date ELSE '-infinity'::date END AS since
           FROM deals d
          WHERE d.organization_id = $1 AND (d.hours_budget IS NOT NULL OR d.money_budget IS NOT NULL)
            AND ($3::uuid[] IS NULL OR d.id = ANY($3::uuid[])) AND ($3::uuid[] IS NOT NULL OR d.closed_at IS NULL)),
       k AS (
         SELECT r.organization_id, r.day, r.deal_id, r.user_id, r.account_id, sum(r.seconds) AS seconds,
                coalesce(sum(r.seconds) FILTER (WHERE r.billable), 0) AS billable_seconds
           FROM d JOIN time_rollups r ON r.organization_id = d.organization_id AND r.deal_id = d.id AND r.day >= least(d.since, $2::date - 13)
          GROUP BY r.organization_id, r.day, r.deal_id, r.user_id, r.account_id),
       p AS (
         SELECT k.deal_id, k.day, k.seconds, CASE WHEN rate.currency = d.currency THEN k.billable_seconds * rate.hourly_rate::numeric ELSE 0 END AS money, d.since
           FROM k JOIN d ON d.organization_id = k.organization_id AND d.id = k.deal_id
           ${RATE_ON_DAY('k', 'k.day')})
       SELECT d.id AS deal_id, d.name AS deal_name, d.owner_id, d.currency, d.hours_budget::text, d.money_budget::text, d.budget_period,
              CASE WHEN d.budget_period = 'month' THEN to_char($2::date, 'YYYY-MM') ELSE 'life' END AS period,
              coalesce(sum(p.seconds) FILTER (WHERE p.day >= d.since), 0)::text AS used_seconds,
              round(coalesce(sum(p.money) FILTER (WHERE p.day >= d.since), 0) / 3600, 2)::text AS used_money,
              coalesce(sum(p.seconds) FILTER (WHERE p.day BETWEEN $2::date - 13 AND $2::date), 0)::text AS recent_seconds,
              round(coalesce(sum(p.money) FILTER (WHERE p.day BETWEEN $2::date - 13 AND $2::date), 0) / 3600, 2)::text AS recent_money
         FROM d LEFT JOIN p ON p.deal_id = d.id
        GROUP BY d.id, d.name, d.owner_id, d.currency, d.hours_budget, d.money_budget, d.budget_period, d.since`,
      [organizationId, today, dealIds],
    );
  }

  async thresholds(manager: EntityManager, organizationId: string): Promise<number[]> {
    const [row]: { thresholds: number[] }[] = await manager.query(`SELECT budget_thresholds AS thresholds FROM organizations WHERE id = $1`, [organizationId]);
    return row?.thresholds ?? [50, 80, 100];
  }

  async setThresholds(manager: EntityManager, organizationId: string, thresholds: number[]): Promise<number[]> {
    await manager.query(`UPDATE organizations SET budget_thresholds = $2::smallint[], updated_at = now() WHERE id = $1`, [organizationId, thresholds]);
    return this.thresholds(manager, organizationId);
  }

  /** The thresholds alerted per deal, kind and current period. */
  async alerted(manager: EntityManager, organizationId: string, keys: Array<{ deal_id: string; period: string }>): Promise<Array<{ deal_id: string; kind: BudgetKind; threshold: number }>> {
    if (keys.length === 0) return [];
    return manager.query(
      `SELECT a.deal_id, a.kind, a.threshold FROM unnest($2::uuid[], $3::text[]) AS k(deal_id, period)
         JOIN deal_budget_alerts a ON a.organization_id = $1 AND a.deal_id = k.deal_id AND a.period = k.period`,
      [organizationId, keys.map((k) => k.deal_id), keys.map((k) => k.period)],
    );
  }

  /** Records alerts; returns only those this call inserted (a concurrent check that got there first wins). */
  async insertAlerts(manager: EntityManager, organizationId: string, alerts: NewAlert[]): Promise<NewAlert[]> {
    if (alerts.length === 0) return [];
    const rows: Array<Omit<NewAlert, 'threshold'> & { threshold: number }> = await manager.query(
      `INSERT INTO deal_budget_alerts (organization_id, id, deal_id, kind, period, threshold, used, budget)
       SELECT $1, a.id, a.deal_id, a.kind, a.period, a.threshold, a.used, a.budget
         FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::smallint[], $7::numeric[], $8::numeric[]) AS a(id, deal_id, kind, period, threshold, used, budget)
           ON CONFLICT ON CONSTRAINT deal_budget_alerts_once DO NOTHING
       RETURNING id, deal_id, kind, period, threshold, used::text, budget::text`,
      [
        organizationId,
        alerts.map((a) => a.id),
        alerts.map((a) => a.deal_id),
        alerts.map((a) => a.kind),
        alerts.map((a) => a.period),
        alerts.map((a) => a.threshold),
        alerts.map((a) => a.used),
        alerts.map((a) => a.budget),
      ],
    );
    return rows;
  }

  /** Who hears of a deal's budget alerts: its owner and the organization's active managers. */
  async recipients(manager: EntityManager, organizationId: string, ownerId: string | null): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM users WHERE organization_id = $1 AND is_active AND (role = 'manager' OR id = $2) ORDER BY id`,
      [organizationId, ownerId],
    );
    return rows.map((r) => r.id);
  }
}
