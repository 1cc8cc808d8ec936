import type { RetentionOutcomeDto, RetentionPolicyDto } from '@clockwork/api-client';
import { type FormEvent } from 'react';
import { errorMessage, fieldErrorsOf } from '../../api/errors';
import { Button } from '../../components/Button';
import { Field, Input, Select } from '../../components/Form';
import { QueryState } from '../../components/States';
import { formatDate, formatDateTime } from '../../lib/format';
import { useRetentionDryRun, useRetentionPolicies, useRetentionPolicyMutations } from './settings.queries';

type Kind = RetentionPolicyDto['kind'];
const kinds: Array<{ kind: Kind; label: string; hint: string }> = [
  { kind: 'time_entries', label: 'Time entries', hint: 'Entries on an invoice are always kept.' },
  { kind: 'audit_logs', label: 'Audit log', hint: 'Who changed what, and when.' },
  { kind: 'notes', label: 'Notes', hint: 'Notes on accounts, contacts and deals.' },
];

/** One sentence per dry-run outcome. */
export function describeOutcome(o: RetentionOutcomeDto): string {
  const verb = o.action === 'delete' ? 'deleted' : 'anonymized';
  const label = kinds.find((k) => k.kind === o.kind)?.label ?? o.kind;
  return `${label}: ${o.affected} would be ${verb} (before ${formatDate(o.cutoff.slice(0, 10))})${o.skipped_invoiced ? `, ${o.skipped_invoiced} kept because invoiced` : ''}`;
}

function PolicyRow({ kind, label, hint, policy }: { kind: Kind; label: string; hint: string; policy?: RetentionPolicyDto }) {
  const { save, remove } = useRetentionPolicyMutations(kind, label);
  const errors = fieldErrorsOf(save.error);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    save.mutate({ keep_months: Number(data.get('keep_months')), action: data.get('action') === 'anonymize' ? 'anonymize' : 'delete' });
  };
  return (
    <form onSubmit={submit} aria-label={`${label} retention`} className="grid gap-3 p-4 sm:grid-cols-[1.5fr_1fr_1fr_auto] sm:items-start">
      <div>
        <p className="text-sm font-medium text-slate-900">{label}</p>
        <p className="text-xs text-slate-500">{hint}</p>
        <p className="mt-1 text-xs text-slate-500">
          {policy ? (policy.last_applied_at ? `Last applied ${formatDateTime(policy.last_applied_at)} · ${policy.last_affected ?? 0} rows` : 'Not applied yet') : 'Kept forever'}
        </p>
      </div>
      <Field label="Keep for (months)" error={errors.keep_months}>
        <Input key={policy?.version ?? 'none'} name="keep_months" type="number" min={1} required defaultValue={policy?.keep_months ?? ''} />
      </Field>
      <Field label="Then" error={errors.action}>
        <Select key={policy?.version ?? 'none'} name="action" defaultValue={policy?.action ?? 'delete'}>
          <option value="delete">Delete</option>
          <option value="anonymize">Anonymize</option>
        </Select>
      </Field>
      <div className="flex gap-2 sm:mt-6">
        <Button type="submit" size="sm" busy={save.isPending}>
          Save
        </Button>
        {policy && (
          <Button size="sm" variant="ghost" busy={remove.isPending} onClick={() => remove.mutate()} aria-label={`Remove the ${label.toLowerCase()} retention policy (keep forever)`}>
            Remove
          </Button>
        )}
      </div>
      {save.error && !errors.keep_months && !errors.action ? <p className="text-xs text-rose-600 sm:col-span-4">{errorMessage(save.error)}</p> : null}
    </form>
  );
}

/** How long each kind of record is kept, and what a run would remove now (dry run). */
export function RetentionPanel() {
  const policies = useRetentionPolicies();
  const dryRun = useRetentionDryRun();
  return (
    <QueryState query={policies}>
      <div className="divide-y divide-slate-100">
        {kinds.map((k) => (
          <PolicyRow key={k.kind} {...k} policy={policies.data?.data.find((p) => p.kind === k.kind)} />
        ))}
      </div>
      <div className="border-t border-slate-100 p-4">
        <div className="flex flex-wrap items-center gap-3">
          <Button variant="secondary" size="sm" icon="search" busy={dryRun.isPending} onClick={() => dryRun.mutate()}>
            Preview what would be removed
          </Button>
          <span className="text-xs text-slate-500">A dry run: nothing is changed. The worker applies the policies nightly.</span>
        </div>
        {dryRun.error && <p className="mt-2 text-sm text-rose-700">{errorMessage(dryRun.error)}</p>}
        {dryRun.data && (
          <ul aria-label="Dry run" className="mt-3 space-y-1 text-sm text-slate-700">
            {dryRun.data.data.length === 0 ? <li>No policy set: nothing would be removed.</li> : dryRun.data.data.map((o) => <li key={o.kind}>{describeOutcome(o)}</li>)}
          </ul>
        )}
      </div>
    </QueryState>
  );
}
