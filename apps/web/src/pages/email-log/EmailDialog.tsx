import type { LoggedEmailSummaryDto } from '@clockwork/api-client';
import { Modal } from '../../components/Modal';
import { QueryState } from '../../components/States';
import { formatDateTime } from '../../lib/format';
import { useLoggedEmail } from './email-log.queries';

type Participant = LoggedEmailSummaryDto['from'];

/** `Name <address>` (or the address alone), comma-separated. */
export const participants = (list: Participant[]) => list.map((p) => (p.name ? `${p.name} <${p.address}>` : p.address)).join(', ');

/** One logged email whole: header, text body (an HTML-only email in a sandboxed frame) and attachments. */
export function EmailDialog({ id, subject, onClose }: { id: string; subject: string; onClose: () => void }) {
  const email = useLoggedEmail(id);
  const e = email.data;
  return (
    <Modal title={subject || '(no subject)'} onClose={onClose} wide>
      <QueryState query={email}>
        {e && (
          <div className="space-y-3 text-sm">
            <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-slate-700">
              <dt className="font-medium text-slate-500">From</dt>
              <dd className="break-words">{participants([e.from])}</dd>
              <dt className="font-medium text-slate-500">To</dt>
              <dd className="break-words">{participants(e.to) || '—'}</dd>
              {e.cc.length > 0 && (
                <>
                  <dt className="font-medium text-slate-500">Cc</dt>
                  <dd className="break-words">{participants(e.cc)}</dd>
                </>
              )}
              <dt className="font-medium text-slate-500">Sent</dt>
              <dd>{formatDateTime(e.sent_at)}</dd>
            </dl>
            {e.body_text !== null ? (
              <div tabIndex={0} aria-label="Email body" className="max-h-96 overflow-auto rounded-lg bg-slate-50 p-3 break-words whitespace-pre-wrap text-slate-800">
                {e.body_text}
              </div>
            ) : e.body_html !== null ? (
              <iframe title="Email body" sandbox="" srcDoc={e.body_html} className="h-96 w-full rounded-lg border border-slate-200 bg-white" />
            ) : (
              <p className="text-slate-500 italic">This email has no body.</p>
            )}
            {e.attachments.length > 0 && (
              <div>
                <h3 className="font-medium text-slate-700">Attachments</h3>
                <ul className="mt-1 list-disc pl-5 text-slate-700">
                  {e.attachments.map((a) => (
                    <li key={a.id}>
                      {a.file_name} <span className="text-xs text-slate-500">({Math.max(1, Math.round(a.size_bytes / 1024))} kB)</span>
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </div>
        )}
      </QueryState>
    </Modal>
  );
}
