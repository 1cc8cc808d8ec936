import { tasksBulkAssign, tasksPatch, type TaskDto } from '@clockwork/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage, unwrap } from '../../api/errors';
import { taskStatusLabels, type TaskStatus } from '../../components/badges';
import { useToast } from '../../components/Toast';

export function useChangeTaskStatus() {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: ({ task, status }: { task: TaskDto; status: TaskStatus }) => unwrap(tasksPatch({ path: { id: task.id }, body: { status }, headers: { 'If-Match': `"${task.version}"` } })),
    onSuccess: (task) => toast.success(`"${task.title}" is now ${taskStatusLabels[task.status].toLowerCase()}`),
    onError: (error, { task }) => toast.error(`Could not change "${task.title}": ${errorMessage(error)}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['tasks'] }),
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
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['tasks'] }),
  });
}
