import type { CreateInvoiceDto, InvoiceWithLinesDto } from '@clockwork/api-client';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { errorMessage, fieldErrorsOf } from '../../api/errors';
import { searchAccounts, searchDeals, useAccountOptions, useDealOptions } from '../../api/lookups';
import { queryKeys } from '../../api/query-keys';
import { Button } from '../../components/Button';
import { Field, formValues, InputField, Textarea } from '../../components/Form';
import { Icon } from '../../components/icons';
import { RecordCombobox } from '../../components/RecordCombobox';
import { InvoiceLinesTable } from './InvoiceLinesTable';
import { amount, periodOf } from './invoice-format';
import { useCreateInvoice, useInvoicePreview } from './invoices.queries';

/** The previous calendar month (UTC), the usual billing period. */
export function lastMonth(now = new Date()): { from: string; to: string } {
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0));
  return { from: first.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10) };
}

/**
 * "New invoice": who and what period to bill, then the preview of the draft (lines, the time
 * entries behind each, exchange rates, totals) and "Create draft" with exactly the previewed
 * terms. Changing any term drops the preview, so what is created is what was shown.
 */
export function NewInvoiceForm({ onCreated }: { onCreated: (invoice: InvoiceWithLinesDto) => void }) {
  const [by, setBy] = useState<'account' | 'deal'>('account');
  const [record, setRecord] = useState('');
  const [terms, setTerms] = useState<CreateInvoiceDto | null>(null);
  const [pickError, setPickError] = useState<string | null>(null);
  const accounts = useAccountOptions();
  const deals = useDealOptions();
  const preview = useInvoicePreview();
  const create = useCreateInvoice(onCreated);
  const heading = useRef<HTMLHeadingElement>(null);
  const error = create.error ?? preview.error;
  const errors = fieldErrorsOf(error);
  const period = lastMonth();
  const shown = preview.data && terms ? preview.data : null;

  useEffect(() => {
    if (shown) heading.current?.focus();
  }, [shown]);

  const changed = () => {
    if (preview.data || preview.error) preview.reset();
    if (create.error) create.reset();
    setTerms(null);
    setPickError(null);
  };
  const choose = (kind: 'account' | 'deal') => {
    setBy(kind);
    setRecord('');
    changed();
  };
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!record) return setPickError(`Choose ${by === 'account' ? 'an account' : 'a deal'} to bill`);
    const v = formValues(e.currentTarget);
    const body: CreateInvoiceDto = {
      ...(by === 'account' ? { account_id: record } : { deal_id: record }),
      period_from: v.period_from ?? '',
      period_to: v.period_to ?? '',
      currency: (v.currency ?? '').toUpperCase(),
      ...(v.invoice_date ? { invoice_date: v.invoice_date } : {}),
      ...(v.tax_rate_percent ? { tax_rate_percent: v.tax_rate_percent } : {}),
      ...(v.notes ? { notes: v.notes } : {}),
    };
    create.reset();
    setTerms(body);
    preview.mutate(body);
  };

  return (
    <div className="space-y-5">
      <form onSubmit={submit} onChange={changed} aria-label="Invoice terms" className="space-y-4" noValidate>
        <fieldset>
          <legend className="mb-1 text-sm font-medium text-slate-700">Bill the time of</legend>
          <div className="flex gap-4">
            {(['account', 'deal'] as const).map((kind) => (
              <label key={kind} className="flex items-center gap-2 text-sm text-slate-800">
                <input type="radio" name="bill_by" value={kind} checked={by === kind} onChange={() => choose(kind)} className="size-4 border-slate-300 text-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-600" />
                {kind === 'account' ? 'An account' : 'A deal'}
              </label>
            ))}
          </div>
        </fieldset>
        {by === 'account' ? (
          <Field label="Account" error={errors.account_id ?? pickError ?? undefined}>
            <RecordCombobox name="account_id" value={record} onChange={(id) => (setRecord(id), changed())} selectedLabel={accounts.nameOf(record)} search={searchAccounts} searchKey={queryKeys.accounts.search} noneLabel="Choose an account" />
          </Field>
        ) : (
          <Field label="Deal" error={errors.deal_id ?? pickError ?? undefined}>
            <RecordCombobox name="deal_id" value={record} onChange={(id) => (setRecord(id), changed())} selectedLabel={deals.nameOf(record)} search={searchDeals} searchKey={queryKeys.deals.search} noneLabel="Choose a deal" />
          </Field>
        )}
        <div className="grid gap-4 sm:grid-cols-2">
          <InputField label="Period from" name="period_from" type="date" defaultValue={period.from} errors={errors} />
          <InputField label="Period to" name="period_to" type="date" defaultValue={period.to} errors={errors} />
          <InputField label="Currency" name="currency" defaultValue="USD" maxLength={3} autoCapitalize="characters" errors={errors} hint="ISO code, e.g. USD or EUR" />
          <InputField label="Tax %" name="tax_rate_percent" inputMode="decimal" placeholder="0" errors={errors} />
          <InputField label="Invoice date" name="invoice_date" type="date" errors={errors} hint="Exchange rates are taken as of this day; default today" />
        </div>
        <Field label="Notes" error={errors.notes}>
          <Textarea name="notes" />
        </Field>
        {error && (
          <div role="alert" className="flex items-start gap-2 rounded-lg border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800">
            <Icon name="alert" className="mt-0.5 size-4 shrink-0" />
            <span>{errorMessage(error)}</span>
          </div>
        )}
        <div className="flex justify-end">
          <Button type="submit" variant={shown ? 'secondary' : 'primary'} busy={preview.isPending}>
            Preview
          </Button>
        </div>
      </form>
      {shown && terms && (
        <section aria-labelledby="invoice-preview-title" className="rounded-lg border border-slate-200">
          <div className="border-b border-slate-100 px-4 py-3">
            <h3 id="invoice-preview-title" ref={heading} tabIndex={-1} className="rounded text-sm font-semibold text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600">
              Preview: {shown.customer_name}, {periodOf(shown)}
            </h3>
            <p className="mt-0.5 text-xs text-slate-500">
              {shown.lines.length} {shown.lines.length === 1 ? 'line' : 'lines'}, total {amount(shown.total, shown.currency)}. Nothing is saved until you create the draft.
            </p>
          </div>
          <InvoiceLinesTable label="Preview lines" lines={shown.lines} totals={shown} />
          <div className="flex justify-end border-t border-slate-100 px-4 py-3">
            <Button icon="plus" busy={create.isPending} onClick={() => create.mutate(terms)}>
              Create draft
            </Button>
          </div>
        </section>
      )}
    </div>
  );
}
