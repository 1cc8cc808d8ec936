import type { FormEvent } from 'react';
import { fieldErrorsOf } from '../../api/errors';
import { useAuth } from '../../auth/AuthProvider';
import { can } from '../../auth/permissions';
import { Button } from '../../components/Button';
import { Field, FormError, Input } from '../../components/Form';
import { QueryState } from '../../components/States';
import { useBudgetThresholds, useSetBudgetThresholds } from './settings.queries';

/** "50, 80 %,100" -> [50, 80, 100]; anything that is not a whole number stays NaN for the api to refuse by field. */
export const parseThresholds = (text: string): number[] =>
  text
    .split(',')
    .map((t) => t.replace('%', '').trim())
    .filter(Boolean)
    .map((t) => (/^\d+$/.test(t) ? Number(t) : Number.NaN));

/** The percentages of a deal budget at which its owner and the managers are alerted (admins change them). */
export function BudgetThresholdsPanel() {
  const { user } = useAuth();
  const thresholds = useBudgetThresholds();
  const save = useSetBudgetThresholds();
  const errors = fieldErrorsOf(save.error);
  const editable = can(user?.role, 'manage-budget-thresholds');
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    save.mutate(parseThresholds(String(new FormData(e.currentTarget).get('thresholds') ?? '')));
  };
  return (
    <section aria-labelledby="budget-thresholds-heading" className="border-t border-slate-200 p-4">
      <h2 id="budget-thresholds-heading" className="text-sm font-semibold text-slate-900">
        Budget alerts
      </h2>
      <p className="text-sm text-slate-500">A deal's owner and the managers are told once per period when its hours or money budget reaches each of these percentages.</p>
      <QueryState query={thresholds}>
        {editable ? (
          <form onSubmit={submit} aria-label="Budget alert thresholds" className="mt-3 flex flex-wrap items-end gap-3">
            <Field label="Alert at (percent, comma-separated)" error={errors.thresholds}>
              <Input key={thresholds.data?.thresholds.join(',')} name="thresholds" defaultValue={thresholds.data?.thresholds.join(', ')} />
            </Field>
            <Button type="submit" size="sm" busy={save.isPending}>
              Save thresholds
            </Button>
            <div className="w-full">
              <FormError error={save.error} />
            </div>
          </form>
        ) : (
          <p className="mt-3 text-sm text-slate-800">Alerts at {thresholds.data?.thresholds.map((t) => `${t}%`).join(', ')}</p>
        )}
      </QueryState>
    </section>
  );
}
