import { tasksBulkAssign, tasksCreate, tasksList, tasksPatch, type CreateTaskDto, type TaskDto, type TasksListData } from '@clockwork/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage, unwrap } from '../../api/errors';
import { queryKeys } from '../../api/query-keys';
import { taskStatusLabels, type TaskStatus } from '../../components/badges';
import { useToast } from '../../components/Toast';
import { usePagedQuery } from '../../lib/paged-query';
import { definedOnly } from '../../lib/url-filters';

/** The tasks section's reads and writes; keys from `queryKeys.tasks`. */

export const useTasks = (filters: Record<string, string>) =>
  usePagedQuery(queryKeys.tasks.list(filters), (cursor, signal) =>
    unwrap(tasksList({ query: { ...(definedOnly(filters) as NonNullable<TasksListData['query']>), cursor, limit: 50 }, signal })),
  );

export const useTasksOfDeal = (dealId: string) =>
  useQuery({ queryKey: queryKeys.tasks.byDeal(dealId), queryFn: ({ signal }) => unwrap(tasksList({ query: { deal_id: dealId, limit: 100 }, signal })) });

/** Creates a task; `onCreated` runs after the toast and before the lists refresh. */
export function useCreateTask(onCreated: (task: TaskDto) => void, toastText = (task: TaskDto) => `Task "${task.title}" created`) {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: (body: CreateTaskDto) => unwrap(tasksCreate({ body })),
    onSuccess: (task) => {
      onCreated(task);
      toast.success(toastText(task));
      void queryClient.invalidateQueries({ queryKey: queryKeys.tasks.all });
    },
  });
}

export function useChangeTaskStatus() {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: ({ task, status }: { task: TaskDto; status: TaskStatus }) => unwrap(tasksPatch({ path: { id: task.id }, body: { status }, headers: { 'If-Match': `"${task.version}"` } })),
    onSuccess: (task) => toast.success(`"${task.title}" is now ${taskStatusLabels[task.status].toLowerCase()}`),
    onError: (error, { task }) => toast.error(`Could not change "${task.title}": ${errorMessage(error)}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.tasks.all }),
  });
}

export function useBulkAssign(onDone: () => void) {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: ({ ids, assignee }: { ids: string[]; assignee: string | null }) => unwrap(tasksBulkAssign({ body: { task_ids: ids, assigned_to: assignee } })),
    onSuccess: (result) => {
      toast.success(`${result.updated} ${result.updated === 1 ? 'task' : 'tasks'} reassigned`);
      onDone();
    },
    onError: (error) => toast.error(`Could not reassign: ${errorMessage(error)}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.tasks.all }),
  });
}
