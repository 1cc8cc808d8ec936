import type { BulkEditPatchDto } from '@clockwork/api-client';
import { useState, type FormEvent } from 'react';
import { ApiError, errorMessage } from '../../api/errors';
import { useUsers } from '../../api/lookups';
import { dealStages, stageLabels, taskPriorities, taskStatuses, taskStatusLabels } from '../badges';
import { Button } from '../Button';
import { Field, Input, NamedSelect, Select } from '../Form';
import { Icon } from '../icons';
import { Modal } from '../Modal';
import { nounOf, useBulkEdit, useBulkEditProgress } from './bulk-edit.queries';
import type { BulkKind, BulkSelection } from './use-bulk-selection';

type Change = 'owner_id' | 'stage' | 'status' | 'priority' | 'add_tags' | 'remove_tags';

/** What each kind's records can have changed in bulk (the api's BULK_EDIT_FIELDS). */
const CHANGES: Record<BulkKind, { value: Change; label: string }[]> = {
  accounts: [{ value: 'owner_id', label: 'Owner' }],
  contacts: [
    { value: 'owner_id', label: 'Owner' },
    { value: 'add_tags', label: 'Add a tag' },
    { value: 'remove_tags', label: 'Remove a tag' },
  ],
  deals: [
    { value: 'owner_id', label: 'Owner' },
    { value: 'stage', label: 'Stage' },
  ],
  tasks: [
    { value: 'owner_id', label: 'Assignee' },
    { value: 'status', label: 'Status' },
    { value: 'priority', label: 'Priority' },
  ],
};

const capital = (s: string) => s[0].toUpperCase() + s.slice(1);

/** The value control of a change: a person, a stage, a status, a priority or a tag. */
function ValueControl({ change, value, onChange, kind, ...aria }: { change: Change; value: string; onChange: (v: string) => void; kind: BulkKind; id?: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string }) {
  const { users } = useUsers();
  // The label's id and description come from Field, through this component to its control.
  const props = { ...aria, value, onChange: (e: { target: { value: string } }) => onChange(e.target.value) };
  if (change === 'owner_id') return <NamedSelect {...props} options={users} none={kind === 'tasks' ? 'Nobody (unassign)' : 'No owner'} />;
  const options = change === 'stage' ? dealStages.map((s) => [s, stageLabels[s]]) : change === 'status' ? taskStatuses.map((s) => [s, taskStatusLabels[s]]) : change === 'priority' ? taskPriorities.map((p) => [p, capital(p)]) : null;
  if (options) {
    return (
      <Select {...props}>
        {options.map(([v, label]) => (
          <option key={v} value={v}>
            {label}
          </option>
        ))}
      </Select>
    );
  }
  return <Input {...props} maxLength={50} required placeholder="e.g. renewal" />;
}

/** Why the edit was refused: a 403 here names the records the caller may not change, so it is shown as the api says it. */
const refusal = (error: unknown) => (error instanceof ApiError && error.status === 403 ? error.message : errorMessage(error));

const firstValue = (change: Change) => (change === 'stage' ? dealStages[0] : change === 'status' ? taskStatuses[0] : change === 'priority' ? taskPriorities[0] : '');

/** The bulk edit dialog: one change to every selected record, all of them or none. */
export function BulkEditDialog({ selection, onClose }: { selection: BulkSelection; onClose: () => void }) {
  const changes = CHANGES[selection.kind];
  const [change, setChange] = useState<Change>(changes[0].value);
  const [value, setValue] = useState(firstValue(changes[0].value));
  const [queued, setQueued] = useState<string | null>(null);
  const edit = useBulkEdit(selection.kind, (result) => {
    if (result.status !== 'completed') return setQueued(result.id);
    selection.clear();
    onClose();
  });
  const progress = useBulkEditProgress(selection.kind, queued);
  const count = selection.ids.size;
  const what = selection.matching ? `every ${nounOf(selection.kind, 1)} matching this filter` : `${count} ${nounOf(selection.kind, count)}`;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const patch: BulkEditPatchDto =
      change === 'owner_id' ? { owner_id: value || null } : change === 'add_tags' || change === 'remove_tags' ? { [change]: [value.trim()] } : ({ [change]: value } as BulkEditPatchDto);
    edit.mutate({ selection: selection.matching ? { filter: selection.filters } : { ids: [...selection.ids] }, patch });
  };

  if (queued) {
    const p = progress.data;
    const close = () => {
      selection.clear();
      onClose();
    };
    return (
      <Modal title={`Edit ${what}`} onClose={close}>
        <div className="space-y-4">
          <p className="text-sm text-slate-700" aria-live="polite">
            {!p || p.status === 'queued' ? 'Waiting for the worker…' : p.status === 'running' ? `Updating: ${p.done} of ${p.total}` : p.status === 'completed' ? `Done: ${p.done} ${nounOf(selection.kind, p.done)} updated.` : `Stopped after ${p.done} of ${p.total}.`}
          </p>
          <progress className="h-2 w-full" aria-label="Bulk edit progress" max={p?.total ?? 1} value={p?.done ?? 0} />
          {p?.status === 'failed' && (
            <div role="alert" className="rounded-lg border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800">
              {p.error}
            </div>
          )}
          {progress.error && <div role="alert" className="text-sm text-rose-800">{errorMessage(progress.error)}</div>}
          <div className="flex justify-end">
            <Button onClick={close}>{p?.status === 'completed' || p?.status === 'failed' ? 'Done' : 'Hide (it continues)'}</Button>
          </div>
        </div>
      </Modal>
    );
  }

  return (
    <Modal title={`Edit ${what}`} onClose={onClose}>
      <form onSubmit={submit} className="space-y-4">
        <Field label="Change">
          <Select
            value={change}
            onChange={(e) => {
              const next = e.target.value as Change;
              setChange(next);
              setValue(firstValue(next));
            }}
          >
            {changes.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="New value" hint="Every selected record gets this value; if any of them may not be changed, none is.">
          <ValueControl change={change} value={value} onChange={setValue} kind={selection.kind} />
        </Field>
        {edit.error && (
          <div role="alert" className="flex items-start gap-2 rounded-lg border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800">
            <Icon name="alert" className="mt-0.5 size-4 shrink-0" />
            <span>{refusal(edit.error)}</span>
          </div>
        )}
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" busy={edit.isPending}>
            Apply to {what}
          </Button>
        </div>
      </form>
    </Modal>
  );
}
