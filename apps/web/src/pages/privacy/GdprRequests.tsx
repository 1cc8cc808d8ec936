import { useRef, useState, type FormEvent } from 'react';
import { errorMessage, fieldErrorsOf } from '../../api/errors';
import { queryKeys } from '../../api/query-keys';
import { Button } from '../../components/Button';
import { Field, Input } from '../../components/Form';
import { RecordCombobox } from '../../components/RecordCombobox';
import { useToast } from '../../components/Toast';
import { EraseDialog, type EraseTarget } from './EraseDialog';
import { searchContactChoices, useGdprExport, type ContactChoice, type GdprSubject } from './privacy.queries';

/**
 * Whose data: a contact picked by name (or, for an erasure, any address typed in), or an
 * employee by user id or productivity employee id. Export downloads the zip; erase asks for a
 * typed confirmation first.
 */
export function GdprRequests() {
  const toast = useToast();
  const [subject, setSubject] = useState<GdprSubject>('contact');
  const [contactId, setContactId] = useState('');
  const [email, setEmail] = useState('');
  const [employeeId, setEmployeeId] = useState('');
  const [erasing, setErasing] = useState<EraseTarget | null>(null);
  const seen = useRef(new Map<string, ContactChoice>());
  const exporter = useGdprExport();
  const exportErrors = fieldErrorsOf(exporter.error);
  const contact = contactId ? (seen.current.get(contactId) ?? null) : null;

  const search = async (q: string, signal: AbortSignal) => {
    const found = await searchContactChoices(q, signal);
    for (const c of found) seen.current.set(c.id, c);
    return found;
  };

  /** What the erasure names and what the admin types to confirm it. */
  const eraseTarget = (): EraseTarget | null => {
    if (subject === 'employee') return employeeId.trim() ? { subject, id: employeeId.trim(), confirmText: employeeId.trim(), label: `employee ${employeeId.trim()}` } : null;
    if (contact) return { subject, id: contact.id, confirmText: contact.email ?? contact.label, label: contact.label };
    return email.trim() ? { subject, email: email.trim(), confirmText: email.trim(), label: `every contact with ${email.trim()}` } : null;
  };
  const exportId = subject === 'employee' ? employeeId.trim() : contactId;

  const runExport = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!exportId) return;
    exporter.mutate({ subject, id: exportId }, { onSuccess: () => toast.success('Export downloaded'), onError: (error) => toast.error(`Could not export: ${errorMessage(error)}`) });
  };
  const target = eraseTarget();

  return (
    <>
    <form onSubmit={runExport} aria-label="Data subject request" className="space-y-4" noValidate>
      <fieldset>
        <legend className="mb-1 block text-sm font-medium text-slate-700">Whose data</legend>
        <div className="flex gap-4">
          {(['contact', 'employee'] as const).map((s) => (
            <label key={s} className="flex items-center gap-2 text-sm text-slate-700">
              <input type="radio" name="subject" value={s} checked={subject === s} onChange={() => setSubject(s)} className="size-4 text-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-600" />
              {s === 'contact' ? 'A contact' : 'An employee'}
            </label>
          ))}
        </div>
      </fieldset>

      {subject === 'contact' ? (
        <>
          <Field label="Contact" error={exportErrors.id} hint="Type part of the name, or the whole email address.">
            <RecordCombobox name="contact_id" value={contactId} onChange={setContactId} selectedLabel={contact?.label ?? null} search={search} searchKey={queryKeys.contacts.search} noneLabel="No contact" />
          </Field>
          <Field label="Or an email address (erasure only)" hint="Erases every contact with this address, including deleted ones.">
            <Input name="email" type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} disabled={!!contactId} />
          </Field>
        </>
      ) : (
        <Field label="User id or employee id" error={exportErrors.id} hint="A user's id, or the id the productivity agents send (employee_id).">
          <Input name="employee_id" autoComplete="off" value={employeeId} onChange={(e) => setEmployeeId(e.target.value)} />
        </Field>
      )}

      <div className="flex flex-wrap gap-2">
        <Button type="submit" icon="download" busy={exporter.isPending} disabled={!exportId}>
          Export data (zip)
        </Button>
        <Button variant="danger" icon="trash" disabled={!target} onClick={() => setErasing(target)}>
          Erase…
        </Button>
      </div>
      {subject === 'contact' && !contactId && email.trim() && <p className="text-xs text-slate-500">An export needs a contact picked above.</p>}
    </form>
    {erasing && <EraseDialog target={erasing} onClose={() => setErasing(null)} />}
    </>
  );
}
