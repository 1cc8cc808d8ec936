import type { ExchangeRateDto } from '@clockwork/api-client';
import { useState, type FormEvent } from 'react';
import { fieldErrorsOf } from '../../api/errors';
import { useAuth } from '../../auth/AuthProvider';
import { can } from '../../auth/permissions';
import { Button } from '../../components/Button';
import { formValues, GridFormEnd, InputField } from '../../components/Form';
import { Modal } from '../../components/Modal';
import { QueryState } from '../../components/States';
import { ActionsTd, ActionsTh, RowsTable, Td } from '../../components/Table';
import { formatDate, trimDecimal } from '../../lib/format';
import { useExchangeRateMutations, useExchangeRates } from './settings.queries';

const pair = (x: ExchangeRateDto) => `1 ${x.base_currency} = ${trimDecimal(x.rate)} ${x.quote_currency}`;

/**
 * Stored exchange rates (1 base = rate quote on a day): an invoice converts a rate in another
 * currency with the latest one on or before its invoice date. Admins add and delete them;
 * managers read them.
 */
export function ExchangeRatesPanel() {
  const { user } = useAuth();
  const manage = can(user?.role, 'manage-exchange-rates');
  const rates = useExchangeRates();
  const { create, remove } = useExchangeRateMutations();
  const [deleting, setDeleting] = useState<ExchangeRateDto | null>(null);
  const errors = fieldErrorsOf(create.error);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const v = formValues(form);
    create.mutate(
      { base_currency: (v.base_currency ?? '').toUpperCase(), quote_currency: (v.quote_currency ?? '').toUpperCase(), rate: v.rate ?? '', rate_date: v.rate_date ?? '' },
      { onSuccess: () => form.reset() },
    );
  };
  return (
    <section aria-labelledby="exchange-rates-title" className="border-t border-slate-200">
      <div className="px-4 pt-4">
        <h2 id="exchange-rates-title" className="text-sm font-semibold text-slate-900">
          Exchange rates
        </h2>
        <p className="mt-0.5 text-xs text-slate-500">
          An invoice converts a rate in another currency with the latest stored rate on or before its invoice date.{manage ? '' : ' Only admins add or delete exchange rates.'}
        </p>
      </div>
      <QueryState
        query={rates}
        isEmpty={rates.data?.data.length === 0}
        emptyState={{ icon: 'sync', title: 'No exchange rates yet', text: manage ? 'Add one before invoicing time priced in another currency.' : 'An admin adds them before time priced in another currency is invoiced.' }}
      >
        <RowsTable label="Exchange rates" rows={rates.data?.data ?? []} rowKey={(x) => x.id} columns={['Rate', 'Day', manage && <ActionsTh className="text-right" />]}>
          {(x) => (
            <>
              <Td className="font-medium tabular-nums">{pair(x)}</Td>
              <Td className="whitespace-nowrap">{formatDate(x.rate_date)}</Td>
              {manage && (
                <ActionsTd>
                  <Button size="sm" variant="danger" icon="trash" aria-label={`Delete the rate ${pair(x)} of ${formatDate(x.rate_date)}`} onClick={() => setDeleting(x)} />
                </ActionsTd>
              )}
            </>
          )}
        </RowsTable>
      </QueryState>
      {manage && (
        <form onSubmit={submit} aria-label="New exchange rate" className="grid grid-cols-2 gap-3 border-t border-slate-100 p-4 lg:grid-cols-5" noValidate>
          <InputField label="Base currency" name="base_currency" maxLength={3} placeholder="EUR" errors={errors} />
          <InputField label="Quote currency" name="quote_currency" maxLength={3} placeholder="USD" errors={errors} />
          <InputField label="Rate" name="rate" inputMode="decimal" placeholder="1.0850" errors={errors} hint="Quote units per 1 base" />
          <InputField label="Day" name="rate_date" type="date" errors={errors} />
          <GridFormEnd icon="plus" busy={create.isPending} error={create.error} span="col-span-2 lg:col-span-5">
            Add exchange rate
          </GridFormEnd>
        </form>
      )}
      {deleting && (
        <Modal title="Delete this exchange rate?" onClose={() => setDeleting(null)}>
          <p className="text-sm text-slate-600">
            {pair(deleting)} of {formatDate(deleting.rate_date)}. Invoices already drafted keep the rate they used.
          </p>
          <div className="mt-4 flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setDeleting(null)}>
              Cancel
            </Button>
            <Button variant="danger" busy={remove.isPending} onClick={() => remove.mutate(deleting, { onSettled: () => setDeleting(null) })}>
              Delete
            </Button>
          </div>
        </Modal>
      )}
    </section>
  );
}
