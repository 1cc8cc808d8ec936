import type { CustomFieldDto } from '@clockwork/api-client';
import { useUsers } from '../../api/lookups';
import { Field, Input, Select } from '../Form';
import { ErrorState } from '../States';
import { useCustomFields, type CustomFieldRecordType } from './custom-fields.queries';

type Value = string | number | boolean | string[] | null;
const NAME = 'cf.';

/**
 * The organization's custom fields of a record type as form controls (named `cf.<key>`, typed
 * by `data-cf-type`), filled from `values`; `readCustomFields(form)` collects them for the api.
 * Errors come from the api's `custom_fields.<key>` field errors.
 */
export function CustomFieldInputs({ recordType, values = {}, errors = {} }: { recordType: CustomFieldRecordType; values?: Record<string, Value>; errors?: Record<string, string> }) {
  const fields = useCustomFields(recordType);
  const { users } = useUsers();
  if (fields.isPending) return <p className="text-xs text-slate-500" role="status">Loading custom fields…</p>;
  if (fields.error) return <ErrorState error={fields.error} onRetry={() => fields.refetch()} title="Could not load the custom fields" />;
  const defs = fields.data.data;
  if (defs.length === 0) return null;
  return (
    <fieldset className="grid gap-4 sm:grid-cols-2">
      <legend className="mb-2 text-sm font-semibold text-slate-900">Custom fields</legend>
      {defs.map((f) => (
        <CustomFieldInput key={f.id} field={f} value={values[f.key] ?? null} error={errors[`custom_fields.${f.key}`]} users={users} />
      ))}
    </fieldset>
  );
}

function CustomFieldInput({ field, value, error, users }: { field: CustomFieldDto; value: Value; error?: string; users: { id: string; name: string }[] }) {
  const label = field.required ? `${field.label} (required)` : field.label;
  const common = { name: `${NAME}${field.key}`, 'data-cf-type': field.type };
  switch (field.type) {
    case 'checkbox':
      return (
        <label className="flex items-center gap-2 text-sm text-slate-700 sm:mt-6">
          <input type="checkbox" {...common} defaultChecked={value === true} aria-invalid={error ? true : undefined} />
          {label}
          {error && <span className="text-xs text-rose-600">{error}</span>}
        </label>
      );
    case 'single_select':
    case 'user':
      return (
        <Field label={label} error={error}>
          <Select {...common} defaultValue={typeof value === 'string' ? value : ''}>
            <option value="">—</option>
            {(field.type === 'user' ? users.map((u) => ({ value: u.id, label: u.name })) : field.options.map((o) => ({ value: o, label: o }))).map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </Select>
        </Field>
      );
    case 'multi_select':
      return (
        <Field label={label} error={error}>
          <Select {...common} multiple defaultValue={Array.isArray(value) ? value : []}>
            {field.options.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </Select>
        </Field>
      );
    default: {
      const type = field.type === 'date' ? 'date' : field.type === 'url' ? 'url' : 'text';
      const inputMode = field.type === 'number' || field.type === 'money' ? ('decimal' as const) : undefined;
      return (
        <Field label={label} error={error}>
          <Input {...common} type={type} inputMode={inputMode} defaultValue={value === null || Array.isArray(value) ? '' : String(value)} />
        </Field>
      );
    }
  }
}

/**
 * The custom field values of a form with `CustomFieldInputs`, typed for the api: numbers as
 * numbers (text that is not one is sent as text, for the api to name the field), a checkbox as a
 * boolean, a multi select as its chosen options, an empty control as null (cleared).
 */
export function readCustomFields(form: HTMLFormElement): Record<string, Value> {
  const values: Record<string, Value> = {};
  for (const el of Array.from(form.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[data-cf-type]'))) {
    const key = el.name.slice(NAME.length);
    const type = el.getAttribute('data-cf-type');
    if (type === 'checkbox') values[key] = (el as HTMLInputElement).checked;
    else if (type === 'multi_select') values[key] = Array.from((el as HTMLSelectElement).selectedOptions).map((o) => o.value);
    else if (el.value.trim() === '') values[key] = null;
    else if (type === 'number' || type === 'money') values[key] = Number.isFinite(Number(el.value)) ? Number(el.value) : el.value;
    else values[key] = el.value;
  }
  return values;
}
