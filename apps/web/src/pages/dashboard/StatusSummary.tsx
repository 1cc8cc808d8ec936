import { Icon } from '../../app/layout/icons';
import type { Health } from '../../api/health';
import { HealthRequestError } from '../../api/health';

interface StatusSummaryProps {
  health: Health | undefined;
  error: Error | null;
  pending: boolean;
  retrying: boolean;
  onRetry: () => void;
}

function downParts(health: Health): string {
  const down = [health.db === 'down' && 'Database', health.redis === 'down' && 'Redis'].filter(Boolean);
  return down.length ? `${down.join(' and ')} ${down.length > 1 ? 'are' : 'is'} down.` : 'A component is down.';
}

/** One line above the cards: all good, degraded, or the API could not be reached. */
export function StatusSummary({ health, error, pending, retrying, onRetry }: StatusSummaryProps) {
  if (error) {
    const unreachable = !(error instanceof HealthRequestError) || error.kind === 'unreachable';
    return (
      <div role="alert" className="flex flex-col gap-4 rounded-2xl border border-rose-200 bg-rose-50 p-5 sm:flex-row sm:items-center">
        <span className="flex size-10 shrink-0 items-center justify-center rounded-xl bg-rose-100 text-rose-600">
          <Icon name="alert" />
        </span>
        <div className="min-w-0 flex-1">
          <p className="font-semibold text-rose-900">{unreachable ? 'API unreachable' : 'Unexpected answer from the API'}</p>
          <p className="mt-0.5 text-sm text-rose-800">
            {unreachable
              ? 'Clockwork could not reach the API, so the status of the database and Redis is unknown. Check that the API is running, then retry.'
              : `${error.message}. The status of the database and Redis is unknown.`}
          </p>
        </div>
        <button
          type="button"
          onClick={onRetry}
          disabled={retrying}
          className="inline-flex shrink-0 items-center justify-center gap-1.5 rounded-lg bg-white px-3 py-2 text-sm font-semibold text-rose-700 shadow-sm ring-1 ring-rose-200 ring-inset hover:bg-rose-100 disabled:opacity-60"
        >
          <Icon name="refresh" className={`size-4 ${retrying ? 'animate-spin' : ''}`} />
          {retrying ? 'Retrying…' : 'Retry'}
        </button>
      </div>
    );
  }
  if (pending || !health) {
    return (
      <div role="status" className="rounded-2xl border border-slate-200 bg-white p-5 text-sm text-slate-500">
        Checking system status…
      </div>
    );
  }
  const ok = health.status === 'ok';
  return (
    <div
      role="status"
      className={`flex items-center gap-4 rounded-2xl border p-5 ${ok ? 'border-emerald-200 bg-emerald-50' : 'border-amber-200 bg-amber-50'}`}
    >
      <span
        className={`flex size-10 shrink-0 items-center justify-center rounded-xl ${ok ? 'bg-emerald-100 text-emerald-600' : 'bg-amber-100 text-amber-600'}`}
      >
        <Icon name={ok ? 'check' : 'alert'} />
      </span>
      <div>
        <p className={`font-semibold ${ok ? 'text-emerald-900' : 'text-amber-900'}`}>
          {ok ? 'All systems operational' : 'Degraded service'}
        </p>
        <p className={`mt-0.5 text-sm ${ok ? 'text-emerald-800' : 'text-amber-800'}`}>
          {ok ? 'The API, the database and Redis are up.' : downParts(health)}
        </p>
      </div>
    </div>
  );
}
