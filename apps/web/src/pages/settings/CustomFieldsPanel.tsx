import type { CustomFieldDto, CreateCustomFieldDto } from '@clockwork/api-client';
import { useState, type FormEvent } from 'react';
import { errorMessage, fieldErrorsOf } from '../../api/errors';
import { Button } from '../../components/Button';
import { Field, FormError, InputField, Select } from '../../components/Form';
import { EmptyState, QueryState } from '../../components/States';
import { useCustomFieldMutations, useCustomFields, type CustomFieldRecordType } from '../../components/records/custom-fields.queries';
import { formatDate } from '../../lib/format';

const recordTypes: Array<{ value: CustomFieldRecordType; label: string }> = [
  { value: 'account', label: 'Accounts' },
  { value: 'contact', label: 'Contacts' },
  { value: 'deal', label: 'Deals' },
  { value: 'task', label: 'Tasks' },
];
const types: Array<{ value: CreateCustomFieldDto['type']; label: string }> = [
  { value: 'text', label: 'Text' },
  { value: 'number', label: 'Number' },
  { value: 'money', label: 'Money' },
  { value: 'date', label: 'Date' },
  { value: 'single_select', label: 'Single select' },
  { value: 'multi_select', label: 'Multi select' },
  { value: 'checkbox', label: 'Checkbox' },
  { value: 'url', label: 'URL' },
  { value: 'user', label: 'User' },
];
const typeLabel = (t: string) => types.find((x) => x.value === t)?.label ?? t;

/** Admins define the custom fields of each record type, rename and delete them, and restore deleted ones within 30 days. */
export function CustomFieldsPanel() {
  const [recordType, setRecordType] = useState<CustomFieldRecordType>('deal');
  const fields = useCustomFields(recordType);
  const deleted = useCustomFields(recordType, true);
  const { restore } = useCustomFieldMutations();
  return (
    <div className="divide-y divide-slate-100">
      <div className="p-4">
        <Field label="Record type" className="max-w-xs">
          <Select value={recordType} onChange={(e) => setRecordType(e.target.value as CustomFieldRecordType)}>
            {recordTypes.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <QueryState query={fields} isEmpty={fields.data?.data.length === 0} empty={<EmptyState title="No custom fields yet">Add one below: it shows on every form and page of these records.</EmptyState>}>
        <ul aria-label="Custom fields" className="divide-y divide-slate-100">
          {fields.data?.data.map((f) => <FieldRow key={`${f.id}:${f.version}`} field={f} />)}
        </ul>
      </QueryState>
      <NewFieldForm key={recordType} recordType={recordType} />
      {deleted.data && deleted.data.data.length > 0 && (
        <div className="p-4">
          <p className="text-sm font-semibold text-slate-900">Deleted (restorable for 30 days)</p>
          <ul aria-label="Deleted custom fields" className="mt-2 space-y-2">
            {deleted.data.data.map((f) => (
              <li key={f.id} className="flex items-center gap-3 text-sm text-slate-700">
                <span>
                  {f.label} <span className="text-xs text-slate-500">({f.key}, deleted {formatDate((f.deleted_at ?? '').slice(0, 10))})</span>
                </span>
                <Button size="sm" variant="secondary" busy={restore.isPending} onClick={() => restore.mutate(f)} aria-label={`Restore ${f.label}`}>
                  Restore
                </Button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

function FieldRow({ field }: { field: CustomFieldDto }) {
  const { patch, remove } = useCustomFieldMutations();
  const errors = fieldErrorsOf(patch.error);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    patch.mutate({ field, body: { label: String(data.get('label') ?? ''), required: data.get('required') === 'on' } });
  };
  return (
    <li className="p-4">
      <form onSubmit={submit} aria-label={`Custom field ${field.label}`} className="grid gap-3 sm:grid-cols-[2fr_1fr_auto] sm:items-start">
        <InputField label="Label" name="label" defaultValue={field.label} errors={errors} hint={`${typeLabel(field.type)} · key ${field.key}${field.options.length ? ` · ${field.options.join(', ')}` : ''}`} />
        <label className="flex items-center gap-2 text-sm text-slate-700 sm:mt-7">
          <input type="checkbox" name="required" defaultChecked={field.required} />
          Required
        </label>
        <div className="flex gap-2 sm:mt-6">
          <Button type="submit" size="sm" busy={patch.isPending}>
            Save
          </Button>
          <Button size="sm" variant="ghost" busy={remove.isPending} onClick={() => remove.mutate(field)} aria-label={`Delete ${field.label}`}>
            Delete
          </Button>
        </div>
        {patch.error && !errors.label ? <p className="text-xs text-rose-600 sm:col-span-3">{errorMessage(patch.error)}</p> : null}
      </form>
    </li>
  );
}

function NewFieldForm({ recordType }: { recordType: CustomFieldRecordType }) {
  const { create } = useCustomFieldMutations();
  const [type, setType] = useState<CreateCustomFieldDto['type']>('text');
  const errors = fieldErrorsOf(create.error);
  const select = type === 'single_select' || type === 'multi_select';
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const options = String(data.get('options') ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean);
    create.mutate(
      { record_type: recordType, key: String(data.get('key') ?? ''), label: String(data.get('label') ?? ''), type, required: data.get('required') === 'on', ...(select ? { options } : {}) },
      { onSuccess: () => form.reset() },
    );
  };
  return (
    <form onSubmit={submit} aria-label="New custom field" className="grid gap-3 p-4 sm:grid-cols-2" noValidate>
      <p className="text-sm font-semibold text-slate-900 sm:col-span-2">New field</p>
      <div className="sm:col-span-2">
        <FormError error={create.error} />
      </div>
      <InputField label="Label" name="label" errors={errors} />
      <InputField label="Key" name="key" errors={errors} hint="Lower-case letters, digits and _; never changes (renaming keeps the data)" />
      <Field label="Type" error={errors.type}>
        <Select name="type" value={type} onChange={(e) => setType(e.target.value as CreateCustomFieldDto['type'])}>
          {types.map((t) => (
            <option key={t.value} value={t.value}>
              {t.label}
            </option>
          ))}
        </Select>
      </Field>
      {select && (
        <InputField label="Options (comma-separated)" name="options" errors={errors} />
      )}
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" name="required" />
        Required
      </label>
      <div className="sm:col-span-2">
        <Button type="submit" size="sm" busy={create.isPending}>
          Add field
        </Button>
      </div>
    </form>
  );
}
