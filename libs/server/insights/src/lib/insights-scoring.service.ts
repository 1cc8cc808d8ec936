import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditWriter, OutboxWriter } from '@clockwork/server-core';
import { DEFAULT_DUE_DAYS, DealHealthCodeDto } from '@clockwork/shared-dto';
import { DataSource } from 'typeorm';
import { scoreChurn } from './churn-risk.rules';
import { toDealHealth } from './deal-health.service';
import { changedAccounts, changedDeals } from './insight-changes.rules';
import { InsightStatesRepository } from './insight-states.repository';
import { InsightsRepository } from './insights.repository';

export interface ScoringResult {
  deals_changed: number;
  accounts_changed: number;
}

/**
 * The worker's scoring of an organization (after each training, nightly and on demand): every
 * open deal's health signals and every account's churn band against the values stored at the
 * last run; in one transaction the changed values are stored, one `deal.health_changed` or
 * `account.churn_risk_changed` per change goes to the outbox, and an audit row (`score`,
 * `insights`, actor system) counts them.
 */
@Injectable()
export class InsightsScoringService {
  private readonly logger = new Logger(InsightsScoringService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: InsightsRepository,
    private readonly states: InsightStatesRepository,
    private readonly outbox: OutboxWriter,
    private readonly audit: AuditWriter,
  ) {}

  async score(organizationId: string, now = new Date()): Promise<ScoringResult> {
    const health = (await this.repository.dealHealthFacts(organizationId, now)).map((f) => toDealHealth(f, now));
    const churn = (await this.repository.churnFacts(organizationId, now, DEFAULT_DUE_DAYS)).map((f) => ({ facts: f, score: scoreChurn(f) }));
    return this.dataSource.transaction(async (manager) => {
      const deals = changedDeals(
        health.map((h) => ({ deal_id: h.deal_id, codes: h.signals.map((s) => s.code) })),
        await this.states.dealCodes(manager, organizationId),
      );
      const accounts = changedAccounts(
        churn.map((c) => ({ account_id: c.facts.account_id, level: c.score.level })),
        await this.states.accountLevels(manager, organizationId),
      );
      const healthById = new Map(health.map((h) => [h.deal_id, h]));
      const churnById = new Map(churn.map((c) => [c.facts.account_id, c]));
      await this.states.saveDealCodes(manager, organizationId, deals, health.map((h) => h.deal_id));
      await this.states.saveAccountLevels(manager, organizationId, accounts.map((a) => ({ account_id: a.account_id, level: a.level, risk: churnById.get(a.account_id)?.score.risk ?? 0 })));
      await this.outbox.recordMany(manager, organizationId, [
        ...deals.map((d) => {
          const h = healthById.get(d.deal_id);
          return {
            type: 'deal.health_changed' as const,
            aggregateType: 'deal',
            aggregateId: d.deal_id,
            payload: { deal_id: d.deal_id, deal_name: h?.deal_name ?? '', from_codes: d.from as DealHealthCodeDto[], to_codes: d.codes as DealHealthCodeDto[], signals: h?.signals ?? [] },
          };
        }),
        ...accounts.map((a) => {
          const c = churnById.get(a.account_id);
          return {
            type: 'account.churn_risk_changed' as const,
            aggregateType: 'account',
            aggregateId: a.account_id,
            payload: { account_id: a.account_id, account_name: c?.facts.name ?? '', from_level: a.from, to_level: a.level, risk: c?.score.risk ?? 0, reasons: c?.score.factors.map((f) => f.reason) ?? [] },
          };
        }),
      ]);
      const result = { deals_changed: deals.length, accounts_changed: accounts.length };
      await this.audit.record(manager, { organizationId, actor: { type: 'system', id: null }, action: 'score', objectType: 'insights', objectId: null, details: { ...result } });
      return result;
    });
  }

  /** Every organization given (one failing does not stop the others). */
  async scoreAll(organizationIds: string[]): Promise<{ organizations: number; failed: number }> {
    let failed = 0;
    for (const id of organizationIds) {
      try {
        await this.score(id);
      } catch (e) {
        failed++;
        this.logger.warn(`Scoring the insights of organization ${id} failed: ${(e as Error).message}`);
      }
    }
    return { organizations: organizationIds.length, failed };
  }
}
