import { lazy, Suspense } from 'react';
import { Link } from 'react-router-dom';
import { useAccountOptions, useDealOptions, useUsers } from '../../api/lookups';
import { useAuth } from '../../auth/AuthProvider';
import { can, canSee } from '../../auth/permissions';
import { Card } from '../../components/Card';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, LoadingState, QueryState } from '../../components/States';
import { QueryCard } from '../../components/QueryCard';
import { PriorityBadge, stageLabels, TaskStatusBadge } from '../../components/badges';
import { formatDate, formatMoney, formatRelative, titleCase } from '../../lib/format';
import { OnboardingChecklist } from './OnboardingChecklist';
import { SampleDataOffer } from './SampleDataOffer';
import { AtRiskPanel } from './AtRiskPanel';
import { BudgetsAtRiskCard } from './BudgetsAtRiskCard';
import { hoursPerDeal, pipelineByStage, revenueMetrics, topAccounts } from './dashboard-data';
import { useDashboardData } from './dashboard.queries';
import { StatTile } from './StatTile';
import { SystemStatus } from './SystemStatus';

const verbs: Record<string, string> = { create: 'created', update: 'updated', delete: 'deleted', close: 'closed', assign: 'assigned', login: 'signed in to' };
const pastTense = (action: string) => verbs[action] ?? action.replace(/[._]/g, ' ');

const TimePerDealChart = lazy(async () => ({ default: (await import('./TimePerDealChart')).TimePerDealChart }));

export function DashboardPage() {
  const { user } = useAuth();
  const { deals, myTasks, time, unmapped, activity, budgets } = useDashboardData();
  const accountNames = useAccountOptions();
  const dealNames = useDealOptions();
  const { nameOf } = useUsers();
  const dealRows = deals.data?.data ?? [];
  const pipeline = pipelineByStage(dealRows);
  const metrics = revenueMetrics(dealRows);
  const maxStageValue = Math.max(1, ...pipeline.map((s) => s.value));
  const openTasks = (myTasks.data?.data ?? []).filter((t) => t.status !== 'done');
  const hours = hoursPerDeal(time.data?.data ?? []);
  const unmappedCount = unmapped.data ? `${unmapped.data.data.length}${unmapped.data.next_cursor ? '+' : ''}` : '—';
  const seesDeals = canSee(user?.role, 'deals');

  return (
    <>
      <PageHeader title="Dashboard" description={`Welcome back, ${user?.name.split(' ')[0] ?? ''}. Here is where things stand.`} actions={<SystemStatus />} />
      <SampleDataOffer />
      <OnboardingChecklist />

      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        {seesDeals && <StatTile label="Open pipeline" value={formatMoney(metrics.openValue)} hint={`${metrics.openCount} open deals`} to="/deals" />}
        {seesDeals && <StatTile label="Won" value={formatMoney(metrics.wonValue)} hint={metrics.winRate === null ? 'No closed deals yet' : `${Math.round(metrics.winRate * 100)}% win rate`} />}
        <StatTile label="My open tasks" value={openTasks.length} hint={`${openTasks.filter((t) => t.priority === 'urgent' || t.priority === 'high').length} high priority`} to="/tasks" />
        {can(user?.role, 'review-time') ? (
          <StatTile label="Unmapped entries" value={unmappedCount} hint="Waiting in the review queue" to="/time-entries?view=review" />
        ) : (
          <StatTile label="My time (30 days)" value={`${Math.round((time.data?.data ?? []).reduce((s, e) => s + e.duration_seconds, 0) / 360) / 10} h`} to="/time-entries" />
        )}
      </div>

      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        {seesDeals && (
          <Card title="Pipeline by stage" padded={false}>
            <QueryState query={deals}>
              <ul className="space-y-3 p-4 sm:p-5">
                {pipeline.map((s) => (
                  <li key={s.stage}>
                    <div className="flex items-baseline justify-between text-sm">
                      <span className="font-medium text-slate-700">{stageLabels[s.stage]}</span>
                      <span className="text-slate-500 tabular-nums">
                        {s.count} · {formatMoney(s.value)}
                      </span>
                    </div>
                    <div className="mt-1 h-2 rounded-full bg-slate-100">
                      <div className="h-2 rounded-full bg-indigo-500" style={{ width: `${(s.value / maxStageValue) * 100}%` }} />
                    </div>
                  </li>
                ))}
              </ul>
            </QueryState>
          </Card>
        )}

        {seesDeals && <BudgetsAtRiskCard budgets={budgets} />}

        <AtRiskPanel />

        <QueryCard
          title={can(user?.role, 'all-time') ? 'Time per deal · last 30 days' : 'My time per deal · last 30 days'}
          query={time}
          isEmpty={hours.length === 0}
          emptyState={{ icon: 'time', title: 'No time on deals yet', text: 'Entries from the productivity agents show up here once they are mapped to deals.' }}
        >
          <div className="p-4 sm:p-5">
            <Suspense fallback={<LoadingState rows={4} />}>
              <TimePerDealChart rows={hours.map((h) => ({ label: dealNames.nameOf(h.dealId) ?? 'Deal', hours: h.hours }))} />
            </Suspense>
          </div>
        </QueryCard>

        <QueryCard
          title="My tasks"
          actions={<Link to="/tasks" className="text-xs font-semibold text-indigo-600 hover:text-indigo-500">All tasks</Link>}
          query={myTasks}
          isEmpty={openTasks.length === 0}
          empty={
            <EmptyState icon="tasks" title="Nothing assigned to you">
              Tasks assigned to you appear here.
            </EmptyState>
          }
        >
          <ul className="divide-y divide-slate-100">
            {openTasks.slice(0, 6).map((task) => (
              <li key={task.id} className="flex items-center gap-3 px-4 py-3 sm:px-5">
                <div className="min-w-0 flex-1">
                  <p className="truncate text-sm font-medium text-slate-900">{task.title}</p>
                  <p className="text-xs text-slate-500">{task.due_date ? `Due ${formatDate(task.due_date)}` : 'No due date'}</p>
                </div>
                <PriorityBadge priority={task.priority} />
                <TaskStatusBadge status={task.status} />
              </li>
            ))}
          </ul>
        </QueryCard>

        {seesDeals && (
          <QueryCard title="Top accounts" query={deals} isEmpty={topAccounts(dealRows).length === 0} empty={<EmptyState icon="accounts" title="No account has deals yet" />}>
            <ol className="divide-y divide-slate-100">
              {topAccounts(dealRows).map((row, i) => (
                <li key={row.accountId} className="flex items-center gap-3 px-4 py-3 sm:px-5">
                  <span className="flex size-6 items-center justify-center rounded-full bg-slate-100 text-xs font-semibold text-slate-600">{i + 1}</span>
                  <Link to={`/accounts/${row.accountId}`} className="min-w-0 flex-1 truncate text-sm font-medium text-slate-900 hover:text-indigo-600">
                    {accountNames.nameOf(row.accountId) ?? 'Account'}
                  </Link>
                  <span className="text-xs text-slate-500">{row.deals === 1 ? '1 deal' : `${row.deals} deals`}</span>
                  <span className="w-24 text-right text-sm font-semibold text-slate-900 tabular-nums">{formatMoney(row.value)}</span>
                </li>
              ))}
            </ol>
          </QueryCard>
        )}

        {can(user?.role, 'audit-log') && (
          <QueryCard title="Recent activity" className="lg:col-span-2" query={activity} isEmpty={(activity.data?.data ?? []).length === 0} empty={<EmptyState icon="bell" title="No activity yet" />}>
            <ul className="divide-y divide-slate-100">
              {(activity.data?.data ?? []).map((log) => (
                <li key={log.id} className="flex items-center gap-3 px-4 py-2.5 text-sm sm:px-5">
                  <span className="size-2 shrink-0 rounded-full bg-indigo-400" aria-hidden="true" />
                  <span className="min-w-0 flex-1 truncate text-slate-700">
                    <span className="font-medium text-slate-900">{nameOf(log.actor_id) ?? titleCase(log.actor_type)}</span> {pastTense(log.action)} {log.object_type.replace(/_/g, ' ').toLowerCase()}
                  </span>
                  <time dateTime={log.timestamp} className="shrink-0 text-xs text-slate-500">
                    {formatRelative(log.timestamp)}
                  </time>
                </li>
              ))}
            </ul>
          </QueryCard>
        )}
      </div>
    </>
  );
}
