import type { GdprEraseResultDto } from '@clockwork/api-client';
import { useState, type FormEvent } from 'react';
import { fieldErrorsOf } from '../../api/errors';
import { Button } from '../../components/Button';
import { Field, FormError, Input, InputField, SubmitRow } from '../../components/Form';
import { Modal } from '../../components/Modal';
import { formatDateTime } from '../../lib/format';
import { useGdprErase, type GdprSubject } from './privacy.queries';

/** Whom an erasure names (an id, or for contacts an email address) and the text typed to confirm it. */
export interface EraseTarget {
  subject: GdprSubject;
  id?: string;
  email?: string;
  confirmText: string;
  label: string;
}

const COUNT_LABELS: Array<[keyof GdprEraseResultDto['counts'], string]> = [
  ['notes_deleted', 'Notes deleted'],
  ['attachments_deleted', 'Attachments deleted'],
  ['time_entries_pseudonymized', 'Time entries pseudonymized'],
  ['personal_time_counters_deleted', 'Personal-time counters deleted'],
  ['audit_rows_scrubbed', 'Audit rows scrubbed'],
  ['events_scrubbed', 'Events and webhook deliveries scrubbed'],
  ['mentions_scrubbed', 'Mentions in other records scrubbed'],
];

/** What the erasure removed, as the api counted it. */
export function ErasureResult({ result }: { result: GdprEraseResultDto }) {
  return (
    <div role="status" className="space-y-3">
      <p className="text-sm text-slate-700">
        {result.already_erased ? `Already erased on ${formatDateTime(result.erased_at)}: nothing was left to remove.` : `Erased on ${formatDateTime(result.erased_at)}.`}
        {result.contact_ids && result.contact_ids.length > 1 ? ` ${result.contact_ids.length} contacts had this address.` : ''}
      </p>
      <dl aria-label="What was removed" className="grid grid-cols-[1fr_auto] gap-x-6 gap-y-1 text-sm">
        {COUNT_LABELS.map(([key, label]) => (
          <div key={key} className="contents">
            <dt className="text-slate-500">{label}</dt>
            <dd className="text-right font-medium text-slate-900 tabular-nums">{result.counts[key]}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

/** Erasure cannot be undone: the admin types the email or id to confirm, then sees what was removed. */
export function EraseDialog({ target, onClose }: { target: EraseTarget; onClose: () => void }) {
  const erase = useGdprErase();
  const [typed, setTyped] = useState('');
  const errors = fieldErrorsOf(erase.error);
  const confirmed = typed.trim() === target.confirmText;
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!confirmed) return;
    const reason = (new FormData(e.currentTarget).get('reason') as string | null)?.trim();
    erase.mutate({ subject: target.subject, ...(target.email ? { email: target.email } : { id: target.id }), ...(reason ? { reason } : {}) });
  };
  return (
    <Modal title={`Erase ${target.label}`} onClose={onClose}>
      {erase.data ? (
        <div className="space-y-4">
          <ErasureResult result={erase.data} />
          <div className="flex justify-end">
            <Button onClick={onClose}>Done</Button>
          </div>
        </div>
      ) : (
        <form onSubmit={submit} className="space-y-4" noValidate>
          <p className="text-sm text-slate-600">
            Personal data is removed everywhere it is kept and cannot be restored. One audit row records who erased it and why.
          </p>
          <FormError error={erase.error} />
          <InputField label="Reason (optional)" name="reason" autoComplete="off" errors={errors} hint="E.g. the request's reference." />
          <Field label={`Type ${target.confirmText} to confirm`} error={errors.id ?? errors.email}>
            <Input name="confirm" autoComplete="off" value={typed} onChange={(e) => setTyped(e.target.value)} />
          </Field>
          <SubmitRow busy={erase.isPending} disabled={!confirmed} danger onCancel={onClose}>
            Erase permanently
          </SubmitRow>
        </form>
      )}
    </Modal>
  );
}
