import type { LoggedEmailSummaryDto } from '@clockwork/api-client';
import { useRef, useState, type FormEvent } from 'react';
import { fieldErrorsOf } from '../../api/errors';
import { queryKeys } from '../../api/query-keys';
import { Button } from '../../components/Button';
import { useConfirm } from '../../components/ConfirmDialog';
import { LoadMore } from '../../components/Filters';
import { Field, FormError } from '../../components/Form';
import { PageHeader } from '../../components/PageHeader';
import { RecordCombobox } from '../../components/RecordCombobox';
import { QueryState } from '../../components/States';
import { formatDateTime } from '../../lib/format';
import { EmailDialog, participants } from './EmailDialog';
import { searchContacts, useAssignEmail, useDiscardEmail, useUnmatchedEmails } from './email-log.queries';

function UnmatchedEmail({ email, onOpen, onDiscard }: { email: LoggedEmailSummaryDto; onOpen: () => void; onDiscard: () => void }) {
  const assign = useAssignEmail();
  const [contactId, setContactId] = useState('');
  // The labels of the contacts the picker offered, to name the chosen one.
  const seen = useRef(new Map<string, string>());
  const headingId = `email-${email.id}`;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (contactId) assign.mutate({ email, contactId });
  };
  return (
    <li>
      <article aria-labelledby={headingId} className="space-y-2 p-4 sm:p-5">
        <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
          <h2 id={headingId} className="text-sm font-semibold text-slate-900">
            {email.subject || '(no subject)'}
          </h2>
          <span className="text-xs text-slate-500 sm:ml-auto">Sent {formatDateTime(email.sent_at)}</span>
        </div>
        <p className="text-xs break-words text-slate-600">
          {participants([email.from])} → {participants([...email.to, ...email.cc])}
        </p>
        {email.snippet && <p className="text-sm break-words text-slate-700">{email.snippet}</p>}
        <form onSubmit={submit} className="flex flex-col gap-2 sm:flex-row sm:items-end" aria-label={`Assign ${email.subject || 'email'}`}>
          <Field label="Contact" error={fieldErrorsOf(assign.error).contact_id} className="sm:w-80">
            <RecordCombobox
              name="contact_id"
              value={contactId}
              onChange={(id) => setContactId(id)}
              selectedLabel={contactId ? (seen.current.get(contactId) ?? null) : null}
              search={async (q, signal) => {
                const found = await searchContacts(q, signal);
                for (const c of found) seen.current.set(c.id, c.label);
                return found;
              }}
              searchKey={queryKeys.contacts.search}
              noneLabel="Choose a contact"
            />
          </Field>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" size="sm" busy={assign.isPending} disabled={!contactId}>
              Assign
            </Button>
            <Button size="sm" variant="secondary" onClick={onOpen}>
              Open
            </Button>
            <Button size="sm" variant="danger" icon="trash" onClick={onDiscard}>
              Discard
            </Button>
          </div>
        </form>
        {assign.error && !fieldErrorsOf(assign.error).contact_id ? <FormError error={assign.error} /> : null}
      </article>
    </li>
  );
}

/** Emails that matched no contact: assign each to a contact (it joins the timelines) or discard it. */
export function UnmatchedEmailsPage() {
  const query = useUnmatchedEmails();
  const discard = useDiscardEmail();
  const { ask, dialog } = useConfirm();
  const [open, setOpen] = useState<LoggedEmailSummaryDto | null>(null);
  return (
    <>
      <PageHeader title="Unmatched emails" description="Mail sent to your inbound address whose sender and recipients are no contact of yours. Assign it to a contact or discard it." />
      <div className="rounded-xl border border-slate-200 bg-white shadow-sm shadow-slate-900/5">
        <QueryState query={query} isEmpty={query.rows.length === 0} emptyState={{ icon: 'inbox', title: 'No emails to review', text: 'Every logged email found its contact.' }}>
          <>
            <ul aria-label="Unmatched emails" className="divide-y divide-slate-100">
              {query.rows.map((email) => (
                <UnmatchedEmail
                  key={email.id}
                  email={email}
                  onOpen={() => setOpen(email)}
                  onDiscard={() =>
                    ask({ title: 'Discard this email?', message: `“${email.subject || '(no subject)'}” and its attachments are deleted.`, confirmLabel: 'Discard', onConfirm: () => discard.mutate(email) })
                  }
                />
              ))}
            </ul>
            <LoadMore query={query} />
          </>
        </QueryState>
      </div>
      {dialog}
      {open && <EmailDialog id={open.id} subject={open.subject} onClose={() => setOpen(null)} />}
    </>
  );
}
