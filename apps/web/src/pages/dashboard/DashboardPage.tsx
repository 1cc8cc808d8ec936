import { useHealth } from '../../api/health';
import { Icon } from '../../app/layout/icons';
import { usePageTitle } from '../../app/use-page-title';
import { ModuleList } from './ModuleList';
import type { ComponentState } from './StatusBadge';
import { StatusCard } from './StatusCard';
import { StatusSummary } from './StatusSummary';

export function DashboardPage() {
  usePageTitle('System status');
  const { data, error, isPending, isFetching, refetch, dataUpdatedAt, errorUpdatedAt } = useHealth();

  const part = (value: 'up' | 'down' | undefined): ComponentState =>
    isPending ? 'checking' : error ? 'unknown' : (value ?? 'unknown');
  const api: ComponentState = isPending ? 'checking' : error ? 'down' : 'up';
  const checkedAt = Math.max(dataUpdatedAt, errorUpdatedAt);

  return (
    <>
      <section aria-labelledby="page-title">
        <div className="flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
          <div>
            <p className="text-sm font-medium text-indigo-600">Dashboard</p>
            <h1 id="page-title" className="mt-1 text-2xl font-semibold tracking-tight text-slate-900">
              System status
            </h1>
            <p className="mt-1 text-sm text-slate-500">Live health of the Clockwork API and the services it depends on.</p>
          </div>
          <div className="flex items-center gap-3">
            {checkedAt > 0 && (
              <p className="text-xs text-slate-500">
                Last checked <time dateTime={new Date(checkedAt).toISOString()}>{new Date(checkedAt).toLocaleTimeString()}</time>
              </p>
            )}
            <button
              type="button"
              onClick={() => refetch()}
              disabled={isFetching}
              className="inline-flex items-center gap-1.5 rounded-lg bg-white px-3 py-2 text-sm font-semibold text-slate-700 shadow-sm ring-1 ring-slate-300 ring-inset hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-600 disabled:opacity-60"
            >
              <Icon name="refresh" className={`size-4 ${isFetching ? 'animate-spin' : ''}`} />
              {isFetching ? 'Checking…' : 'Refresh'}
            </button>
          </div>
        </div>

        <div className="mt-6">
          <StatusSummary health={data} error={error} pending={isPending} retrying={isFetching} onRetry={() => refetch()} />
        </div>

        <div className="mt-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-busy={isPending}>
          <StatusCard name="API" description="Clockwork REST API, /api/v1" icon="server" state={api} />
          <StatusCard name="Database" description="PostgreSQL: accounts, deals, time entries" icon="database" state={part(data?.db)} />
          <StatusCard name="Redis" description="Queues for webhooks and background jobs" icon="queue" state={part(data?.redis)} />
        </div>
      </section>
      <ModuleList />
    </>
  );
}
