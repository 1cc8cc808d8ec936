import { daysOf, periodOf } from './timesheet-period.rules';

describe('timesheet periods (UTC days, weeks from Monday)', () => {
  it('puts a Sunday in the week that began the Monday before', () => {
    expect(periodOf('2026-12-06', 'week')).toEqual({ start: '2026-11-30', end: '2026-12-07' });
  });

  it('puts a Monday at the start of its own week', () => {
    expect(periodOf('2026-11-30', 'week')).toEqual({ start: '2026-11-30', end: '2026-12-07' });
  });

  it('takes calendar months, February of a leap year included', () => {
    expect(periodOf('2028-02-29', 'month')).toEqual({ start: '2028-02-01', end: '2028-03-01' });
    expect(periodOf('2026-12-31', 'month')).toEqual({ start: '2026-12-01', end: '2027-01-01' });
  });

  it('lists the days of a period, the end excluded', () => {
    expect(daysOf('2026-11-30', '2026-12-07')).toEqual(['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06']);
    expect(daysOf('2028-02-01', '2028-03-01')).toHaveLength(29);
  });
});
