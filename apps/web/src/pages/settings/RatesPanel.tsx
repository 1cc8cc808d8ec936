import type { CreateRateDto, RateDto } from '@clockwork/api-client';
import type { FormEvent } from 'react';
import { fieldErrorsOf } from '../../api/errors';
import { useAccountOptions, useDealOptions, useUsers } from '../../api/lookups';
import { useConfirm } from '../../components/ConfirmDialog';
import { Field, GridFormEnd, InputField, Select } from '../../components/Form';
import { QueryState } from '../../components/States';
import { formatMoney } from '../../lib/format';
import { RatePeriodFields } from './RatePeriodFields';
import { RatesTable } from './RatesTable';
import { useRateMutations, useRates } from './settings.queries';

const levelLabels: Record<RateDto['level'], string> = { deal_user: 'Person on deal', deal: 'Deal', account: 'Account', user: 'Person', organization: 'Default' };

/** Hourly rates: the most specific one wins (person on deal > deal > account > person > default). */
export function RatesPanel() {
  const users = useUsers();
  const accounts = useAccountOptions();
  const deals = useDealOptions();
  const rates = useRates();
  const { create, remove } = useRateMutations();
  const confirm = useConfirm();
  const errors = fieldErrorsOf(create.error);
  const target = (r: RateDto) => [accounts.nameOf(r.account_id), deals.nameOf(r.deal_id), users.nameOf(r.user_id)].filter(Boolean).join(' · ') || 'Everyone, everywhere';
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const d = Object.fromEntries(new FormData(form).entries()) as Record<string, string>;
    const body: CreateRateDto = { hourly_rate: d.hourly_rate, currency: d.currency.toUpperCase(), valid_from: d.valid_from, ...(d.valid_to ? { valid_to: d.valid_to } : {}) };
    for (const key of ['account_id', 'deal_id', 'user_id'] as const) if (d[key]) body[key] = d[key];
    create.mutate(body, { onSuccess: () => form.reset() });
  };
  const pick = (name: string, label: string, options: Array<{ id: string; name: string }>) => (
    <Field label={label} error={errors[name]}>
      <Select name={name} defaultValue="">
        <option value="">Any</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </Select>
    </Field>
  );

  return (
    <>
      {confirm.dialog}
      <QueryState query={rates} isEmpty={rates.data?.data.length === 0} emptyState={{ icon: 'time', title: 'No hourly rates yet', text: 'Add a default rate, then more specific ones for accounts, deals or people.' }}>
        <RatesTable
          label="Hourly rates"
          amountHeading="Rate"
          rows={rates.data?.data ?? []}
          level={(r) => levelLabels[r.level]}
          target={target}
          amount={(r) => formatMoney(r.hourly_rate, r.currency)}
          deleteLabel={(r) => `Delete the ${levelLabels[r.level].toLowerCase()} rate for ${target(r)}`}
          onDelete={(r) => confirm.ask({ title: 'Delete the rate', message: `Delete the ${levelLabels[r.level].toLowerCase()} rate for ${target(r)} (${formatMoney(r.hourly_rate, r.currency)}/h)?`, confirmLabel: 'Delete rate', onConfirm: () => remove.mutate(r) })}
        />
      </QueryState>
      <form onSubmit={submit} aria-label="New rate" className="grid grid-cols-2 gap-3 border-t border-slate-100 p-4 lg:grid-cols-4">
        <InputField label="Hourly rate" name="hourly_rate" inputMode="decimal" required placeholder="150.00" errors={errors} />
        <RatePeriodFields errors={errors} />
        {pick('account_id', 'Account', accounts.accounts)}
        {pick('deal_id', 'Deal', deals.deals)}
        {pick('user_id', 'Person', users.users)}
        <GridFormEnd icon="plus" busy={create.isPending} error={create.error} span="col-span-2 lg:col-span-4">
          Add rate
        </GridFormEnd>
      </form>
    </>
  );
}
