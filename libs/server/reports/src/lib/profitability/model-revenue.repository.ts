import { Injectable } from '@nestjs/common';
import { DealBillingRepository, RATE_ON_DAY, retainerMonths, retainerTermsOf } from '@clockwork/server-billing';
import { ReadReplicas, RequestContext } from '@clockwork/server-core';
import type { ProfitabilityReportQueryDto } from '@clockwork/shared-dto';
import { DataSource } from 'typeorm';
import { DIMENSIONS, rollupConditions } from '../time-rollups.repository';
import type { ModelRevenueAdjustment } from './model-revenue.rules';

interface ModelDeal {
  id: string;
  name: string;
  account_id: string | null;
  account_name: string | null;
  currency: string;
  billing_model: 'fixed' | 'retainer';
}

const thisMonth = () => new Date().toISOString().slice(0, 7);

/**
 * The revenue of fixed-fee and retainer deals for the profitability report (docs/billing-models.md):
 * a fixed deal earns its milestones when they are reached (reached_on in the range); a retainer
 * earns the fee and overage of each of its months whose first day is in the range (up to the
 * current month). Rows per deal or account; by person there is none (the report keeps the
 * value of people's time at the rates).
 */
@Injectable()
export class ModelRevenueRepository {
  constructor(
    private readonly replicas: ReadReplicas,
    private readonly context: RequestContext,
    private readonly billing: DealBillingRepository,
  ) {}

  /** On a read replica when one is up to date (every query of the report on the same server). */
  adjustments(q: ProfitabilityReportQueryDto): Promise<ModelRevenueAdjustment[]> {
    return this.replicas.read((ds) => this.adjustmentsOn(ds, q));
  }

  private async adjustmentsOn(ds: DataSource, q: ProfitabilityReportQueryDto): Promise<ModelRevenueAdjustment[]> {
    if (q.group_by === 'user' || q.user_id) return [];
    const deals = await this.modelDeals(ds, q);
    if (deals.length === 0) return [];
    const keyOf = (d: ModelDeal) => (q.group_by === 'deal' ? d.id : d.account_id);
    const out = new Map<string, ModelRevenueAdjustment>();
    const at = (key: string | null, name: string | null, currency: string) => {
      const id = `${key}|${currency}`;
      if (!out.has(id)) out.set(id, { key, name, currency, hourly_value: '0.00', revenue_cents: 0n });
      return out.get(id) as ModelRevenueAdjustment;
    };
    for (const d of deals) at(keyOf(d), q.group_by === 'deal' ? d.name : d.account_name, d.currency).revenue_cents += await this.revenueOf(ds, d, q);
    for (const h of await this.hourlyValues(ds, q, deals.map((d) => d.id))) {
      const d = deals.find((x) => (q.group_by === 'deal' ? x.id : x.account_id) === h.key) as ModelDeal;
      at(h.key, q.group_by === 'deal' ? d.name : d.account_name, h.currency).hourly_value = h.value;
    }
    return [...out.values()];
  }

  private modelDeals(ds: DataSource, q: ProfitabilityReportQueryDto): Promise<ModelDeal[]> {
    const params: unknown[] = [this.context.organizationId];
    const where = [`d.organization_id = $1`, `d.billing_model <> 'hourly'`];
    if (q.deal_id) where.push(`d.id = $${params.push(q.deal_id)}::uuid`);
    if (q.account_id) where.push(`d.account_id = $${params.push(q.account_id)}::uuid`);
    if (q.owner_id) where.push(`d.owner_id = $${params.push(q.owner_id)}::uuid`);
    return ds.query(
      `SELECT d.id, d.name, d.account_id, a.name AS account_name, d.currency, d.billing_model
         FROM deals d LEFT JOIN accounts a ON a.organization_id = d.organization_id AND a.id = d.account_id
        WHERE ${where.join(' AND ')} ORDER BY d.id`,
      params,
    );
  }

  private async revenueOf(ds: DataSource, d: ModelDeal, q: ProfitabilityReportQueryDto): Promise<bigint> {
    const from = q.date_from ?? '0001-01-01'; // PostgreSQL has no year 0
    const to = q.date_to ?? '9999-12-31';
    if (d.billing_model === 'fixed') {
      const [row] = await ds.query(
        `SELECT coalesce(sum(amount_cents), 0)::text AS cents FROM deal_milestones
          WHERE organization_id = $1 AND deal_id = $2 AND status <> 'planned' AND reached_on >= $3::date AND reached_on < $4::date`,
        [this.context.organizationId, d.id, from, to],
      );
      return BigInt(row.cents);
    }
    const deal = await this.billing.deal(ds.manager, d.id);
    if (!deal) return 0n;
    const lastDay = new Date(Date.parse(`${to}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 7);
    const through = lastDay < thisMonth() ? lastDay : thisMonth();
    if (through < (deal.retainer_starts_on as string).slice(0, 7)) return 0n;
    const months = retainerMonths(retainerTermsOf(deal), await this.billing.usedByMonth(ds.manager, deal, through), through);
    return months.filter((m) => `${m.month}-01` >= from && `${m.month}-01` < to).reduce((s, m) => s + m.priceCents + m.overageCents, 0n);
  }

  /** The model deals' billable time in the range valued at the hourly rates of each day, per key and currency (as the profitability rows value it). */
  private hourlyValues(ds: DataSource, q: ProfitabilityReportQueryDto, dealIds: string[]): Promise<{ key: string | null; currency: string; value: string }[]> {
    const params: unknown[] = [this.context.organizationId];
    const rollups = rollupConditions(q, params, true);
    const ids = `$${params.push(dealIds)}::uuid[]`;
    return ds.query(
      `SELECT k.${DIMENSIONS[q.group_by].column} AS key, rate.currency, round(sum(k.billable_seconds * rate.hourly_rate::numeric) / 3600, 2)::text AS value
         FROM (SELECT r.organization_id, r.day, r.deal_id, r.user_id, r.account_id, coalesce(sum(r.seconds) FILTER (WHERE r.billable), 0) AS billable_seconds
                 FROM time_rollups r WHERE ${rollups} AND r.deal_id = ANY(${ids})
                GROUP BY r.organization_id, r.day, r.deal_id, r.user_id, r.account_id HAVING sum(r.entries) <> 0) k
         ${RATE_ON_DAY('k', 'k.day')}
        WHERE k.billable_seconds <> 0 AND rate.currency IS NOT NULL
        GROUP BY 1, 2`,
      params,
    );
  }
}
