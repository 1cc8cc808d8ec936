import { tasksCreate } from '@clockwork/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, type FormEvent } from 'react';
import { fieldErrorsOf, unwrap } from '../../api/errors';
import { Button } from '../../components/Button';
import { Input } from '../../components/Form';
import { useToast } from '../../components/Toast';

/** One line to add a task to a deal: type a title, press Enter. */
export function QuickTaskForm({ dealId }: { dealId: string }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const input = useRef<HTMLInputElement>(null);
  const create = useMutation({
    mutationFn: (title: string) => unwrap(tasksCreate({ body: { title, deal_id: dealId } })),
    onSuccess: (task) => {
      if (input.current) input.current.value = '';
      input.current?.focus();
      toast.success(`Task "${task.title}" added`);
      void queryClient.invalidateQueries({ queryKey: ['tasks'] });
    },
  });
  const error = create.error ? (fieldErrorsOf(create.error).title ?? (create.error as Error).message) : null;

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    create.mutate(input.current?.value.trim() ?? '');
  };

  return (
    <form onSubmit={submit} className="border-b border-slate-100 p-3 sm:px-5">
      <div className="flex gap-2">
        <label className="flex-1">
          <span className="sr-only">New task title</span>
          <Input ref={input} placeholder="Add a task and press Enter…" aria-invalid={error ? true : undefined} aria-describedby={error ? 'quick-task-error' : undefined} />
        </label>
        <Button type="submit" variant="secondary" icon="plus" busy={create.isPending}>
          Add
        </Button>
      </div>
      {error && (
        <p id="quick-task-error" className="mt-1 text-xs text-rose-600">
          {error}
        </p>
      )}
    </form>
  );
}
