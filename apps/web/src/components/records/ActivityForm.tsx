import type { CreateActivityDto } from '@clockwork/api-client';
import { useState, type FormEvent } from 'react';
import { fieldErrorsOf } from '../../api/errors';
import { titleCase } from '../../lib/format';
import { Field, FormError, InputField, Select, SubmitRow, Textarea } from '../Form';
import { ACTIVITY_OUTCOMES, type ActivityKind } from './activity-outcomes';
import { useLogActivity, type ActivityParent } from './activities.queries';

/** "now" as the value of a datetime-local input (local time, minutes). */
const localNow = () => {
  const d = new Date();
  d.setSeconds(0, 0);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
};

/** Log a call or meeting on a record: type, subject, when, minutes, outcome (of the type), notes. */
export function ActivityForm({ parent, onDone }: { parent: ActivityParent; onDone: () => void }) {
  const [type, setType] = useState<ActivityKind>('call');
  const log = useLogActivity(parent, onDone);
  const errors = fieldErrorsOf(log.error);

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const when = String(data.get('occurred_at') ?? '');
    log.mutate({
      type,
      subject: String(data.get('subject') ?? ''),
      occurred_at: when ? new Date(when).toISOString() : '',
      duration_minutes: Number(data.get('duration_minutes') ?? 0),
      outcome: String(data.get('outcome') ?? '') as CreateActivityDto['outcome'],
      notes: String(data.get('notes') ?? '') || null,
    });
  };

  return (
    <form onSubmit={submit} className="space-y-4" aria-label="Log a call or meeting">
      <FormError error={log.error} />
      <Field label="Type" error={errors.type}>
        <Select name="type" value={type} onChange={(e) => setType(e.target.value as ActivityKind)}>
          <option value="call">Call</option>
          <option value="meeting">Meeting</option>
        </Select>
      </Field>
      <InputField label="Subject" name="subject" required maxLength={200} placeholder={type === 'call' ? 'Follow-up call' : 'Quarterly review'} errors={errors} />
      <div className="grid gap-4 sm:grid-cols-2">
        <InputField label="When" name="occurred_at" type="datetime-local" required defaultValue={localNow()} errors={errors} />
        <InputField label="Duration (minutes)" name="duration_minutes" type="number" min={0} max={1440} step={1} required defaultValue={type === 'call' ? 15 : 30} key={type} errors={errors} />
      </div>
      <Field label="Outcome" error={errors.outcome}>
        <Select name="outcome" key={type} defaultValue={ACTIVITY_OUTCOMES[type][0]}>
          {ACTIVITY_OUTCOMES[type].map((o) => (
            <option key={o} value={o}>
              {titleCase(o)}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Notes" error={errors.notes}>
        <Textarea name="notes" placeholder="What was said, what is next…" />
      </Field>
      <SubmitRow busy={log.isPending}>Log {type}</SubmitRow>
    </form>
  );
}
