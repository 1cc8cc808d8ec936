import { useState, type FormEvent } from 'react';
import { fieldErrorsOf } from '../../api/errors';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { FormError, InputField, SubmitRow } from '../../components/Form';
import { Modal } from '../../components/Modal';
import { QueryState } from '../../components/States';
import { DeliveryLog } from './DeliveryLog';
import { useCreateWebhookSubscription, useToggleWebhookSubscription, useWebhookSubscriptions } from './integrations.queries';
import { SecretReveal } from './SecretReveal';

/** The events a subscription may ask for (CONTRACT.md), grouped by family; `family.*` takes them all. */
export const webhookEvents: Record<string, string[]> = {
  deal: ['deal.created', 'deal.updated', 'deal.stage_changed', 'deal.closed'],
  task: ['task.created', 'task.updated', 'task.overdue', 'task.idle'],
  time_entry: ['time_entry.mapped', 'time_entry.unmapped'],
  invoice: ['invoice.issued', 'invoice.paid'],
  timesheet: ['timesheet.submitted', 'timesheet.approved', 'timesheet.rejected', 'timesheet.reopened'],
  account: ['account.*'],
  contact: ['contact.*'],
};

function NewSubscription({ onClose, onCreated }: { onClose: () => void; onCreated: (secret: string) => void }) {
  const [events, setEvents] = useState<string[]>([]);
  const create = useCreateWebhookSubscription(onCreated);
  const errors = fieldErrorsOf(create.error);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    create.mutate({ url: String(data.get('url') ?? '').trim(), events, description: String(data.get('description') ?? '').trim() || null });
  };
  const toggle = (name: string, on: boolean) => setEvents((list) => (on ? [...list, name] : list.filter((n) => n !== name)));
  return (
    <Modal title="New webhook subscription" onClose={onClose} wide>
      <form onSubmit={submit} className="space-y-4">
        <InputField label="Endpoint URL" name="url" type="url" required placeholder="https://hooks.example.com/clockwork" errors={errors} />
        <InputField label="Description" name="description" placeholder="What receives these events" errors={errors} />
        <fieldset>
          <legend className="mb-2 text-sm font-medium text-slate-700">Events</legend>
          {errors.events && <p className="mb-2 text-xs text-rose-600">{errors.events}</p>}
          <div className="grid gap-x-4 gap-y-1.5 sm:grid-cols-2">
            {Object.values(webhookEvents)
              .flat()
              .map((name) => (
                <label key={name} className="flex items-center gap-2 font-mono text-xs text-slate-700">
                  <input type="checkbox" className="size-4 rounded border-slate-300 text-indigo-600" checked={events.includes(name)} onChange={(e) => toggle(name, e.target.checked)} />
                  {name}
                </label>
              ))}
          </div>
        </fieldset>
        <FormError error={create.error} />
        <SubmitRow busy={create.isPending} disabled={events.length === 0} onCancel={onClose} tight>
          Create subscription
        </SubmitRow>
      </form>
    </Modal>
  );
}

/** Outbound webhook subscriptions, their state, and each one's delivery log. */
export function WebhooksPanel() {
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const list = useWebhookSubscriptions();
  const toggle = useToggleWebhookSubscription();

  return (
    <>
      {secret && <SecretReveal label="Signing secret of the new subscription" secret={secret} onDone={() => setSecret(null)} />}
      <div className="flex items-center justify-between gap-3 border-b border-slate-100 px-4 py-3">
        <p className="text-sm text-slate-500">Events are POSTed to your endpoints, signed (Standard Webhooks) and retried.</p>
        <Button size="sm" icon="plus" onClick={() => setCreating(true)}>
          New subscription
        </Button>
      </div>
      <QueryState query={list} isEmpty={list.data?.data.length === 0} emptyState={{ icon: 'integrations', title: 'No webhook subscriptions', text: 'Subscribe an endpoint to deal, task and time events.' }}>
        <ul className="divide-y divide-slate-100">
          {list.data?.data.map((s) => (
            <li key={s.id} className="p-4">
              <div className="flex flex-col gap-3 sm:flex-row sm:items-center">
                <div className="min-w-0 flex-1">
                  <p className="flex flex-wrap items-center gap-2">
                    <span className="truncate font-mono text-sm text-slate-900">{s.url}</span>
                    {s.enabled ? <Badge tone="success">Enabled</Badge> : <Badge tone="danger">Disabled{s.disabled_reason ? ` · ${s.disabled_reason}` : ''}</Badge>}
                    {s.failing_since && <Badge tone="warning">Failing</Badge>}
                  </p>
                  {s.description && <p className="mt-0.5 text-sm text-slate-600">{s.description}</p>}
                  <p className="mt-1 font-mono text-xs text-slate-500">{s.events.join(', ')}</p>
                </div>
                <div className="flex shrink-0 gap-2">
                  <Button size="sm" variant="secondary" aria-expanded={open === s.id} onClick={() => setOpen(open === s.id ? null : s.id)}>
                    {open === s.id ? 'Hide deliveries' : 'Deliveries'}
                  </Button>
                  <Button size="sm" variant={s.enabled ? 'danger' : 'secondary'} onClick={() => toggle.mutate(s)} aria-label={`${s.enabled ? 'Disable' : 'Enable'} ${s.url}`}>
                    {s.enabled ? 'Disable' : 'Enable'}
                  </Button>
                </div>
              </div>
              {open === s.id && <DeliveryLog subscription={s} />}
            </li>
          ))}
        </ul>
      </QueryState>
      {creating && (
        <NewSubscription
          onClose={() => setCreating(false)}
          onCreated={(value) => {
            setCreating(false);
            setSecret(value);
          }}
        />
      )}
    </>
  );
}
