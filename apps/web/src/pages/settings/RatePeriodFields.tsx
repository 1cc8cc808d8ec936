import { Field, Input } from '../../components/Form';
import { formatDate } from '../../lib/format';

/** The currency and validity period fields of an hourly or cost rate form (`prefix` tells two forms on one page apart). */
export function RatePeriodFields({ errors, prefix = '' }: { errors: Record<string, string | undefined>; prefix?: string }) {
  const label = (text: string) => (prefix ? `${prefix} ${text.toLowerCase()}` : text);
  return (
    <>
      <Field label={label('Currency')} error={errors.currency}>
        <Input name="currency" required maxLength={3} defaultValue="USD" />
      </Field>
      <Field label={label('Valid from')} error={errors.valid_from}>
        <Input name="valid_from" type="date" required />
      </Field>
      <Field label={label('Valid to')} error={errors.valid_to}>
        <Input name="valid_to" type="date" />
      </Field>
    </>
  );
}

/** A rate's validity as a table cell text: "Jan 1, 2026 – open-ended". */
export const periodText = (from: string, to: string | null) => `${formatDate(from)} – ${to ? formatDate(to) : 'open-ended'}`;
