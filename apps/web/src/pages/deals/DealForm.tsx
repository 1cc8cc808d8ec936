import type { DealDto } from '@clockwork/api-client';
import { useState, type FormEvent } from 'react';
import { fieldErrorsOf } from '../../api/errors';
import { searchAccounts, useAccountOptions } from '../../api/lookups';
import { queryKeys } from '../../api/query-keys';
import { DescriptionField, Field, FormError, formValues, InputField, Select, SubmitRow } from '../../components/Form';
import { RecordCombobox } from '../../components/RecordCombobox';
import { CustomFieldInputs, readCustomFields } from '../../components/records/CustomFieldInputs';
import { BillingModelFields, billingModelBody } from './billing-model-fields';
import { useCreateDeal, usePipelines } from './deals.queries';

export function DealForm({ accountId, pipelineId, stage, onDone }: { accountId?: string; pipelineId?: string; stage?: string; onDone: (deal: DealDto) => void }) {
  const accounts = useAccountOptions();
  // The stage select lists the stages of the chosen pipeline (the default one unless given).
  const pipelines = usePipelines().data?.data ?? [];
  const pipeline = pipelines.find((p) => p.id === pipelineId) ?? pipelines.find((p) => p.is_default);
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
      ...(pipeline ? { pipeline_id: pipeline.id } : {}),
      ...(v.stage ? { stage: v.stage } : {}),
      account_id: v.account_id,
      start_date: v.start_date,
      end_date: v.end_date,
      ...billingModelBody(v),
      custom_fields: readCustomFields(e.currentTarget),
    });
  };

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <FormError error={save.error} />
      <InputField label="Deal name" name="name" errors={errors} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Account" error={errors.account_id}>
          <RecordCombobox name="account_id" value={account} onChange={setAccount} selectedLabel={accounts.nameOf(account)} search={searchAccounts} searchKey={queryKeys.accounts.search} noneLabel="No account" />
        </Field>
        <Field label="Stage" error={errors.stage}>
          <Select key={pipeline?.id ?? 'none'} name="stage" defaultValue={stage ?? pipeline?.stages.find((s) => s.kind === 'open')?.key ?? ''}>
            {pipeline ? (
              pipeline.stages.map((s) => (
                <option key={s.key} value={s.key}>
                  {s.name}
                </option>
              ))
            ) : (
              <option value="">First stage</option>
            )}
          </Select>
        </Field>
        <InputField label="Value" name="value" inputMode="decimal" placeholder="0" errors={errors} />
        <InputField label="Currency" name="currency" defaultValue="USD" maxLength={3} errors={errors} />
        <InputField label="Start date" name="start_date" type="date" errors={errors} />
        <InputField label="End date" name="end_date" type="date" errors={errors} />
      </div>
      <BillingModelFields errors={errors} />
      <DescriptionField error={errors.description} />
      <CustomFieldInputs recordType="deal" errors={errors} />
      <SubmitRow busy={save.isPending}>Create deal</SubmitRow>
    </form>
  );
}
