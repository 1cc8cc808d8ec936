import { BadRequestException } from '@nestjs/common';
import { createValidationPipe, DealWinProbabilities } from '@clockwork/server-core';
import { newTestService } from '@clockwork/server-core/testing';
import { PipelineReportQueryDto, TimeReportQueryDto } from '@clockwork/shared-dto';
import type { Response } from 'express';
import { Writable } from 'node:stream';
import { PipelineRepository } from './pipeline.repository';
import { sendReport } from './report-export.builder';
import { pipelineTable, timePerDealTable } from './report-tables.builder';
import { ReportsService } from './reports.service';
import { DealHoursRow, TimeRollupsRepository, TimeRow } from './time-rollups.repository';

const DEAL = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a01';
const USER = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a02';

const row = (over: Partial<TimeRow>): TimeRow => ({ key: DEAL, name: 'Website', period: null, entries: '2', seconds: '5400', billable_seconds: '3600', average_score: '0.750', weighted_average_score: '0.800', total: false, ...over });
const dealHours = (over: Partial<DealHoursRow>): DealHoursRow => ({ deal_id: DEAL, deal_name: 'Website', account_id: null, currency: 'EUR', value: '1000.00', entries: '1', seconds: '3600', billable_seconds: '3600', ...over });

/** The service on mocked rollups: what each report makes of the rows the rollups return. */
function withRollups() {
  const { sut, mock } = newTestService(ReportsService);
  return { reports: sut, rollups: mock(TimeRollupsRepository), pipeline: mock(PipelineRepository) };
}

/** The service on the real TimeRollupsRepository over a mocked DataSource: which rollups a report reads. */
function withRealRollups(bounds: { first: string | null; end: string | null }) {
  const repo = newTestService(TimeRollupsRepository);
  repo.dataSource.query.mockImplementation(async (sql: string) => (sql.includes('min(span_start)') ? [bounds] : [row({ key: null, total: true })]));
  const { sut } = newTestService(ReportsService, { provide: [[TimeRollupsRepository, repo.sut]] });
  const reads = () => repo.dataSource.query.mock.calls.map(([sql, params]) => ({ sql: sql as string, params: params as unknown[] }));
  return { reports: sut, reads };
}

/** The query as the controller gets it: through the app's validation pipe. */
async function validated<T extends object>(type: new () => T, query: Record<string, unknown>): Promise<T> {
  return createValidationPipe().transform(query, { type: 'query', metatype: type });
}

describe('ReportsService', () => {
  describe('time reports', () => {
    it('asks the rollups for the dimension of each report and answers rows, totals and the filters it applied', async () => {
      const { reports, rollups } = withRollups();
      rollups.byDimension.mockResolvedValue([row({ key: null, name: null, entries: '3', seconds: '9000', billable_seconds: '3600', total: true }), row({}), row({ key: null, name: null, entries: '1', seconds: '3600', billable_seconds: '0' })]);
      const q = { date_from: '2026-01-01', date_to: '2026-02-01', user_id: USER };

      const byDeal = await reports.timePerDeal(q);
      expect(rollups.byDimension).toHaveBeenLastCalledWith('deal', q);
      expect(byDeal.filters).toEqual({ date_from: '2026-01-01', date_to: '2026-02-01', group_by: null, deal_id: null, account_id: null, user_id: USER, owner_id: null, stage: null });
      expect(byDeal.rows).toEqual([
        { period: null, deal_id: DEAL, deal_name: 'Website', entries: 2, seconds: 5400, hours: 1.5, billable_seconds: 3600, billable_hours: 1 },
        // Time on no deal stays a row of its own (no id, no name).
        { period: null, deal_id: null, deal_name: null, entries: 1, seconds: 3600, hours: 1, billable_seconds: 0, billable_hours: 0 },
      ]);
      expect(byDeal.totals).toEqual({ entries: 3, seconds: 9000, hours: 2.5, billable_seconds: 3600, billable_hours: 1 });

      await reports.timePerClient(q);
      expect(rollups.byDimension).toHaveBeenLastCalledWith('account', q);
      expect((await reports.timePerUser(q)).rows[0]).toMatchObject({ user_id: DEAL, user_name: 'Website' });
      expect(rollups.byDimension).toHaveBeenLastCalledWith('user', q);
    });

    it('answers zero totals, not a missing row, when no time is in the range', async () => {
      const { reports, rollups } = withRollups();
      rollups.byDimension.mockResolvedValue([]);
      const report = await reports.timePerClient({});
      expect(report.rows).toEqual([]);
      expect(report.totals).toEqual({ entries: 0, seconds: 0, hours: 0, billable_seconds: 0, billable_hours: 0 });
      expect((await reports.productivity({})).totals).toEqual({ entries: 0, seconds: 0, hours: 0, average_score: null, weighted_average_score: null });
    });

    it('keeps the period of grouped rows and reports both productivity averages as numbers', async () => {
      const { reports, rollups } = withRollups();
      rollups.byDimension.mockResolvedValue([row({ key: null, total: true }), row({ key: USER, name: 'Ada', period: '2026-01-05' })]);
      const report = await reports.productivity({ group_by: 'week' });
      expect(report.filters.group_by).toBe('week');
      expect(report.rows).toEqual([{ period: '2026-01-05', user_id: USER, user_name: 'Ada', entries: 2, seconds: 5400, hours: 1.5, average_score: 0.75, weighted_average_score: 0.8 }]);
    });
  });

  describe('revenue vs hours', () => {
    it('computes revenue per hour and billable share per deal, and totals per currency (never summing across currencies)', async () => {
      const { reports, rollups } = withRollups();
      rollups.dealHours.mockResolvedValue([
        dealHours({ value: '1000.00', seconds: '7200', billable_seconds: '5400' }),
        dealHours({ deal_id: 'd2', currency: 'USD', value: '300.10', seconds: '3600', billable_seconds: '0' }),
        dealHours({ deal_id: 'd3', value: '0.05', seconds: '0', billable_seconds: '0', entries: '0' }),
      ]);
      const report = await reports.revenueVsHours({});
      expect(report.rows.map((r) => [r.deal_id, r.revenue_per_hour, r.billable_share])).toEqual([
        [DEAL, '500.00', 0.75],
        ['d2', '300.10', 0],
        ['d3', null, null],
      ]);
      expect(report.totals.by_currency).toEqual([
        { currency: 'EUR', value: '1000.05', seconds: 7200, revenue_per_hour: '500.03' },
        { currency: 'USD', value: '300.10', seconds: 3600, revenue_per_hour: '300.10' },
      ]);
      expect(report.totals).toMatchObject({ entries: 2, seconds: 10800, hours: 3, billable_seconds: 5400 });
    });
  });

  describe('pipeline', () => {
    it('totals count and value per currency, with the win rate, and is always grouped by stage', async () => {
      const { reports, pipeline } = withRollups();
      pipeline.stages.mockResolvedValue([
        { stage: 'proposal', currency: 'EUR', count: '2', value: '1000.00', probability: '0.5', weighted_value: '500.00', weighting: 'stage' },
        { stage: 'won', currency: 'EUR', count: '1', value: '250.50', probability: '1', weighted_value: '250.50', weighting: 'stage' },
        { stage: 'proposal', currency: 'USD', count: '1', value: '99.99', probability: '0.5', weighted_value: '50.00', weighting: 'stage' },
      ] as never);
      pipeline.stageTimes.mockResolvedValue([{ stage: 'proposal', exits: '3', average_seconds: '86400', average_days: '1' }] as never);
      pipeline.winRate.mockResolvedValue([{ won: '1', lost: '3', win_rate: '0.25' }] as never);
      pipeline.stageExists.mockResolvedValue(true);
      const report = await reports.pipeline({ stage: 'proposal' });
      expect(report.filters).toMatchObject({ group_by: 'stage', stage: 'proposal' });
      expect(report.totals).toEqual({
        count: 4,
        weighting: 'stage',
        model_trained_at: null,
        by_currency: [
          { currency: 'EUR', count: 3, value: '1250.50', weighted_value: '750.50', weighting: 'stage' },
          { currency: 'USD', count: 1, value: '99.99', weighted_value: '50.00', weighting: 'stage' },
        ],
        won: 1,
        lost: 3,
        win_rate: 0.25,
      });
      expect(report.stage_times).toEqual([{ stage: 'proposal', exits: 3, average_seconds_in_stage: 86400, average_days_in_stage: 1 }]);
      expect(pipeline.stageExists).toHaveBeenCalledWith('proposal', undefined);
    });

    it("passes the win model's probabilities to the stage query and says which basis each total used", async () => {
      const { sut, mock } = newTestService(ReportsService);
      const pipeline = mock(PipelineRepository);
      const probabilities = new Map([[DEAL, 0.8]]);
      mock(DealWinProbabilities).ofOpenDeals.mockResolvedValue({ model_id: 'm', trained_at: '2026-01-02T03:04:05.000Z', probabilities });
      pipeline.stages.mockResolvedValue([
        { stage: 'proposal', currency: 'EUR', count: '1', value: '1000.00', probability: '0.5', weighted_value: '800.00', weighting: 'model' },
        { stage: 'won', currency: 'EUR', count: '1', value: '10.00', probability: '1', weighted_value: '10.00', weighting: 'stage' },
        { stage: 'won', currency: 'USD', count: '1', value: '5.00', probability: '1', weighted_value: '5.00', weighting: 'stage' },
      ] as never);
      pipeline.stageTimes.mockResolvedValue([]);
      pipeline.winRate.mockResolvedValue([]);
      const report = await sut.pipeline({});
      expect(pipeline.stages).toHaveBeenCalledWith({}, probabilities);
      expect(report.totals).toMatchObject({ weighting: 'model', model_trained_at: '2026-01-02T03:04:05.000Z' });
      expect(report.totals.by_currency.map((c) => [c.currency, c.weighted_value, c.weighting])).toEqual([
        ['EUR', '810.00', 'model'],
        ['USD', '5.00', 'stage'],
      ]);
    });

    it('answers 400 naming stage for a stage of no pipeline, before reading any deal', async () => {
      const { reports, pipeline } = withRollups();
      pipeline.stageExists.mockResolvedValue(false);
      await expect(reports.pipeline({ stage: 'closed' })).rejects.toMatchObject({ response: { details: [{ field: 'stage' }] } });
      expect(pipeline.stages).not.toHaveBeenCalled();
    });

    it('answers no win rate (not 0 %) when no deal was closed', async () => {
      const { reports, pipeline } = withRollups();
      pipeline.stages.mockResolvedValue([]);
      pipeline.stageTimes.mockResolvedValue([]);
      pipeline.winRate.mockResolvedValue([]);
      expect((await reports.pipeline({})).totals).toEqual({ count: 0, weighting: 'stage', model_trained_at: null, by_currency: [], won: 0, lost: 0, win_rate: null });
    });
  });

  describe('which rollups a report reads', () => {
    it('reads the span rollups of its dimension, clamped to the days that have rollups, when they can apply every filter', async () => {
      const { reports, reads } = withRealRollups({ first: '2026-01-10', end: '2026-03-01' });
      await reports.timePerUser({ date_from: '2026-01-01', date_to: '2026-12-31', user_id: USER });
      const report = reads()[1];
      expect(report.sql).toContain('JOIN time_rollups_by_user r');
      expect(report.sql).not.toMatch(/FROM time_rollups r/);
      // Buckets tile 2026-01-10 .. 2026-03-01 exactly (the range clamped to the stored days).
      const [spans, starts] = report.params.slice(1, 3) as [number[], string[]];
      expect(starts[0]).toBe('2026-01-10');
      expect(spans.reduce((a, b) => a + b, 0)).toBe(50);
      expect(report.params).toContain(USER);
    });

    it('falls back to the daily rollups when the span table cannot apply a filter (a deal filter on a user report, a user filter on a deal report)', async () => {
      for (const [run, spanTable] of [
        [(r: ReportsService) => r.timePerUser({ deal_id: DEAL }), 'time_rollups_by_user'],
        [(r: ReportsService) => r.timePerDeal({ user_id: USER }), 'time_rollups_by_deal'],
      ] as const) {
        const { reports, reads } = withRealRollups({ first: '2026-01-01', end: '2026-02-01' });
        await run(reports);
        expect(reads()).toHaveLength(1);
        expect(reads()[0].sql).toMatch(/FROM time_rollups r WHERE/);
        expect(reads()[0].sql).not.toContain(spanTable);
      }
    });

    it('reads nothing more when the organization has no rollups, or none in the range', async () => {
      for (const [bounds, q] of [
        [{ first: null, end: null }, {}],
        [{ first: '2026-01-01', end: '2026-02-01' }, { date_from: '2026-03-01' }],
      ] as const) {
        const { reports, reads } = withRealRollups(bounds);
        const report = await reports.timePerDeal(q);
        expect(reads()).toHaveLength(1);
        expect(report.totals.entries).toBe(0);
      }
    });
  });

  describe('parameters', () => {
    it('refuses bad dates, ranges, group_by, ids and formats with a 400 that names the field', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ date_from: '2026-02-30' }, 'date_from'],
        [{ date_from: '2026-02-01', date_to: '2026-01-01' }, 'date_to'],
        [{ group_by: 'year' }, 'group_by'],
        [{ deal_id: 'nope' }, 'deal_id'],
        [{ format: 'xlsx' }, 'format'],
        [{ colour: 'red' }, 'colour'],
      ];
      for (const [query, field] of cases) {
        const refused = await validated(TimeReportQueryDto, query).catch((e: BadRequestException) => e);
        expect(refused).toBeInstanceOf(BadRequestException);
        const body = (refused as BadRequestException).getResponse() as { message: string; details: { field: string }[] };
        expect(body.details.map((d) => d.field)).toEqual([field]);
        expect(body.message).toContain(field);
      }
      await expect(validated(PipelineReportQueryDto, { group_by: 'deal' })).rejects.toMatchObject({ response: { details: [{ field: 'group_by' }] } });
      await expect(validated(TimeReportQueryDto, { date_from: '2026-01-01', date_to: '2026-02-01', group_by: 'month', format: 'csv' })).resolves.toMatchObject({ group_by: 'month', format: 'csv' });
    });
  });

  describe('formats', () => {
    /** A response that keeps what is written to it. */
    function response() {
      const chunks: Buffer[] = [];
      const headers: Record<string, string> = {};
      const res = new Writable({
        write(chunk, _encoding, done) {
          chunks.push(Buffer.from(chunk));
          done();
        },
      }) as Writable & { status: jest.Mock; setHeader: (k: string, v: string) => void };
      res.status = jest.fn(() => res);
      res.setHeader = (k, v) => void (headers[k.toLowerCase()] = v);
      return { res: res as unknown as Response, headers, body: () => Buffer.concat(chunks) };
    }

    const dealReport = {
      filters: { date_from: null, date_to: null, group_by: null, deal_id: null, account_id: null, user_id: null, owner_id: null, stage: null },
      rows: [{ period: null, deal_id: DEAL, deal_name: '=HYPERLINK("x")', entries: 2, seconds: 5400, hours: 1.5, billable_seconds: 3600, billable_hours: 1 }],
      totals: { entries: 2, seconds: 5400, hours: 1.5, billable_seconds: 3600, billable_hours: 1 },
    };

    it('answers the report itself as JSON (no format, or json), writing nothing to the response', async () => {
      for (const format of [undefined, 'json'] as const) {
        const { res, body } = response();
        await expect(sendReport(format, res, dealReport, timePerDealTable)).resolves.toBe(dealReport);
        expect(body().length).toBe(0);
      }
    });

    it('streams CSV with one column per figure and neutralized formulas', async () => {
      const { res, headers, body } = response();
      await expect(sendReport('csv', res, dealReport, timePerDealTable)).resolves.toBeUndefined();
      expect(headers['content-type']).toMatch(/^text\/csv/);
      expect(headers['content-disposition']).toMatch(/filename=".+\.csv"/);
      const [header, line] = body().toString('utf8').trim().split('\n');
      expect(header).toBe('deal_id,deal_name,entries,seconds,hours,billable_seconds,billable_hours');
      expect(line).toBe(`${DEAL},"'=HYPERLINK(""x"")",2,5400,1.5,3600,1`);
    });

    it('sends a PDF document for pdf', async () => {
      const { res, headers, body } = response();
      const report = { filters: { ...dealReport.filters, group_by: 'stage' as const }, rows: [], stage_times: [], totals: { count: 0, weighting: 'stage' as const, model_trained_at: null, by_currency: [], won: 0, lost: 0, win_rate: null } };
      await sendReport('pdf', res, report, pipelineTable);
      expect(headers['content-type']).toBe('application/pdf');
      expect(headers['content-disposition']).toMatch(/filename=".+\.pdf"/);
      expect(body().subarray(0, 5).toString()).toBe('%PDF-');
    });
  });
});
