import type { ReportTable } from '@clockwork/server-reports';
import type { LeakageReportDto } from '@clockwork/shared-dto';

/** The leakage report as the CSV and PDF exports see it. */
export function leakageTable(r: LeakageReportDto): ReportTable {
  const num = (key: string) => ({ key, header: key, numeric: true });
  return {
    title: 'Leakage',
    fileName: 'leakage',
    filters: r.filters,
    columns: [{ key: 'category', header: 'category' }, { key: 'currency', header: 'currency' }, num('entries'), num('seconds'), num('hours'), num('value')],
    rows: r.rows as never,
    totals: [{ label: 'Total hours', value: (Math.round(r.rows.reduce((s, x) => s + x.seconds, 0) / 36) / 100).toFixed(2) }],
    chart: { title: 'Hours', label: (row) => `${row['category']} ${row['currency'] ?? ''}`, value: (row) => row['hours'] as number },
  };
}
