import type { ReactNode } from 'react';
import { errorMessage } from '../api/errors';
import { Button } from './Button';
import { Icon, type IconName } from './icons';

export function LoadingState({ label = 'Loading…', rows = 5 }: { label?: string; rows?: number }) {
  return (
    <div role="status" aria-live="polite" className="space-y-3 p-4 sm:p-5">
      <span className="sr-only">{label}</span>
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="flex animate-pulse items-center gap-4" aria-hidden="true">
          <div className="h-3 w-1/4 rounded bg-slate-200" />
          <div className="h-3 w-1/3 rounded bg-slate-100" />
          <div className="ml-auto h-3 w-16 rounded bg-slate-100" />
        </div>
      ))}
    </div>
  );
}

export function EmptyState({ icon = 'inbox', title, children, action }: { icon?: IconName; title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="flex flex-col items-center px-6 py-14 text-center">
      <span className="flex size-11 items-center justify-center rounded-xl bg-indigo-50 text-indigo-600">
        <Icon name={icon} className="size-5" />
      </span>
      <p className="mt-4 text-sm font-semibold text-slate-900">{title}</p>
      {children && <p className="mt-1 max-w-sm text-sm text-slate-500">{children}</p>}
      {action && <div className="mt-5">{action}</div>}
    </div>
  );
}

export function ErrorState({ error, onRetry, title = 'Could not load this' }: { error: unknown; onRetry?: () => void; title?: string }) {
  return (
    <div role="alert" className="m-4 flex flex-col gap-3 rounded-xl border border-rose-200 bg-rose-50 p-4 sm:flex-row sm:items-center">
      <span className="flex size-9 shrink-0 items-center justify-center rounded-lg bg-rose-100 text-rose-600">
        <Icon name="alert" className="size-5" />
      </span>
      <div className="min-w-0 flex-1">
        <p className="text-sm font-semibold text-rose-900">{title}</p>
        <p className="mt-0.5 text-sm text-rose-800">{errorMessage(error)}</p>
      </div>
      {onRetry && (
        <Button variant="danger" size="sm" icon="refresh" onClick={onRetry}>
          Retry
        </Button>
      )}
    </div>
  );
}

export type QueryStateProps = {
  query: { isPending: boolean; error: unknown; refetch: () => unknown };
  children: ReactNode;
  loading?: ReactNode;
  /** Whether the loaded data has nothing to show: then `empty` (or the EmptyState of `emptyState`) stands in for the content. */
  isEmpty?: boolean;
  empty?: ReactNode;
  emptyState?: { icon?: IconName; title: string; text?: ReactNode };
};

/** A record page until its record is there: "Loading deal…", or "Could not load this deal" with Retry. */
export function RecordPageState({ query, noun }: { query: QueryStateProps['query']; noun: string }) {
  if (query.isPending) return <LoadingState label={`Loading ${noun}…`} />;
  return <ErrorState error={query.error} onRetry={() => query.refetch()} title={`Could not load this ${noun}`} />;
}

/** Loading, error, empty or the content, for one query. */
export function QueryState({ query, children, loading, isEmpty = false, empty, emptyState }: QueryStateProps) {
  if (query.isPending) return <>{loading ?? <LoadingState />}</>;
  if (query.error) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  if (!isEmpty) return <>{children}</>;
  return (
    <>
      {emptyState ? (
        <EmptyState icon={emptyState.icon} title={emptyState.title}>
          {emptyState.text}
        </EmptyState>
      ) : (
        empty
      )}
    </>
  );
}
