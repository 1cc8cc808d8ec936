import { useState, type ReactNode } from 'react';
import { useAccountOptions, useUsers } from '../../api/lookups';
import { useAuth } from '../../auth/AuthProvider';
import { can } from '../../auth/permissions';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { DateFilter, FilterBar, SelectFilter } from '../../components/Filters';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, QueryState } from '../../components/States';
import { useUrlFilters } from '../../lib/url-filters';
import { StatTile } from '../dashboard/StatTile';
import { ExportButtons } from './ExportButtons';
import { PipelineWeightedValue } from './PipelineWeightedValue';
import { ProfitabilityCard } from './ProfitabilityCard';
import { apiDateRange, isGroupBy, pipelineChart, revenueChart, timeChart, type ChartData } from './report-data';
import { downloadReport, useReports, type ReportKind, type ReportQuery } from './reports.queries';
import { ReportChart } from './ReportChart';
import { RevenueTotals } from './RevenueTotals';
import { ScheduleDialog } from './ScheduleDialog';
import { SchedulesPanel } from './SchedulesPanel';
import { ActivitiesReportCard } from './ActivitiesReportCard';
import { ChurnRiskCard } from '../insights/ChurnRisk';
import { LeakageCard } from '../insights/LeakageCard';

const FILTERS = ['date_from', 'date_to', 'group_by', 'account_id', 'owner_id'] as const;

/** "Schedule": emails this report with the page's filters (ScheduleDialog). */
function ScheduleButton({ kind, title, query }: { kind: ReportKind; title: string; query: ReportQuery }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="secondary" size="sm" icon="calendar" onClick={() => setOpen(true)} aria-label={`Schedule this report: ${title}`}>
        Schedule
      </Button>
      {open && <ScheduleDialog kind={kind} title={title} query={query} onClose={() => setOpen(false)} />}
    </>
  );
}

function ReportCard({ title, kind, query, result, chart, unit, horizontal, footer }: { title: string; kind: ReportKind; query: ReportQuery; result: { isPending: boolean; error: unknown; refetch: () => unknown }; chart: ChartData | null; unit?: string; horizontal?: boolean; footer?: ReactNode }) {
  return (
    <Card
      title={title}
      actions={
        <>
          <ExportButtons title={title} download={(format) => downloadReport(kind, format, query)} />
          <ScheduleButton kind={kind} title={title} query={query} />
        </>
      }
    >
      <QueryState query={result}>
        {chart && chart.labels.length > 0 ? (
          <>
            <ReportChart title={title} data={chart} unit={unit} horizontal={horizontal} />
            {footer}
          </>
        ) : (
          <EmptyState icon="reports" title="Nothing in this range">
            Widen the date range or clear the filters.
          </EmptyState>
        )}
      </QueryState>
    </Card>
  );
}

export function ReportsPage() {
  const { user } = useAuth();
  /** GET /reports/activities is for managers and admins (docs/permissions.md). */
  const seesActivities = user?.role === 'admin' || user?.role === 'manager';
  const { values, setFilters, clear, active } = useUrlFilters(FILTERS);
  const { users } = useUsers();
  const { accounts } = useAccountOptions();
  const groupBy = isGroupBy(values.group_by) ? values.group_by : undefined;
  const query: ReportQuery = {
    ...apiDateRange(values.date_from, values.date_to),
    ...(groupBy ? { group_by: groupBy } : {}),
    ...(values.account_id ? { account_id: values.account_id } : {}),
    ...(values.owner_id ? { owner_id: values.owner_id } : {}),
  };
  const reports = useReports(query);
  const grouped = !!groupBy;
  const pipeline = reports.pipeline.data;
  const revenue = reports.revenue.data;
  const perDeal = reports.perDeal.data;

  return (
    <>
      <PageHeader title="Reports" description="Pipeline, tracked time and revenue per hour, over any date range." />
      <div className="mb-6 rounded-xl border border-slate-200 bg-white shadow-sm shadow-slate-900/5">
        <FilterBar active={active} onClear={clear}>
          <DateFilter label="From" value={values.date_from} onChange={(date_from) => setFilters({ date_from })} />
          <DateFilter label="To" value={values.date_to} onChange={(date_to) => setFilters({ date_to })} />
          <SelectFilter
            label="Group time by"
            value={groupBy ?? ''}
            onChange={(group_by) => setFilters({ group_by })}
            allLabel="No grouping"
            options={[
              { value: 'day', label: 'Day' },
              { value: 'week', label: 'Week' },
              { value: 'month', label: 'Month' },
            ]}
          />
          <SelectFilter label="Account" value={values.account_id} onChange={(account_id) => setFilters({ account_id })} options={accounts.map((a) => ({ value: a.id, label: a.name }))} />
          <SelectFilter label="Deal owner" value={values.owner_id} onChange={(owner_id) => setFilters({ owner_id })} options={users.map((u) => ({ value: u.id, label: u.name }))} allLabel="Anyone" />
        </FilterBar>
      </div>

      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <StatTile label="Deals in range" value={pipeline?.totals.count ?? '—'} hint={pipeline ? `${pipeline.totals.won} won · ${pipeline.totals.lost} lost` : undefined} />
        <StatTile label="Win rate" value={pipeline?.totals.win_rate == null ? '—' : `${Math.round(pipeline.totals.win_rate * 100)}%`} />
        <StatTile label="Hours tracked" value={perDeal ? `${perDeal.totals.hours} h` : '—'} hint={perDeal ? `${perDeal.totals.entries} entries` : undefined} />
        <StatTile label="Billable hours" value={perDeal ? `${perDeal.totals.billable_hours} h` : '—'} hint={perDeal && perDeal.totals.hours > 0 ? `${Math.round((perDeal.totals.billable_hours / perDeal.totals.hours) * 100)}% of tracked` : undefined} />
      </div>

      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <ReportCard title="Pipeline by stage" kind="pipeline" query={query} result={reports.pipeline} chart={pipeline ? pipelineChart(pipeline.rows) : null} footer={pipeline && <PipelineWeightedValue totals={pipeline.totals} />} />
        <ReportCard title="Time per deal" kind="time-per-deal" query={query} result={reports.perDeal} unit=" h" horizontal={!grouped} chart={perDeal ? timeChart(perDeal.rows, (r) => r.deal_name ?? 'Not mapped', grouped) : null} />
        <ReportCard title="Time per client" kind="time-per-client" query={query} result={reports.perClient} unit=" h" horizontal={!grouped} chart={reports.perClient.data ? timeChart(reports.perClient.data.rows, (r) => r.account_name ?? 'No client', grouped) : null} />
        <ReportCard title="Time per person" kind="time-per-user" query={query} result={reports.perUser} unit=" h" horizontal={!grouped} chart={reports.perUser.data ? timeChart(reports.perUser.data.rows, (r) => r.user_name ?? 'Unknown person', grouped) : null} />
        <div className="lg:col-span-2">
          <ReportCard title="Revenue per hour" kind="revenue-vs-hours" query={query} result={reports.revenue} horizontal chart={revenue ? revenueChart(revenue.rows) : null} footer={revenue && <RevenueTotals totals={revenue.totals} />} />
        </div>
        {can(user?.role, 'cost-and-margin') && (
          <div className="min-w-0 lg:col-span-2">
            <ProfitabilityCard query={query} />
          </div>
        )}
      </div>
      {seesActivities && (
        <div className="mt-6">
          <ActivitiesReportCard range={apiDateRange(values.date_from, values.date_to)} />
        </div>
      )}
      <div className="mt-6">
        <LeakageCard range={apiDateRange(values.date_from, values.date_to)} />
      </div>
      <div className="mt-6">
        <ChurnRiskCard />
      </div>
      <SchedulesPanel />
    </>
  );
}
