import { Injectable } from '@nestjs/common';
import { RequestContext } from '@clockwork/server-core';
import type { LeakageQueryDto, LeakageReportDto } from '@clockwork/shared-dto';
import { InsightsRepository } from './insights.repository';

/** The leakage report of the caller's organization (see leakage.sql.ts for the categories). */
@Injectable()
export class LeakageService {
  constructor(
    private readonly repository: InsightsRepository,
    private readonly context: RequestContext,
  ) {}

  async report(query: LeakageQueryDto): Promise<LeakageReportDto> {
    const rows = await this.repository.leakage(this.context.organizationId, query.date_from ?? null, query.date_to ?? null);
    return {
      filters: { date_from: query.date_from ?? null, date_to: query.date_to ?? null, group_by: null, deal_id: null, account_id: null, user_id: null, owner_id: null, stage: null },
      rows: rows.map((r) => ({
        category: r.category,
        currency: r.currency,
        entries: r.entries,
        seconds: Number(r.seconds),
        hours: Math.round((Number(r.seconds) / 3600) * 100) / 100,
        value: r.value,
      })),
    };
  }
}
