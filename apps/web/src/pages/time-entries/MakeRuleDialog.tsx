import type { RuleFromAssignmentDto, TimeEntryDto } from '@clockwork/api-client';
import { useState } from 'react';
import { Field, Input, SubmitRow } from '../../components/Form';
import { Modal } from '../../components/Modal';

type MatchOn = RuleFromAssignmentDto['match_on'][number];

/** The values of the entry a rule can match on; only those the entry has are offered. */
export function matchOptions(entry: TimeEntryDto): Array<{ value: MatchOn; label: string }> {
  const options: Array<{ value: MatchOn; label: string } | null> = [
    entry.project_name ? { value: 'project_name', label: `Project is “${entry.project_name}”` } : null,
    entry.tags.length ? { value: 'tags', label: `Tagged ${entry.tags.join(', ')}` } : null,
    entry.user_id || entry.employee_id ? { value: 'employee', label: 'Tracked by the same person' } : null,
    { value: 'activity_type', label: `Activity is ${entry.activity_type}` },
  ];
  return options.filter((o): o is { value: MatchOn; label: string } => o !== null);
}

/** "Make this a rule": assigns the entry and saves a rule matching the chosen values. */
export function MakeRuleDialog({ entry, dealName, busy, onSubmit, onClose }: { entry: TimeEntryDto; dealName: string; busy: boolean; onSubmit: (rule: RuleFromAssignmentDto) => void; onClose: () => void }) {
  const options = matchOptions(entry);
  const [matchOn, setMatchOn] = useState<MatchOn[]>(options.slice(0, 1).map((o) => o.value));
  const [name, setName] = useState('');
  return (
    <Modal title="Make this a rule" onClose={onClose}>
      <form
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit({ match_on: matchOn, ...(name.trim() ? { name: name.trim() } : {}) });
        }}
      >
        <p className="text-sm text-slate-600">
          Assign this entry to <strong className="font-semibold text-slate-900">{dealName}</strong>, and map future entries like it there too. Entries waiting in the queue are re-mapped.
        </p>
        <fieldset>
          <legend className="mb-2 text-sm font-medium text-slate-700">Match entries where</legend>
          <div className="space-y-2">
            {options.map((o) => (
              <label key={o.value} className="flex items-center gap-2 text-sm text-slate-700">
                <input
                  type="checkbox"
                  className="size-4 rounded border-slate-300 text-indigo-600 focus:ring-indigo-600"
                  checked={matchOn.includes(o.value)}
                  onChange={(e) => setMatchOn((m) => (e.target.checked ? [...m, o.value] : m.filter((v) => v !== o.value)))}
                />
                {o.label}
              </label>
            ))}
          </div>
        </fieldset>
        <Field label="Rule name" hint="Optional: made from the matched values when left empty.">
          <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} />
        </Field>
        <SubmitRow busy={busy} disabled={matchOn.length === 0} onCancel={onClose}>
          Assign and create rule
        </SubmitRow>
      </form>
    </Modal>
  );
}
