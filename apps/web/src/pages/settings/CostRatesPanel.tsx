import type { CostRateDto, CreateCostRateDto } from '@clockwork/api-client';
import type { FormEvent } from 'react';
import { fieldErrorsOf } from '../../api/errors';
import { useUsers } from '../../api/lookups';
import { roleLabels, type Role } from '../../auth/permissions';
import { useConfirm } from '../../components/ConfirmDialog';
import { Field, GridFormEnd, InputField, NamedSelect } from '../../components/Form';
import { QueryState } from '../../components/States';
import { formatMoney } from '../../lib/format';
import { RatePeriodFields } from './RatePeriodFields';
import { RatesTable } from './RatesTable';
import { useCostRateMutations, useCostRates } from './settings.queries';

const ROLE_OPTIONS = (Object.keys(roleLabels) as Role[]).map((r) => ({ id: r, name: roleLabels[r] }));

/** Internal cost of an hour per person or per role (a person's own rate wins); admins and managers only. */
export function CostRatesPanel() {
  const users = useUsers();
  const rates = useCostRates();
  const { create, remove } = useCostRateMutations();
  const confirm = useConfirm();
  const errors = fieldErrorsOf(create.error);
  const target = (r: CostRateDto) => (r.level === 'user' ? (users.nameOf(r.user_id) ?? 'A person') : `Every ${roleLabels[r.role as Role].toLowerCase()}`);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const d = Object.fromEntries(new FormData(form).entries()) as Record<string, string>;
    const body: CreateCostRateDto = { hourly_cost: d.hourly_cost, currency: d.currency.toUpperCase(), valid_from: d.valid_from, ...(d.valid_to ? { valid_to: d.valid_to } : {}) };
    if (d.user_id) body.user_id = d.user_id;
    else if (d.role) body.role = d.role as CreateCostRateDto['role'];
    create.mutate(body, { onSuccess: () => form.reset() });
  };

  return (
    <section aria-labelledby="cost-rates-heading" className="border-t border-slate-200">
      <h2 id="cost-rates-heading" className="px-4 pt-4 text-sm font-semibold text-slate-900">
        Cost rates
      </h2>
      <p className="px-4 text-sm text-slate-500">What an hour of a person costs you, for margins. Only admins and managers see these.</p>
      <QueryState query={rates} isEmpty={rates.data?.data.length === 0} emptyState={{ icon: 'time', title: 'No cost rates yet', text: 'Add a cost per role, then per person where it differs.' }}>
        <RatesTable
          label="Cost rates"
          amountHeading="Cost"
          rows={rates.data?.data ?? []}
          level={(r) => (r.level === 'user' ? 'Person' : 'Role')}
          target={target}
          amount={(r) => formatMoney(r.hourly_cost, r.currency)}
          deleteLabel={(r) => `Delete the cost rate for ${target(r)}`}
          onDelete={(r) => confirm.ask({ title: 'Delete this cost rate?', message: `Delete the cost rate for ${target(r)} (${formatMoney(r.hourly_cost, r.currency)}/h)?`, confirmLabel: 'Delete cost rate', onConfirm: () => remove.mutate(r) })}
        />
      </QueryState>
      <form onSubmit={submit} aria-label="New cost rate" className="grid grid-cols-2 gap-3 border-t border-slate-100 p-4 lg:grid-cols-4">
        <InputField label="Hourly cost" name="hourly_cost" inputMode="decimal" required placeholder="45.00" errors={errors} />
        <RatePeriodFields errors={errors} prefix="Cost" />
        <Field label="Person" error={errors.user_id} hint="Or a role below">
          <NamedSelect name="user_id" options={users.users} none="—" defaultValue="" />
        </Field>
        <Field label="Role" error={errors.role}>
          <NamedSelect name="role" options={ROLE_OPTIONS} none="—" defaultValue="" />
        </Field>
        <GridFormEnd icon="plus" busy={create.isPending} error={create.error} span="col-span-2 lg:col-span-4">
          Add cost rate
        </GridFormEnd>
      </form>
      {confirm.dialog}
    </section>
  );
}
