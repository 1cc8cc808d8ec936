import { Injectable } from '@nestjs/common';
import { decodeCursor, encodeCursor, RequestContext } from '@clockwork/server-core';
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

/** Most signals first, ties by deal id (the keyset of the pages). */
export const byHealth = (a: DealHealthDto, b: DealHealthDto) => b.signals.length - a.signals.length || a.deal_id.localeCompare(b.deal_id);

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
    const limit = query.limit ?? 50;
    const after = query.cursor ? decodeCursor(query.cursor, { cast: 'integer' }) : null;
    const now = new Date();
    const facts = await this.repository.dealHealthFacts(this.context.organizationId, now, query.deal_id);
    const rows = facts
      .map((f) => toDealHealth(f, now))
      .sort(byHealth)
      .filter((r) => !after || r.signals.length < Number(after.value) || (r.signals.length === Number(after.value) && r.deal_id > after.id));
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return { data: page, next_cursor: rows.length > limit && last ? encodeCursor({ value: last.signals.length, id: last.deal_id }) : null };
  }
}
