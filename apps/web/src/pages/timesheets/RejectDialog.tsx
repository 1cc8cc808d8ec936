import type { TimesheetDto } from '@clockwork/api-client';
import { useState, type FormEvent } from 'react';
import { fieldErrorsOf } from '../../api/errors';
import { Field, FormError, SubmitRow, Textarea } from '../../components/Form';
import { Modal } from '../../components/Modal';
import { periodLabel } from './timesheet-format';
import { useDecideTimesheet } from './timesheets.queries';

/** Rejects a submitted timesheet with the reason the person will see. */
export function RejectDialog({ timesheet, onClose }: { timesheet: TimesheetDto; onClose: () => void }) {
  const decide = useDecideTimesheet();
  const [comment, setComment] = useState('');
  const errors = fieldErrorsOf(decide.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    decide.mutate({ timesheet, step: 'reject', comment: comment.trim() }, { onSuccess: onClose });
  };
  return (
    <Modal title={`Reject the timesheet of ${timesheet.user_name ?? 'this person'}`} onClose={onClose}>
      <form onSubmit={submit} className="space-y-4">
        <p className="text-sm text-slate-600">{periodLabel(timesheet.period_start, timesheet.period_end)}</p>
        <Field label="Reason" error={errors.comment} hint="Shown to the person, who corrects and submits again.">
          <Textarea name="comment" required maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} />
        </Field>
        <FormError error={decide.error} />
        <SubmitRow busy={decide.isPending} disabled={!comment.trim()} danger onCancel={onClose} tight>
          Reject
        </SubmitRow>
      </form>
    </Modal>
  );
}
