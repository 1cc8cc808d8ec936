import { Link, useParams } from 'react-router-dom';
import { useAccountOptions, useUsers } from '../../api/lookups';
import { Card, DetailList } from '../../components/Card';
import { PageHeader } from '../../components/PageHeader';
import { AttachmentsPanel } from '../../components/records/AttachmentsPanel';
import { CustomFieldsCard } from '../../components/records/CustomFieldsCard';
import { ActivitiesPanel } from '../../components/records/ActivitiesPanel';
import { EmailsPanel } from '../../components/records/EmailsPanel';
import { NotesPanel } from '../../components/records/NotesPanel';
import { EmptyState, QueryState, RecordPageState } from '../../components/States';
import { PriorityBadge, StageBadge, TaskStatusBadge } from '../../components/badges';
import { formatDate, formatMoney } from '../../lib/format';
import { DealHealthCard } from '../insights/DealHealth';
import { DealWinProbabilityCard } from '../insights/WinProbability';
import { LiveMarginCard } from '../reports/LiveMarginCard';
import { useTasksOfDeal } from '../tasks/tasks.queries';
import { useDeal } from './deals.queries';
import { DealBillingModelCard } from './DealBillingModelCard';
import { DealBudgetCard } from './DealBudgetCard';
import { DealMilestonesCard } from './DealMilestonesCard';
import { DealRetainerCard } from './DealRetainerCard';
import { DealTimeEntries } from './DealTimeEntries';
import { QuickTaskForm } from './QuickTaskForm';

export function DealDetailPage() {
  const { id = '' } = useParams();
  const { nameOf } = useUsers();
  const accounts = useAccountOptions();
  const deal = useDeal(id);
  const tasks = useTasksOfDeal(id);

  if (deal.isPending || deal.error) return <RecordPageState query={deal} noun="deal" />;
  const d = deal.data;
  const accountName = accounts.nameOf(d.account_id);

  return (
    <>
      <PageHeader
        title={d.name}
        back={{ to: '/deals', label: 'Deals' }}
        meta={
          <>
            <StageBadge stage={d.stage} />
            <span className="text-sm font-semibold text-slate-900">{formatMoney(d.value, d.currency)}</span>
            {d.account_id && accountName && (
              <Link to={`/accounts/${d.account_id}`} className="text-sm text-indigo-600 hover:underline">
                {accountName}
              </Link>
            )}
          </>
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-6 lg:col-span-2">
          {d.billing_model === 'fixed' && <DealMilestonesCard deal={d} />}
          <DealTimeEntries dealId={id} />
          <Card title="Tasks" padded={false}>
            <QuickTaskForm dealId={id} />
            <QueryState query={tasks} isEmpty={(tasks.data?.data ?? []).length === 0} empty={<EmptyState icon="tasks" title="No tasks on this deal yet" />}>
              <ul className="divide-y divide-slate-100">
                {(tasks.data?.data ?? []).map((t) => (
                  <li key={t.id} className="flex items-center gap-3 px-4 py-3 sm:px-5">
                    <div className="min-w-0 flex-1">
                      <p className="truncate text-sm font-medium text-slate-900">{t.title}</p>
                      <p className="text-xs text-slate-500">
                        {nameOf(t.assigned_to) ?? 'Unassigned'}
                        {t.due_date ? ` · due ${formatDate(t.due_date)}` : ''}
                      </p>
                    </div>
                    <PriorityBadge priority={t.priority} />
                    <TaskStatusBadge status={t.status} />
                  </li>
                ))}
              </ul>
            </QueryState>
          </Card>
          <ActivitiesPanel parent={{ type: 'deal', id }} />
          <EmailsPanel parent={{ type: 'deal', id }} />
          <NotesPanel parent={{ type: 'deal', id }} />
        </div>
        <div className="min-w-0 space-y-6">
          <Card title="Details">
            <DetailList
              items={[
                ['Owner', nameOf(d.owner_id)],
                ['Start', d.start_date && formatDate(d.start_date)],
                ['End', d.end_date && formatDate(d.end_date)],
                ['Closed', d.closed_at && formatDate(d.closed_at)],
                ['Created', formatDate(d.created_at)],
                ['Updated', formatDate(d.updated_at)],
              ]}
            />
            {d.description && <p className="mt-4 border-t border-slate-100 pt-4 text-sm whitespace-pre-wrap text-slate-700">{d.description}</p>}
          </Card>
          <CustomFieldsCard key={d.version} record={{ type: 'deal', id: d.id, version: d.version }} values={d.custom_fields ?? {}} />
          <DealWinProbabilityCard dealId={id} />
          {!d.closed_at && <DealHealthCard dealId={id} />}
          <DealBudgetCard key={d.version} deal={d} />
          {d.billing_model === 'retainer' && <DealRetainerCard deal={d} />}
          <DealBillingModelCard key={`billing-${d.version}`} deal={d} />
          <LiveMarginCard of={{ deal_id: id }} />
          <AttachmentsPanel parent={{ type: 'deal', id }} />
        </div>
      </div>
    </>
  );
}
