import { savedViewsCreate, savedViewsList, savedViewsMakeDefault, savedViewsPatch, savedViewsRemove, savedViewsUnsetDefault, type CreateSavedViewDto, type PatchSavedViewDto } from '@clockwork/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage, unwrap } from '../../api/errors';
import { queryKeys } from '../../api/query-keys';
import { useToast } from '../Toast';

/** The saved views of one list page, and their writes; keys from `queryKeys.savedViews`. */

export type SavedViewList = CreateSavedViewDto['list'];

export const useSavedViews = (list: SavedViewList) =>
  useQuery({ queryKey: queryKeys.savedViews.of(list), queryFn: ({ signal }) => unwrap(savedViewsList({ query: { list }, signal })) });

/** A write to a view; the list's views refresh, and a failure is a toast. */
function useViewWrite<A, R>(list: SavedViewList, write: (args: A) => Promise<R>, done: string) {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: write,
    onSuccess: () => {
      toast.success(done);
      void queryClient.invalidateQueries({ queryKey: queryKeys.savedViews.of(list) });
    },
    onError: (e) => toast.error(errorMessage(e)),
  });
}

export const useCreateSavedView = (list: SavedViewList) =>
  useViewWrite(list, (body: Omit<CreateSavedViewDto, 'list'>) => unwrap(savedViewsCreate({ body: { ...body, list } })), 'View saved');

export const usePatchSavedView = (list: SavedViewList) =>
  useViewWrite(list, ({ id, body }: { id: string; body: PatchSavedViewDto }) => unwrap(savedViewsPatch({ path: { id }, body })), 'View updated');

export const useDeleteSavedView = (list: SavedViewList) => useViewWrite(list, (id: string) => unwrap(savedViewsRemove({ path: { id } })), 'View deleted');

export const useDefaultView = (list: SavedViewList) =>
  useViewWrite(
    list,
    ({ id, makeDefault }: { id: string; makeDefault: boolean }) => (makeDefault ? unwrap(savedViewsMakeDefault({ path: { id } })).then(() => undefined) : unwrap(savedViewsUnsetDefault({ path: { id } }))),
    'Default view updated',
  );
