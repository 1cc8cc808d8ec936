import { useRef, type FormEvent } from 'react';
import { fieldErrorsOf } from '../../api/errors';
import { Button } from '../../components/Button';
import { Input } from '../../components/Form';
import { useCreateTask } from '../tasks/tasks.queries';

/** One line to add a task to a deal: type a title, press Enter. */
export function QuickTaskForm({ dealId }: { dealId: string }) {
  const input = useRef<HTMLInputElement>(null);
  const create = useCreateTask(
    () => {
      if (input.current) input.current.value = '';
      input.current?.focus();
    },
    (task) => `Task "${task.title}" added`,
  );
  const error = create.error ? (fieldErrorsOf(create.error).title ?? (create.error as Error).message) : null;

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    create.mutate({ title: input.current?.value.trim() ?? '', deal_id: dealId });
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
