import type { IntegrationWithSecretDto } from '@clockwork/api-client';
import { useState, type FormEvent } from 'react';
import { fieldErrorsOf } from '../../api/errors';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { useConfirm } from '../../components/ConfirmDialog';
import { FormError, formValues, InputField } from '../../components/Form';
import { QueryState } from '../../components/States';
import { formatDateTime } from '../../lib/format';
import { useIntegrationMutations, useIntegrations } from './integrations.queries';
import { SecretReveal } from './SecretReveal';

/** The webhook URL to give the productivity backend: absolute, on this host when the API gives a path. */
export const absoluteUrl = (url: string): string => (url.startsWith('/') ? `${window.location.origin}${url}` : url);

/** Productivity backend connections: their webhook URL, signing secret (shown once), on/off. */
export function ConnectionsPanel() {
  const [secret, setSecret] = useState<{ label: string; value: string } | null>(null);
  const list = useIntegrations();
  const reveal = (i: IntegrationWithSecretDto, verb: string) => setSecret({ label: `Signing secret of “${i.name}” ${verb}`, value: i.signing_secret });
  const { create, rotate, toggle } = useIntegrationMutations(reveal);
  const confirm = useConfirm();
  const errors = fieldErrorsOf(create.error);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const v = formValues(form);
    create.mutate({ name: v.name ?? '', base_url: v.base_url }, { onSuccess: () => form.reset() });
  };

  return (
    <>
      {confirm.dialog}
      {secret && <SecretReveal label={secret.label} secret={secret.value} onDone={() => setSecret(null)} />}
      <QueryState
        query={list}
        isEmpty={list.data?.data.length === 0}
        emptyState={{ icon: 'integrations', title: 'No productivity backend connected', text: 'Connect one below: it sends time entries to the webhook URL, signed with the secret.' }}
      >
        <ul className="divide-y divide-slate-100">
          {list.data?.data.map((i) => (
            <li key={i.id} className="flex flex-col gap-3 p-4 sm:flex-row sm:items-center">
              <div className="min-w-0 flex-1">
                <p className="flex items-center gap-2 font-medium text-slate-900">
                  {i.name} {i.enabled ? <Badge tone="success">Enabled</Badge> : <Badge>Disabled</Badge>}
                </p>
                <p className="mt-1 truncate font-mono text-xs text-slate-500" title={absoluteUrl(i.webhook_url)}>
                  {absoluteUrl(i.webhook_url)}
                </p>
                <p className="mt-0.5 text-xs text-slate-500">
                  Last event: {i.last_event_at ? formatDateTime(i.last_event_at) : 'none yet'}
                  {i.previous_secret_expires_at && ` · previous secret valid until ${formatDateTime(i.previous_secret_expires_at)}`}
                </p>
              </div>
              <div className="flex shrink-0 gap-2">
                <Button size="sm" variant="secondary" icon="key" busy={rotate.isPending && rotate.variables?.id === i.id} onClick={() => confirm.ask({ title: 'Rotate the signing secret', message: `Rotate the signing secret of “${i.name}”? The old one keeps working for a grace period.`, confirmLabel: 'Rotate', tone: 'primary', onConfirm: () => rotate.mutate(i) })}>
                  Rotate secret
                </Button>
                <Button size="sm" variant={i.enabled ? 'danger' : 'secondary'} onClick={() => toggle.mutate(i)} aria-label={`${i.enabled ? 'Disable' : 'Enable'} ${i.name}`}>
                  {i.enabled ? 'Disable' : 'Enable'}
                </Button>
              </div>
            </li>
          ))}
        </ul>
      </QueryState>
      <form onSubmit={submit} className="grid gap-3 border-t border-slate-100 p-4 sm:grid-cols-[1fr_1fr_auto] sm:items-start">
        <InputField label="Connection name" name="name" required placeholder="Acme productivity" errors={errors} />
        <InputField label="Backend URL" name="base_url" type="url" placeholder="https://productivity.example.com" errors={errors} hint="Optional: where two-way sync writes back." />
        <Button type="submit" icon="plus" busy={create.isPending} className="sm:mt-6">
          Connect
        </Button>
        <div className="sm:col-span-3">
          <FormError error={create.error} />
        </div>
      </form>
    </>
  );
}
