import { useState, type FormEvent } from 'react';
import { fieldErrorsOf } from '../../api/errors';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Field, FormError, formValues, Input, SubmitRow } from '../../components/Form';
import { Modal } from '../../components/Modal';
import { EmptyState, QueryState } from '../../components/States';
import { formatDateTime } from '../../lib/format';
import { useAccountingConnection, useConnectAccounting, useDisconnectAccounting } from './accounting.queries';
import { AccountingPushLog } from './AccountingPushLog';

const FIELDS = [
  ['authorize_url', 'Authorization URL'],
  ['token_url', 'Token URL'],
  ['api_url', 'API URL'],
  ['revoke_url', 'Revocation URL (optional)'],
  ['client_id', 'Client ID'],
  ['client_secret', 'Client secret'],
  ['scopes', 'Scopes (optional)'],
] as const;

/** The OAuth client of the accounting system; submitting sends the browser to the provider to approve. */
function ConnectForm() {
  const connect = useConnectAccounting();
  const errors = fieldErrorsOf(connect.error);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    connect.mutate({ authorize_url: v.authorize_url ?? '', token_url: v.token_url ?? '', api_url: v.api_url ?? '', revoke_url: v.revoke_url, client_id: v.client_id ?? '', client_secret: v.client_secret ?? '', scopes: v.scopes ?? undefined });
  };
  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <p className="text-sm text-slate-600">You will be sent to the accounting system to approve the connection, then back here.</p>
      <FormError error={connect.error} />
      {FIELDS.map(([name, label]) => (
        <Field key={name} label={label} error={errors[name]}>
          <Input name={name} type={name === 'client_secret' ? 'password' : name.endsWith('url') ? 'url' : 'text'} autoComplete="off" />
        </Field>
      ))}
      <SubmitRow busy={connect.isPending || connect.isSuccess}>Connect</SubmitRow>
    </form>
  );
}

/**
 * Integrations → Accounting (the section is admins'): connect an accounting system by OAuth 2, its status and
 * token expiry, disconnect, and the push log of issued invoices. The provider's redirect back
 * lands on this tab with `accounting=connected` or `accounting_error`.
 */
export function AccountingPanel({ outcome, error }: { outcome: string; error: string }) {
  const connection = useAccountingConnection();
  const [connecting, setConnecting] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const disconnect = useDisconnectAccounting(() => setConfirming(false));
  const c = connection.data;
  return (
    <div className="space-y-4 p-4">
      {outcome === 'connected' && (
        <p role="status" className="rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          The accounting system is connected. Invoices issued from now on are pushed to it.
        </p>
      )}
      {error && (
        <p role="alert" className="rounded-lg bg-rose-50 px-3 py-2 text-sm text-rose-800">
          The connection failed: {error}
        </p>
      )}
      <QueryState query={connection}>
        {!c ? (
          <EmptyState
            icon="integrations"
            title="No accounting system connected"
            action={
              <Button icon="plus" onClick={() => setConnecting(true)}>
                Connect accounting
              </Button>
            }
          >
            Connect one to push issued invoices with their lines and customer, and to read their paid status back.
          </EmptyState>
        ) : (
          <>
            <div className="flex flex-wrap items-center justify-between gap-3">
              <div className="space-y-1 text-sm">
                <p className="flex items-center gap-2 font-medium text-slate-900">
                  {c.api_url} <Badge tone={c.status === 'connected' ? 'success' : 'warning'}>{c.status}</Badge>
                </p>
                <p className="text-slate-600">
                  {c.connected_at ? `Connected ${formatDateTime(c.connected_at)}` : 'Waiting for the approval at the provider'}
                  {c.token_expires_at ? ` · token valid until ${formatDateTime(c.token_expires_at)}` : ''}
                </p>
                {c.last_error && <p className="text-rose-700">Last error: {c.last_error}</p>}
              </div>
              <div className="flex gap-2">
                <Button variant="secondary" onClick={() => setConnecting(true)}>
                  Reconnect
                </Button>
                <Button variant="danger" onClick={() => setConfirming(true)}>
                  Disconnect
                </Button>
              </div>
            </div>
            {c.status === 'connected' && <AccountingPushLog />}
          </>
        )}
      </QueryState>
      {connecting && (
        <Modal title="Connect an accounting system" onClose={() => setConnecting(false)}>
          <ConnectForm />
        </Modal>
      )}
      {confirming && (
        <Modal title="Disconnect the accounting system?" onClose={() => setConfirming(false)}>
          <p className="text-sm text-slate-600">Its tokens are revoked and the push log is deleted. Invoices already pushed stay in the accounting system.</p>
          <div className="mt-4 flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
            <Button variant="danger" busy={disconnect.isPending} onClick={() => disconnect.mutate()}>
              Disconnect
            </Button>
          </div>
        </Modal>
      )}
    </div>
  );
}
