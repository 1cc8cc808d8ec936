import { bulkEditsCreate, bulkEditsGet, type BulkEditPatchDto, type BulkEditDto } from '@clockwork/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '../../api/errors';
import { queryKeys } from '../../api/query-keys';
import { useToast } from '../Toast';
import type { BulkKind } from './use-bulk-selection';

const nouns: Record<BulkKind, [string, string]> = { accounts: ['account', 'accounts'], contacts: ['contact', 'contacts'], deals: ['deal', 'deals'], tasks: ['task', 'tasks'] };
export const nounOf = (kind: BulkKind, n: number) => nouns[kind][n === 1 ? 0 : 1];

const finished = (edit: BulkEditDto | undefined) => edit?.status === 'completed' || edit?.status === 'failed';

/** A queued bulk edit's progress, read every second until the worker finishes it (then the kind's lists refresh). */
export function useBulkEditProgress(kind: BulkKind, id: string | null) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: queryKeys.bulkEdits.detail(id ?? ''),
    enabled: !!id,
    queryFn: async ({ signal }) => {
      const edit = await unwrap(bulkEditsGet({ path: { id: id as string }, signal }));
      if (finished(edit)) void queryClient.invalidateQueries({ queryKey: queryKeys[kind].all });
      return edit;
    },
    refetchInterval: (query) => (finished(query.state.data) ? false : 1000),
  });
}

/** `POST /bulk-edits`: the change to the selected records (named ids or the list's filter); the kind's lists refresh after. */
export function useBulkEdit(kind: BulkKind, onDone: (result: BulkEditDto) => void) {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: ({ selection, patch }: { selection: { ids: string[] } | { filter: Record<string, string> }; patch: BulkEditPatchDto }) =>
      unwrap(bulkEditsCreate({ body: { kind, selection, patch } })),
    onSuccess: (result) => {
      if (result.status === 'completed') toast.success(`${result.done} ${nounOf(kind, result.done)} updated`);
      onDone(result);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys[kind].all }),
  });
}
