import type { DealDto, DealMilestoneDto } from '@clockwork/api-client';
import { useState, type FormEvent } from 'react';
import { fieldErrorsOf } from '../../api/errors';
import { useAuth } from '../../auth/AuthProvider';
import { can } from '../../auth/permissions';
import { Badge, type Tone } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { useConfirm } from '../../components/ConfirmDialog';
import { Field, FormError, formValues, Input, InputField } from '../../components/Form';
import { QueryState } from '../../components/States';
import { formatAmount, formatDate } from '../../lib/format';
import { cents } from './billing-model-fields';
import { useMilestones, useMilestoneWrite } from './deals.queries';

type Status = DealMilestoneDto['status'];
const tones: Record<Status, Tone> = { planned: 'neutral', reached: 'info', invoiced: 'success' };
const statusText = (m: DealMilestoneDto) => (m.status === 'planned' ? 'Planned' : m.status === 'reached' ? `Reached ${formatDate(m.reached_on)}` : 'Invoiced');
/** Cents as the amount field shows them: 250000 -> "2500.00". */
const units = (c: number) => (c / 100).toFixed(2);

/** The name, amount and due date of a milestone, new (no `milestone`) or being edited; the api's 400 beside its field. */
function MilestoneForm({ deal, milestone, onDone }: { deal: DealDto; milestone?: DealMilestoneDto; onDone?: () => void }) {
  const [formKey, setFormKey] = useState(0);
  const write = useMilestoneWrite(deal.id, () => (milestone ? onDone?.() : setFormKey((k) => k + 1)));
  const failed = write.variables?.kind === 'create' || write.variables?.kind === 'update' ? write.error : null;
  const errors = fieldErrorsOf(failed);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    const body = { name: v.name ?? '', amount_cents: cents(v.amount), due_on: v.due_on ?? '' };
    write.mutate(milestone ? { kind: 'update', milestone, body } : { kind: 'create', body });
  };
  return (
    <form key={formKey} onSubmit={submit} aria-label={milestone ? `Edit milestone ${milestone.name}` : 'New milestone'} className="grid gap-3 sm:grid-cols-2" noValidate>
      <InputField label="Milestone name" name="name" defaultValue={milestone?.name ?? ''} errors={errors} className="sm:col-span-2" />
      <Field label={`Amount (${deal.currency})`} error={errors.amount_cents}>
        <Input name="amount" inputMode="decimal" defaultValue={milestone ? units(milestone.amount_cents) : ''} />
      </Field>
      <InputField label="Due date" name="due_on" type="date" defaultValue={milestone?.due_on ?? ''} errors={errors} />
      <div className="sm:col-span-2">
        <FormError error={failed} />
      </div>
      <div className="flex justify-end gap-2 sm:col-span-2">
        {milestone && (
          <Button size="sm" variant="secondary" onClick={onDone}>
            Cancel
          </Button>
        )}
        <Button type="submit" size="sm" busy={write.isPending}>
          {milestone ? 'Save milestone' : 'Add milestone'}
        </Button>
      </div>
    </form>
  );
}

/**
 * A fixed-fee deal's milestones (docs/billing-models.md): amount, due date and state (planned,
 * reached, invoiced). Managers and admins add them, change and delete those not invoiced, and
 * mark planned ones reached (the next invoice of the deal bills them).
 */
export function DealMilestonesCard({ deal }: { deal: DealDto }) {
  const { user } = useAuth();
  const manage = can(user?.role, 'manage-milestones');
  const milestones = useMilestones(deal.id);
  const write = useMilestoneWrite(deal.id);
  const confirm = useConfirm();
  const [editing, setEditing] = useState<string | null>(null);
  const list = milestones.data?.data ?? [];
  const total = list.reduce((sum, m) => sum + m.amount_cents, 0);
  return (
    <Card title="Milestones" padded={false}>
      {confirm.dialog}
      <QueryState
        query={milestones}
        isEmpty={list.length === 0}
        emptyState={{ icon: 'deals', title: 'No milestones yet', text: manage ? 'Add the milestones of this fixed fee with their amounts and due dates.' : 'A manager adds the milestones of this fixed fee.' }}
      >
        <>
          <ul aria-label="Milestones" className="divide-y divide-slate-100">
            {list.map((m) => (
              <li key={m.id} aria-label={m.name} className="px-4 py-3 sm:px-5">
                {editing === m.id ? (
                  <MilestoneForm deal={deal} milestone={m} onDone={() => setEditing(null)} />
                ) : (
                  <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
                    <div className="min-w-0 flex-1">
                      <p className="truncate text-sm font-medium text-slate-900">{m.name}</p>
                      <p className="text-xs text-slate-500">
                        <span className="tabular-nums">{formatAmount(units(m.amount_cents), deal.currency)}</span> · due {formatDate(m.due_on)}
                      </p>
                    </div>
                    <Badge tone={tones[m.status]} dot>
                      {statusText(m)}
                    </Badge>
                    {manage && m.status !== 'invoiced' && (
                      <div className="flex gap-1">
                        {m.status === 'planned' && (
                          <Button size="sm" variant="secondary" aria-label={`Mark reached: ${m.name}`} busy={write.isPending && write.variables?.kind === 'reach' && write.variables.milestone.id === m.id} onClick={() => write.mutate({ kind: 'reach', milestone: m })}>
                            Mark reached
                          </Button>
                        )}
                        <Button size="sm" variant="ghost" aria-label={`Edit ${m.name}`} onClick={() => setEditing(m.id)}>
                          Edit
                        </Button>
                        <Button
                          size="sm"
                          variant="ghost"
                          aria-label={`Delete ${m.name}`}
                          onClick={() => confirm.ask({ title: 'Delete milestone', message: `Delete "${m.name}" (${formatAmount(units(m.amount_cents), deal.currency)})?`, confirmLabel: 'Delete', onConfirm: () => write.mutate({ kind: 'delete', milestone: m }) })}
                        >
                          Delete
                        </Button>
                      </div>
                    )}
                  </div>
                )}
              </li>
            ))}
          </ul>
          <p className="border-t border-slate-100 px-4 py-3 text-right text-sm text-slate-700 sm:px-5">
            Total <span className="font-semibold tabular-nums text-slate-900">{formatAmount(units(total), deal.currency)}</span>
          </p>
        </>
      </QueryState>
      {manage && (
        <div className="border-t border-slate-100 p-4 sm:p-5">
          <MilestoneForm deal={deal} />
        </div>
      )}
    </Card>
  );
}
