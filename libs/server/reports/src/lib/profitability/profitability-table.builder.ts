import type { ProfitabilityReportDto } from '@clockwork/shared-dto';
import { n, ReportTable, t } from '../report-tables.builder';

const GROUP_NAMES = { deal: 'deal', account: 'client', user: 'person' } as const;

/** The profitability report as the CSV and PDF exports see it. */
export function profitabilityTable(r: ProfitabilityReportDto): ReportTable {
  return {
    title: `Profitability per ${GROUP_NAMES[r.group]}`,
    fileName: `profitability-${r.group}`,
    filters: r.filters,
    columns: [t('key_id', `${r.group}_id`), t('name', GROUP_NAMES[r.group]), t('currency'), n('billable_seconds'), n('costed_seconds'), n('billable_value'), n('invoiced_value'), n('cost'), n('margin'), n('margin_percent', 'margin %')],
    rows: r.rows as never,
    totals: r.totals.map((c) => ({
      label: `Total ${c.currency ?? 'without rate'}`,
      value: `billable ${c.billable_value}, invoiced ${c.invoiced_value}, cost ${c.cost}, margin ${c.margin} (${c.margin_percent ?? '-'} %)`,
    })),
    chart: { title: 'Margin', label: (row) => `${(row['name'] as string | null) ?? 'None'} ${row['currency'] ?? ''}`, value: (row) => Number(row['margin']) },
  };
}
