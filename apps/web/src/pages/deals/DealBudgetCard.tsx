import type { DealDto } from '@clockwork/api-client';
import type { FormEvent } from 'react';
import { fieldErrorsOf } from '../../api/errors';
import { BurnBar } from '../../components/BurnBar';
import { Card } from '../../components/Card';
import { Field, formValues, GridFormEnd, Input, InputField, Select } from '../../components/Form';
import { QueryState } from '../../components/States';
import { useDealBudget, useSetDealBudget } from './deals.queries';

/** A deal's budgets: a burn bar per budget for the current period, and the form that sets them. */
export function DealBudgetCard({ deal }: { deal: DealDto }) {
  const budget = useDealBudget(deal.id);
  const save = useSetDealBudget(deal);
  const errors = fieldErrorsOf(save.error);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    save.mutate({ hours_budget: v.hours_budget || null, money_budget: v.money_budget || null, budget_period: v.budget_period === 'month' ? 'month' : 'life' });
  };
  const burns = budget.data?.budgets ?? [];
  return (
    <Card title="Budget">
      <QueryState query={budget}>
        {burns.length === 0 ? (
          <p className="text-sm text-slate-500">No budget yet. Set hours, money or both to follow the burn.</p>
        ) : (
          <div className="space-y-3">
            <p className="text-xs text-slate-500">{budget.data?.period === 'life' ? 'Over the whole deal' : `In ${budget.data?.period}`}</p>
            {burns.map((b) => (
              <BurnBar key={b.kind} burn={b} dealName={deal.name} />
            ))}
          </div>
        )}
      </QueryState>
      <form onSubmit={submit} aria-label="Deal budget" className="mt-4 grid grid-cols-2 gap-3 border-t border-slate-100 pt-4" noValidate>
        <InputField label="Hours budget" name="hours_budget" inputMode="decimal" defaultValue={deal.hours_budget ?? ''} placeholder="None" errors={errors} />
        <Field label={`Money budget (${deal.currency})`} error={errors.money_budget}>
          <Input name="money_budget" inputMode="decimal" defaultValue={deal.money_budget ?? ''} placeholder="None" />
        </Field>
        <Field label="Budget period" error={errors.budget_period}>
          <Select name="budget_period" defaultValue={deal.budget_period}>
            <option value="life">Whole deal</option>
            <option value="month">Each month</option>
          </Select>
        </Field>
        <GridFormEnd size="sm" busy={save.isPending} error={save.error} span="col-span-2">
          Save budget
        </GridFormEnd>
      </form>
    </Card>
  );
}
