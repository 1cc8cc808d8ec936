import type { CreateDealDto, DealDto } from '@clockwork/api-client';
import { useState } from 'react';
import { Field, Input, Select } from '../../components/Form';

type BillingModel = NonNullable<CreateDealDto['billing_model']>;
const MODELS: Array<[BillingModel, string]> = [
  ['hourly', 'Hourly (time at the rates)'],
  ['fixed', 'Fixed fee (milestones)'],
  ['retainer', 'Retainer (hours per month)'],
];

/** "1234.50" -> 123450 cents; NaN when it is not an amount (the api then names the field). */
export const cents = (v: string | null) => (v && /^\d+(\.\d{1,2})?$/.test(v) ? Math.round(Number(v) * 100) : Number.NaN);

/**
 * The billing model part of a deal body from the form's values: the model, and the retainer
 * terms when it is a retainer (prices typed in currency units, sent as cents).
 */
export function billingModelBody(v: Record<string, string | null>): Pick<CreateDealDto, 'billing_model' | 'retainer'> {
  const model = (v.billing_model as BillingModel | null) ?? 'hourly';
  if (model !== 'retainer') return { billing_model: model };
  return {
    billing_model: model,
    retainer: {
      hours_per_month: v.retainer_hours ?? '',
      price_cents: cents(v.retainer_price),
      overage_rate_cents: cents(v.retainer_overage_rate),
      rollover_months: Number(v.retainer_rollover ?? '0'),
      starts_on: v.retainer_starts_on ?? '',
    },
  };
}

/** The deal form's billing model: hourly, fixed fee or retainer, with the retainer's terms (docs/billing-models.md). */
export function BillingModelFields({ errors, deal }: { errors: Record<string, string | undefined>; deal?: DealDto }) {
  const [model, setModel] = useState<BillingModel>(deal?.billing_model ?? 'hourly');
  const r = deal?.retainer;
  const err = (f: string) => errors[`retainer.${f}`] ?? errors[f];
  return (
    <fieldset className="space-y-4">
      <Field label="Billing model" error={errors.billing_model ?? errors.retainer}>
        <Select name="billing_model" value={model} onChange={(e) => setModel(e.target.value as BillingModel)}>
          {MODELS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </Select>
      </Field>
      {model === 'retainer' && (
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Hours per month" error={err('hours_per_month')}>
            <Input name="retainer_hours" inputMode="decimal" defaultValue={r?.hours_per_month ?? ''} />
          </Field>
          <Field label="Monthly price" error={err('price_cents')}>
            <Input name="retainer_price" inputMode="decimal" defaultValue={r ? (r.price_cents / 100).toFixed(2) : ''} />
          </Field>
          <Field label="Overage rate per hour" error={err('overage_rate_cents')}>
            <Input name="retainer_overage_rate" inputMode="decimal" defaultValue={r ? (r.overage_rate_cents / 100).toFixed(2) : ''} />
          </Field>
          <Field label="Rollover (months)" hint="Unused hours stay usable this many months" error={err('rollover_months')}>
            <Input name="retainer_rollover" inputMode="numeric" defaultValue={String(r?.rollover_months ?? 0)} />
          </Field>
          <Field label="Retainer starts on" error={err('starts_on')}>
            <Input name="retainer_starts_on" type="date" defaultValue={r?.starts_on ?? ''} />
          </Field>
        </div>
      )}
    </fieldset>
  );
}
