import type { DealDto } from '@clockwork/api-client';
import { useState, type FormEvent } from 'react';
import { fieldErrorsOf } from '../../api/errors';
import { useAccountOptions } from '../../api/lookups';
import { Button } from '../../components/Button';
import { dealStages, stageLabels, type DealStage } from '../../components/badges';
import { Field, FormError, formValues, Input, Select, Textarea } from '../../components/Form';
import { useCreateDeal } from './deals.queries';

export function DealForm({ accountId, stage, onDone }: { accountId?: string; stage?: DealStage; onDone: (deal: DealDto) => void }) {
  const { accounts } = useAccountOptions();
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
          <Select name="account_id" value={account} onChange={(e) => setAccount(e.target.value)}>
            <option value="">No account</option>
            {accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </Select>
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
      <Field label="Description" error={errors.description}>
        <Textarea name="description" />
      </Field>
      <div className="flex justify-end pt-2">
        <Button type="submit" busy={save.isPending}>
          Create deal
        </Button>
      </div>
    </form>
  );
}
