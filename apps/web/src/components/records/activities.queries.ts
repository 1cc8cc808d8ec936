import { activitiesCreate, activitiesList, type CreateActivityDto } from '@clockwork/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '../../api/errors';
import { queryKeys } from '../../api/query-keys';
import { useToast } from '../Toast';

/** Calls and meetings of one record; keys from `queryKeys.activities`. */

export type ActivityParent = { type: 'account' | 'contact' | 'deal'; id: string };

export const useActivities = (parent: ActivityParent) =>
  useQuery({
    queryKey: queryKeys.activities.of(parent.type, parent.id),
    queryFn: ({ signal }) => unwrap(activitiesList({ query: { [`${parent.type}_id`]: parent.id, limit: 50 }, signal })),
  });

/** Logs a call or meeting on the record; its activities, every timeline and the reports refresh. */
export function useLogActivity(parent: ActivityParent, onDone: () => void) {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: (body: Omit<CreateActivityDto, 'account_id' | 'contact_id' | 'deal_id'>) => unwrap(activitiesCreate({ body: { ...body, [`${parent.type}_id`]: parent.id } })),
    onSuccess: (a) => {
      onDone();
      toast.success(`${a.type === 'call' ? 'Call' : 'Meeting'} logged`);
      void queryClient.invalidateQueries({ queryKey: queryKeys.activities.all });
      void queryClient.invalidateQueries({ queryKey: queryKeys.timeline.all });
      void queryClient.invalidateQueries({ queryKey: ['reports', 'activities'] });
    },
  });
}
