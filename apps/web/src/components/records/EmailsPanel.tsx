import type { LoggedEmailSummaryDto } from '@clockwork/api-client';
import { useState } from 'react';
import { formatDateTime } from '../../lib/format';
import { EmailDialog, participants } from '../../pages/email-log/EmailDialog';
import { useRecordEmails } from '../../pages/email-log/email-log.queries';
import { Card } from '../Card';
import { LoadMore } from '../Filters';
import { QueryState } from '../States';

/** The emails logged against a record (a deal: those of its account's contacts while it is open), newest first. */
export function EmailsPanel({ parent }: { parent: { type: 'contact' | 'account' | 'deal'; id: string } }) {
  const query = useRecordEmails(parent);
  const [open, setOpen] = useState<LoggedEmailSummaryDto | null>(null);
  return (
    <Card title="Emails" padded={false}>
      <QueryState query={query} isEmpty={query.rows.length === 0} emptyState={{ icon: 'inbox', title: 'No emails logged', text: "BCC your organization's inbound address (Settings → Email logging) on mail with this customer." }}>
        <>
          <ul aria-label="Emails" className="divide-y divide-slate-100">
            {query.rows.map((email) => (
              <li key={email.id} className="space-y-1 p-4 sm:px-5">
                <button
                  type="button"
                  onClick={() => setOpen(email)}
                  className="rounded text-left text-sm font-medium text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
                >
                  {email.subject || '(no subject)'}
                </button>
                <p className="text-xs break-words text-slate-600">
                  {participants([email.from])} → {participants([...email.to, ...email.cc])}
                </p>
                {email.snippet && <p className="text-sm break-words text-slate-700">{email.snippet}</p>}
                <time dateTime={email.sent_at} className="text-xs text-slate-500">
                  {formatDateTime(email.sent_at)}
                </time>
              </li>
            ))}
          </ul>
          <LoadMore query={query} />
        </>
      </QueryState>
      {open && <EmailDialog id={open.id} subject={open.subject} onClose={() => setOpen(null)} />}
    </Card>
  );
}
