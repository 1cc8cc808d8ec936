import { Placeholder } from '../../components/Placeholder';

export function ReportsPage() {
  return (
    <Placeholder
      title="Reports"
      icon="reports"
      description="Pipeline, time per client and revenue versus hours."
      planned={['Pipeline by stage over a date range', 'Time per deal and per client', 'Revenue versus hours, per deal', 'CSV and PDF exports, scheduled by email']}
    />
  );
}
