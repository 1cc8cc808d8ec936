import type { DealDto } from '@clockwork/api-client';
import { useState, type FormEvent } from 'react';
import { fieldErrorsOf } from '../../api/errors';
import { searchAccounts, useAccountOptions } from '../../api/lookups';
import { queryKeys } from '../../api/query-keys';
import { dealStages, stageLabels, type DealStage } from '../../components/badges';
import { DescriptionField, Field, FormError, formValues, Input, Select, SubmitRow } from '../../components/Form';
import { RecordCombobox } from '../../components/RecordCombobox';
import { useCreateDeal } from './deals.queries';

export function DealForm({ accountId, stage, onDone }: { accountId?: string; stage?: DealStage; onDone: (deal: DealDto) => void }) {
  const accounts = useAccountOptions();
  const [account, setAccount] = useState(accountId ?? '');
  const save = useCreateDeal(onDone);
  const errors = fieldErrorsOf(save.error);

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    save.mutate({
      name: v.name ?? '',
      description: v.description,
      value: v.value ?? '0',
      currency: v.currency ?? 'USD',
      stage: (v.stage as DealStage) ?? 'prospecting',
      account_id: v.account_id,
      start_date: v.start_date,
      end_date: v.end_date,
    });
  };

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <FormError error={save.error} />
      <Field label="Deal name" error={errors.name}>
        <Input name="name" />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Account" error={errors.account_id}>
          <RecordCombobox name="account_id" value={account} onChange={setAccount} selectedLabel={accounts.nameOf(account)} search={searchAccounts} searchKey={queryKeys.accounts.search} noneLabel="No account" />
        </Field>
        <Field label="Stage" error={errors.stage}>
          <Select name="stage" defaultValue={stage ?? 'prospecting'}>
            {dealStages.map((s) => (
              <option key={s} value={s}>
                {stageLabels[s]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Value" error={errors.value}>
          <Input name="value" inputMode="decimal" placeholder="0" />
        </Field>
        <Field label="Currency" error={errors.currency}>
          <Input name="currency" defaultValue="USD" maxLength={3} />
        </Field>
        <Field label="Start date" error={errors.start_date}>
          <Input name="start_date" type="date" />
        </Field>
        <Field label="End date" error={errors.end_date}>
          <Input name="end_date" type="date" />
        </Field>
      </div>
      <DescriptionField error={errors.description} />
      <SubmitRow busy={save.isPending}>Create deal</SubmitRow>
    </form>
  );
}
