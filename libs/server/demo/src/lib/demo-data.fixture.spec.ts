import { DEMO_DEALS, DEMO_RULES, DEMO_WEEKS, DEMO_WORK, demoInvoicePeriod, demoTimeEntries, mondayBefore } from './demo-data.fixture';

describe('sample data set', () => {
  const today = new Date('2026-12-09T15:00:00Z'); // a Wednesday

  it('starts the entries on the Monday DEMO_WEEKS full weeks before the load day', () => {
    expect(mondayBefore(today, 0).toISOString()).toBe('2026-12-07T00:00:00.000Z');
    expect(mondayBefore(new Date('2026-12-07T00:30:00Z'), 1).toISOString()).toBe('2026-11-30T00:00:00.000Z');
    const entries = demoTimeEntries(today);
    const days = entries.map((e) => e.start_time.slice(0, 10)).sort();
    expect(days[0]).toBe('2026-11-09');
    // Weekdays only, all before the load day's week.
    expect(days[days.length - 1] < '2026-12-07').toBe(true);
    expect(entries.every((e) => ![0, 6].includes(new Date(e.start_time).getUTCDay()))).toBe(true);
  });

  it('has one entry per work block and weekday of each week, unique ids, no overlap for a person', () => {
    const entries = demoTimeEntries(today);
    expect(entries).toHaveLength(DEMO_WEEKS * DEMO_WORK.reduce((n, w) => n + w.days.length, 0));
    expect(new Set(entries.map((e) => e.external_id)).size).toBe(entries.length);
    for (const person of ['admin', 'maria', 'tom']) {
      const mine = entries.filter((e) => e.person === person).sort((a, b) => a.start_time.localeCompare(b.start_time));
      mine.slice(1).forEach((e, i) => expect(e.start_time >= mine[i].end_time).toBe(true));
    }
    expect(entries.every((e) => Date.parse(e.end_time) - Date.parse(e.start_time) === e.duration_seconds * 1000)).toBe(true);
  });

  it('leaves some work to the review queue: no rule, deal or deal name matches it', () => {
    const unmatched = DEMO_WORK.filter((w) => !w.deal && !DEMO_RULES.some((r) => w.project.toLowerCase().includes(r.project_name.toLowerCase())));
    expect(unmatched.map((w) => w.project)).toEqual(['Trade fair preparation', 'Internal tooling']);
    for (const w of unmatched) expect(DEMO_DEALS.some((d) => d.name.toLowerCase().includes(w.project.toLowerCase()))).toBe(false);
  });

  it('invoices the first two weeks of entries', () => {
    expect(demoInvoicePeriod(today)).toEqual({ account: 'acme', period_from: '2026-11-09', period_to: '2026-11-22' });
  });
});
