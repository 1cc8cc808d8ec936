import type { NoteDto } from '@clockwork/api-client';
import { useRef, type FormEvent } from 'react';
import { fieldErrorsOf } from '../../api/errors';
import { useUsers } from '../../api/lookups';
import { formatRelative } from '../../lib/format';
import { Badge } from '../Badge';
import { Button } from '../Button';
import { Card } from '../Card';
import { Field, FormError, Textarea } from '../Form';
import { EmptyState, QueryState } from '../States';
import { useAddNote, useNotes } from './records.queries';

type Parent = { type: NoteDto['parent_type']; id: string };

export function NotesPanel({ parent }: { parent: Parent }) {
  const { nameOf } = useUsers();
  const form = useRef<HTMLFormElement>(null);
  const notes = useNotes(parent);
  const add = useAddNote(parent, () => form.current?.reset());

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    add.mutate({ text: String(data.get('text') ?? ''), is_private: data.get('is_private') === 'on' });
  };

  return (
    <Card title="Notes" padded={false}>
      <form ref={form} onSubmit={submit} className="space-y-3 border-b border-slate-100 p-4 sm:p-5">
        <FormError error={add.error} />
        <Field label="Add a note" error={fieldErrorsOf(add.error).text}>
          <Textarea name="text" placeholder="What happened, what is next…" />
        </Field>
        <div className="flex items-center justify-between gap-3">
          <label className="flex items-center gap-2 text-sm text-slate-600">
            <input type="checkbox" name="is_private" className="size-4 rounded border-slate-300 text-indigo-600 focus:ring-indigo-600" />
            Private (only you and admins)
          </label>
          <Button type="submit" size="sm" busy={add.isPending}>
            Add note
          </Button>
        </div>
      </form>
      <QueryState query={notes} isEmpty={(notes.data?.data ?? []).length === 0} empty={<EmptyState icon="note" title="No notes yet" />}>
        <ul className="divide-y divide-slate-100">
          {(notes.data?.data ?? []).map((note) => (
            <li key={note.id} className="px-4 py-3 sm:px-5">
              <div className="flex items-center gap-2 text-xs text-slate-500">
                <span className="font-medium text-slate-700">{nameOf(note.author_id) ?? 'Someone'}</span>
                <time dateTime={note.created_at}>{formatRelative(note.created_at)}</time>
                {note.is_private && <Badge>Private</Badge>}
              </div>
              <p className="mt-1 text-sm whitespace-pre-wrap text-slate-800">{note.text}</p>
            </li>
          ))}
        </ul>
      </QueryState>
    </Card>
  );
}
