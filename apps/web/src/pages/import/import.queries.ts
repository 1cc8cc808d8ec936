import { importsCreate, importsGet, type ImportDto, type ImportPreviewDto } from '@clockwork/api-client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { unwrap } from '../../api/errors';
import { queryKeys } from '../../api/query-keys';

export type ImportKind = 'accounts' | 'contacts';

/** The fields a CSV column can fill, per kind (the API's IMPORT_FIELDS). */
export const importFields: Record<ImportKind, readonly string[]> = {
  accounts: ['name', 'industry', 'address', 'phone', 'website', 'domain'],
  contacts: ['first_name', 'last_name', 'full_name', 'email', 'phone', 'job_title', 'tags', 'account'],
};

/** Header -> field ("" ignores the column), as the API expects it. */
export type ColumnMapping = Record<string, string>;

export function previewImport(file: File, kind: ImportKind, mapping?: ColumnMapping): Promise<ImportPreviewDto> {
  return unwrap(importsCreate({ body: { file, kind, dry_run: true, ...(mapping ? { mapping: JSON.stringify(mapping) } : {}) } })) as Promise<ImportPreviewDto>;
}

export function startImport(file: File, kind: ImportKind, mapping: ColumnMapping): Promise<ImportDto> {
  return unwrap(importsCreate({ body: { file, kind, mapping: JSON.stringify(mapping) } })) as Promise<ImportDto>;
}

export const getImport = (id: string, signal?: AbortSignal) => unwrap(importsGet({ path: { id }, signal }));

const finished = (job?: ImportDto) => job?.status === 'completed' || job?.status === 'failed';

/** An import job, polled every second until it completes or fails. */
export const useImportJob = (id: string) =>
  useQuery({ queryKey: queryKeys.imports.job(id), queryFn: ({ signal }) => getImport(id, signal), refetchInterval: (q) => (finished(q.state.data) ? false : 1000) });

/** The dry run of a file (`mapping`: the user's column choices, else the api's guess) and the real import. */
export function useImportMutations(file: File | null, kind: ImportKind, onStarted: (job: ImportDto) => void) {
  const preview = useMutation({ mutationFn: (mapping?: ColumnMapping) => previewImport(file as File, kind, mapping) });
  const start = useMutation({ mutationFn: (mapping: ColumnMapping) => startImport(file as File, kind, mapping), onSuccess: onStarted });
  return { preview, start };
}

/** 0–100, or null while the total is not known yet. */
export function importProgress(job: Pick<ImportDto, 'status' | 'processed_rows' | 'total_rows'>): number | null {
  if (job.status === 'completed') return 100;
  if (!job.total_rows) return null;
  return Math.min(100, Math.round((job.processed_rows / job.total_rows) * 100));
}

/** The full mapping for the preview's headers: the API's guess, with the user's changes over it. */
export function mergeMapping(headers: readonly string[], guessed: ColumnMapping, changes: ColumnMapping): ColumnMapping {
  return Object.fromEntries(headers.map((h) => [h, changes[h] ?? guessed[h] ?? '']));
}
