import { Injectable } from '@nestjs/common';
import { rankedPage, RequestContext } from '@clockwork/server-core';
import { DealHealthDto, DealHealthPageDto, DealHealthQueryDto } from '@clockwork/shared-dto';
import { DealHealthFacts, dealHealthSignals } from './deal-health.rules';
import { InsightsRepository } from './insights.repository';

export const toDealHealth = (f: DealHealthFacts, now: Date): DealHealthDto => ({
  deal_id: f.deal_id,
  deal_name: f.deal_name,
  account_id: f.account_id,
  stage: f.stage,
  signals: dealHealthSignals(f, now),
});

/**
 * Health signals of the caller's organization's open deals, computed now from one set-based
 * query and paged by the number of signals, most first (ties by deal id); the cursor is the
 * [signal count, id] of the last row of the page.
 */
@Injectable()
export class DealHealthService {
  constructor(
    private readonly repository: InsightsRepository,
    private readonly context: RequestContext,
  ) {}

  async list(query: DealHealthQueryDto): Promise<DealHealthPageDto> {
    const now = new Date();
    const facts = await this.repository.dealHealthFacts(this.context.organizationId, now, query.deal_id);
    return rankedPage(facts.map((f) => toDealHealth(f, now)), query, { score: (r) => r.signals.length, id: (r) => r.deal_id, cast: 'integer' });
  }
}
