import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RequestContext } from '@clockwork/server-core';
import { DataSource } from 'typeorm';

/** Totals of the time entries mapped to a deal (through the deal index of time_entries); no per-person figures. */
@Injectable()
export class DealTimeRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly context: RequestContext,
  ) {}

  async totals(dealId: string): Promise<{ entries: number; seconds: number; billable_seconds: number }> {
    const [row]: { entries: string; seconds: string; billable_seconds: string }[] = await this.dataSource.query(
      `SELECT count(*) AS entries, coalesce(sum(duration_seconds), 0) AS seconds, coalesce(sum(duration_seconds) FILTER (WHERE billable), 0) AS billable_seconds
         FROM time_entries WHERE organization_id = $1 AND deal_id = $2`,
      [this.context.organizationId, dealId],
    );
    return { entries: Number(row.entries), seconds: Number(row.seconds), billable_seconds: Number(row.billable_seconds) };
  }
}
