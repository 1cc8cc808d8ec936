import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DealBudgetRepository } from '@clockwork/server-deals';
import { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { LeakageCategory } from '@clockwork/shared-dto';
import { CHURN_FACTS_SQL } from './churn-features.sql';
import { DEAL_HEALTH_FACTS_SQL } from './deal-health.sql';
import type { DealHealthFacts } from './deal-health.rules';
import type { AccountFacts } from './churn-risk.rules';
import { LEAKAGE_SQL } from './leakage.sql';
import type { EntryText, MappingDecision } from './mapping-suggestions.rules';
import { DEAL_FACTS_SQL } from './win-features.sql';
import type { DealFacts, WinModel } from './win-model.rules';

export interface StoredWinModel extends WinModel {
  id: string;
  trained_at: Date;
}

export interface LeakageSqlRow {
  category: LeakageCategory;
  currency: string | null;
  entries: number;
  seconds: string;
  value: string;
}

export interface DealFilter {
  dealId?: string;
  accountId?: string;
  ownerId?: string;
}

/**
 * Named queries of insights, each for an explicit organization (the worker trains every
 * organization; the api passes the caller's): deal facts, the stored models and leakage.
 */
@Injectable()
export class InsightsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly budgets: DealBudgetRepository,
  ) {}

  /** The facts of the closed deals as of their close, or of the open deals as of `now`. */
  dealFacts(organizationId: string, closed: boolean, now: Date, filter: DealFilter = {}): Promise<DealFacts[]> {
    return this.dataSource.query(DEAL_FACTS_SQL, [organizationId, closed, now.toISOString(), filter.dealId ?? null, filter.accountId ?? null, filter.ownerId ?? null]);
  }

  /** The organization's newest model, or null. */
  async latestModel(organizationId: string): Promise<StoredWinModel | null> {
    const [row] = await this.dataSource.query(
      `SELECT id, trained_at, n_closed, n_won, n_holdout, fallback, features, weights, means, stds, stage_rates, auc, brier, fallback_brier
         FROM deal_win_models WHERE organization_id = $1 ORDER BY trained_at DESC, id DESC LIMIT 1`,
      [organizationId],
    );
    return (row as StoredWinModel | undefined) ?? null;
  }

  /** Stores a trained model and keeps only the 10 newest of the organization. */
  async saveModel(manager: EntityManager, organizationId: string, m: WinModel): Promise<string> {
    const id = uuidv7();
    const json = (v: unknown) => JSON.stringify(v);
    await manager.query(
      `INSERT INTO deal_win_models (organization_id, id, n_closed, n_won, n_holdout, fallback, features, weights, means, stds, stage_rates, auc, brier, fallback_brier)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [organizationId, id, m.n_closed, m.n_won, m.n_holdout, m.fallback, json(m.features), json(m.weights), json(m.means), json(m.stds), json(m.stage_rates), m.auc, m.brier, m.fallback_brier],
    );
    await manager.query(
      `DELETE FROM deal_win_models WHERE organization_id = $1 AND id NOT IN (SELECT id FROM deal_win_models WHERE organization_id = $1 ORDER BY trained_at DESC, id DESC LIMIT 10)`,
      [organizationId],
    );
    return id;
  }

  /** Every organization with at least one deal (the nightly training). */
  async organizationIds(): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(`SELECT o.id FROM organizations o WHERE EXISTS (SELECT 1 FROM deals d WHERE d.organization_id = o.id) ORDER BY o.id`);
    return rows.map((r) => r.id);
  }

  /** The churn facts of every account of the organization (or one) as of `now`. */
  churnFacts(organizationId: string, now: Date, paymentTermDays: number, accountId?: string): Promise<AccountFacts[]> {
    return this.dataSource.query(CHURN_FACTS_SQL, [organizationId, now.toISOString(), accountId ?? null, paymentTermDays]);
  }

  /**
   * The health facts of the organization's open deals (or one) as of `now`, with the money used
   * of each money budget as the deal budgets count it (billable value at the hourly rates, from
   * the rollups, in the budget's period: DealBudgetRepository.burn).
   */
  async dealHealthFacts(organizationId: string, now: Date, dealId?: string): Promise<DealHealthFacts[]> {
    const facts: Omit<DealHealthFacts, 'budget_used_money'>[] = await this.dataSource.query(DEAL_HEALTH_FACTS_SQL, [organizationId, now.toISOString(), dealId ?? null]);
    if (!facts.some((f) => f.money_budget)) return facts.map((f) => ({ ...f, budget_used_money: 0 }));
    const burn = await this.budgets.burn(this.dataSource.manager, organizationId, now.toISOString().slice(0, 10), dealId ? [dealId] : null);
    const used = new Map(burn.map((b) => [b.deal_id, Number(b.used_money)]));
    return facts.map((f) => ({ ...f, budget_used_money: used.get(f.deal_id) ?? 0 }));
  }

  /** The organization's newest review decisions: entries a reviewer mapped to a deal by hand. */
  mappingDecisions(organizationId: string, limit: number): Promise<MappingDecision[]> {
    return this.dataSource.query(
      `SELECT deal_id, project_name, tags, employee_id, user_id, activity_type FROM time_entries
        WHERE organization_id = $1 AND mapping_rule = 'manual' AND deal_id IS NOT NULL
        ORDER BY updated_at DESC, id DESC LIMIT $2`,
      [organizationId, limit],
    );
  }

  /** The text of the organization's entries with these ids (others are left out). */
  entryTexts(organizationId: string, ids: string[]): Promise<(EntryText & { id: string })[]> {
    return this.dataSource.query(`SELECT id, project_name, tags, employee_id, user_id, activity_type FROM time_entries WHERE organization_id = $1 AND id = ANY($2::uuid[])`, [organizationId, ids]);
  }

  /** The organization's open deals among these ids. */
  async openDealIds(organizationId: string, ids: string[]): Promise<Set<string>> {
    const rows: { id: string }[] = await this.dataSource.query(`SELECT id FROM deals WHERE organization_id = $1 AND id = ANY($2::uuid[]) AND stage NOT IN ('won', 'lost')`, [organizationId, ids]);
    return new Set(rows.map((r) => r.id));
  }

  leakage(organizationId: string, dateFrom: string | null, dateTo: string | null): Promise<LeakageSqlRow[]> {
    return this.dataSource.query(LEAKAGE_SQL, [organizationId, dateFrom, dateTo]);
  }
}
