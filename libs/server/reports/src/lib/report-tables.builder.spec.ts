import type { ReportFiltersDto, TimeFiguresDto } from '@clockwork/shared-dto';
import { timePerClientTable, timePerDealTable, timePerUserTable } from './report-tables.builder';

const filters = (group_by: ReportFiltersDto['group_by']): ReportFiltersDto => ({ date_from: null, date_to: null, group_by, deal_id: null, account_id: null, user_id: null, owner_id: null, stage: null });
const totals: TimeFiguresDto = { entries: 3, seconds: 5400, hours: 1.5, billable_seconds: 3600, billable_hours: 1 };
const TIME = ['entries', 'seconds', 'hours', 'billable_seconds', 'billable_hours'];

describe('the time report tables', () => {
  it.each([
    ['deal', timePerDealTable, 'Time per deal', 'time-per-deal', 'deal_id', 'deal_name', 'No deal'],
    ['client', timePerClientTable, 'Time per client', 'time-per-client', 'account_id', 'account_name', 'No client'],
    ['user', timePerUserTable, 'Time per user', 'time-per-user', 'user_id', 'user_name', 'No user'],
  ] as const)('by %s: id and name columns, then the time figures; totals; hours charted by name', (header, table, title, fileName, id, name, none) => {
    const rows = [{ [id]: 'abcdef1234', [name]: 'Acme', hours: 1.5 }, { [id]: null, [name]: null, hours: 0.25 }];
    const built = table({ filters: filters(null), rows, totals } as never);
    expect(built).toMatchObject({ title, fileName, rows });
    expect(built.columns.map((c) => [c.key, c.header, c.numeric ?? false])).toEqual([[id, id.replace(/_/g, ' '), false], [name, header, false], ...TIME.map((k) => [k, k.replace(/_/g, ' '), true])]);
    expect(built.totals).toEqual([
      { label: 'Total entries', value: '3' },
      { label: 'Total seconds', value: '5400' },
      { label: 'Total hours', value: '1.50' },
      { label: 'Billable hours', value: '1.00' },
    ]);
    expect(built.chart.title).toBe('Hours');
    expect(rows.map(built.chart.label)).toEqual(['Acme', none]);
    expect(rows.map(built.chart.value)).toEqual([1.5, 0.25]);
  });

  it('leads with the period column when the report is grouped by one', () => {
    const built = timePerUserTable({ filters: filters('week'), rows: [{ period: '2026-W01', user_id: 'u1', user_name: 'Ann' }], totals } as never);
    expect(built.columns[0].key).toBe('period');
    expect(built.chart.label({ period: '2026-W01', user_id: 'u1', user_name: 'Ann' })).toBe('2026-W01 Ann');
  });
});
