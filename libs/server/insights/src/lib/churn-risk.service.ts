import { Injectable } from '@nestjs/common';
import { rankedPage, RequestContext } from '@clockwork/server-core';
import { ChurnRiskDto, ChurnRiskPageDto, ChurnRiskQueryDto, DEFAULT_DUE_DAYS } from '@clockwork/shared-dto';
import type { AccountFacts } from './churn-risk.rules';
import { scoreChurn } from './churn-risk.rules';
import { InsightsRepository } from './insights.repository';

const toDto = (f: AccountFacts): ChurnRiskDto => {
  const s = scoreChurn(f);
  return {
    account_id: f.account_id,
    account_name: f.name,
    risk: s.risk,
    level: s.level,
    factors: s.factors,
    hours_last_30d: Math.round(f.hours_last_30d * 100) / 100,
    hours_baseline_30d: s.hours_baseline_30d,
    days_since_touch: s.days_since_touch,
    open_deals: f.open_deals,
    lost_deals_180d: f.lost_deals_180d,
    overdue_invoices: f.overdue_invoices,
    overdue_tasks: f.overdue_tasks,
  };
};

/**
 * Churn risk of the caller's organization's accounts, scored now from their facts (one
 * set-based query) and paged by risk, highest first (ties by account id); the cursor is the
 * [risk, id] of the last row of the page.
 */
@Injectable()
export class ChurnRiskService {
  constructor(
    private readonly repository: InsightsRepository,
    private readonly context: RequestContext,
  ) {}

  async list(query: ChurnRiskQueryDto): Promise<ChurnRiskPageDto> {
    const facts = await this.repository.churnFacts(this.context.organizationId, new Date(), DEFAULT_DUE_DAYS, query.account_id);
    return rankedPage(facts.map(toDto), query, { score: (r) => r.risk, id: (r) => r.account_id, cast: 'numeric' });
  }
}
