import { Badge } from '../../components/Badge';
import { ButtonLink } from '../../components/Button';
import { ErrorState } from '../../components/States';
import { importProgress, useImportJob } from './import.queries';

export function ImportProgress({ id }: { id: string }) {
  const job = useImportJob(id);
  if (job.error) return <ErrorState error={job.error} onRetry={() => job.refetch()} />;
  const data = job.data;
  const percent = data ? importProgress(data) : null;
  return (
    <div className="space-y-4 p-5">
      <div className="flex items-center justify-between gap-3">
        <p className="text-sm font-medium text-slate-900">{data?.file_name ?? 'Import'}</p>
        <Badge tone={data?.status === 'completed' ? 'success' : data?.status === 'failed' ? 'danger' : 'info'} dot>
          {data ? data.status[0].toUpperCase() + data.status.slice(1) : 'Starting'}
        </Badge>
      </div>
      <div role="progressbar" aria-label="Import progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent ?? undefined} className="h-2.5 overflow-hidden rounded-full bg-slate-100">
        <div className={`h-full rounded-full bg-indigo-600 transition-all ${percent === null ? 'w-1/3 animate-pulse' : ''}`} style={percent === null ? undefined : { width: `${percent}%` }} />
      </div>
      {data && (
        <p className="text-sm text-slate-600">
          {data.processed_rows}
          {data.total_rows ? ` of ${data.total_rows}` : ''} rows · {data.created_count} created · {data.updated_count} updated · {data.error_count} errors
        </p>
      )}
      {data?.failure && <p className="text-sm text-rose-700">{data.failure}</p>}
      {data && data.errors.length > 0 && (
        <ul className="max-h-48 overflow-auto rounded-lg border border-rose-100 bg-rose-50/60 p-3 text-xs text-rose-800">
          {data.errors.map((e, i) => (
            <li key={i}>
              Row {e.row}
              {e.field ? ` · ${e.field}` : ''}: {e.message}
            </li>
          ))}
        </ul>
      )}
      {data?.status === 'completed' && (
        <ButtonLink to={`/${data.kind}`} variant="secondary">
          See the {data.kind}
        </ButtonLink>
      )}
    </div>
  );
}
