import type { TaskStatus } from '@clockwork/shared-entities';

/**
 * The `completed_at` a task gets when its status goes from `previous` (null: a new task) to
 * `next`: stamped when it becomes done, kept while it stays done, cleared when it leaves done.
 */
export function completedAtFor(previous: { status: TaskStatus; completedAt: Date | null } | null, next: TaskStatus, now: Date): Date | null {
  if (next !== 'done') return null;
  if (previous?.status === 'done') return previous.completedAt ?? now;
  return now;
}

/** The ids of `wanted` that are not among `found`, in the order asked, each once. */
export function missingIds(wanted: string[], found: { id: string }[]): string[] {
  const have = new Set(found.map((t) => t.id.toLowerCase()));
  return [...new Set(wanted.map((id) => id.toLowerCase()))].filter((id) => !have.has(id));
}
