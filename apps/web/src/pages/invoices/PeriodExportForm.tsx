import { useState, type FormEvent } from 'react';
import { fieldErrorsOf } from '../../api/errors';
import { Field, FormError, formValues, InputField, Select, SubmitRow } from '../../components/Form';
import { accountingFormats } from './accounting-formats';
import { downloadPeriodExport, type AccountingFormat } from './invoices.queries';

const monthStart = () => `${new Date().toISOString().slice(0, 7)}-01`;
const today = () => new Date().toISOString().slice(0, 10);

/** "Export period": the issued and paid invoices dated in a period as one accounting file; the api's 400 is shown at its field. */
export function PeriodExportForm({ onDone }: { onDone: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const errors = fieldErrorsOf(error);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      await downloadPeriodExport((v.format ?? 'xero') as AccountingFormat, v.from ?? '', v.to ?? '');
      onDone();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <p className="text-sm text-slate-600">Every issued or paid invoice dated in the period, one row per line.</p>
      <FormError error={error} />
      <Field label="Format" error={errors.format}>
        <Select name="format" defaultValue="xero">
          {accountingFormats.map(({ format, label }) => (
            <option key={format} value={format}>
              {label}
            </option>
          ))}
        </Select>
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <InputField label="From" name="from" type="date" defaultValue={monthStart()} required errors={errors} />
        <InputField label="To" name="to" type="date" defaultValue={today()} required errors={errors} />
      </div>
      <SubmitRow busy={busy}>Download</SubmitRow>
    </form>
  );
}
