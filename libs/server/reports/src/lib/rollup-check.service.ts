import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditWriter, RequestContext } from '@clockwork/server-core';
import type { RollupCheckDto, RollupCheckResultDto, RollupDriftDto } from '@clockwork/shared-dto';
import { DataSource } from 'typeorm';
import { int } from './report-figures.rules';
import { DriftRow, PRICED_SPAN_TABLES, RollupCheckRepository, SPAN_TABLES } from './rollup-check.repository';

const toDrift = (r: DriftRow): RollupDriftDto => ({
  day: r.day,
  deal_id: r.deal_id,
  task_id: r.task_id,
  user_id: r.user_id,
  account_id: r.account_id,
  billable: r.billable,
  rollup: { entries: int(r.rollup_entries), seconds: int(r.rollup_seconds), score_sum: r.rollup_score_sum },
  raw: { entries: int(r.raw_entries), seconds: int(r.raw_seconds), score_sum: r.raw_score_sum },
});

/**
 * The rollup drift check: recomputes a UTC day range of one organization from the raw time
 * entries, lists the keys whose daily rollups differ and counts the rows of the span rollups
 * (per deal, per user; buckets around the range included) that differ, then the priced rollups:
 * the keys of time_rollup_prices whose time or stored rates differ (from the entries and the
 * rates in effect now) and the priced span rows that differ from the prices. With `repair` it
 * corrects them: the daily rollups first, then the span rollups and the prices from them, then
 * the priced spans from the prices. Each check is one
 * transaction with its audit row (action `check` or `repair`, object `time_rollups`); repairs
 * of one organization run one at a time.
 */
@Injectable()
export class RollupCheckService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly checks: RollupCheckRepository,
    private readonly audit: AuditWriter,
    private readonly context: RequestContext,
  ) {}

  /** `POST /reports/rollups/check` as the caller's organization. */
  check(dto: RollupCheckDto): Promise<RollupCheckResultDto> {
    return this.run(this.context.organizationId, dto.date_from, dto.date_to, dto.repair === true, true);
  }

  /** The daily job: every organization, repairing; audited only where something was repaired. `differing_keys` counts daily, span and priced rows. */
  async checkAll(dateFrom: string, dateTo: string, repair: boolean): Promise<{ organizationId: string; differing_keys: number }[]> {
    const results: { organizationId: string; differing_keys: number }[] = [];
    for (const { id } of await this.checks.organizationIds()) {
      const result = await this.run(id, dateFrom, dateTo, repair, false);
      results.push({ organizationId: id, differing_keys: result.differing_keys + result.span_differing_keys + result.price_differing_keys });
    }
    return results;
  }

  private run(organizationId: string, from: string, to: string, repair: boolean, alwaysAudit: boolean): Promise<RollupCheckResultDto> {
    return this.dataSource.transaction(async (manager) => {
      if (repair) await this.checks.lockRepairs(manager, organizationId);
      const rows = await this.checks.drift(manager, organizationId, from, to, repair);
      const differing = rows.length > 0 ? int(rows[0].differing_keys) : 0;
      let spanDiffering = 0;
      for (const table of SPAN_TABLES) spanDiffering += await this.checks.spanDrift(manager, table, organizationId, from, to, repair);
      let priceDiffering = await this.checks.priceDrift(manager, organizationId, from, to, repair);
      for (const table of PRICED_SPAN_TABLES) priceDiffering += await this.checks.spanDrift(manager, table, organizationId, from, to, repair);
      if (repair) await this.checks.pruneZeros(manager, organizationId, from, to);
      const all = differing + spanDiffering + priceDiffering;
      const repaired = repair && all > 0;
      if (alwaysAudit || all > 0) {
        await this.audit.record(manager, {
          organizationId,
          action: repair ? 'repair' : 'check',
          objectType: 'time_rollups',
          objectId: null,
          details: { date_from: from, date_to: to, differing_keys: differing, span_differing_keys: spanDiffering, price_differing_keys: priceDiffering, repaired },
        });
      }
      return { date_from: from, date_to: to, differing_keys: differing, span_differing_keys: spanDiffering, price_differing_keys: priceDiffering, repaired, drift: rows.map(toDrift) };
    });
  }
}
