import type { CustomFieldDto } from '@clockwork/api-client';
import { useState, type FormEvent } from 'react';
import { fieldErrorsOf } from '../../api/errors';
import { useUsers } from '../../api/lookups';
import { formatDate } from '../../lib/format';
import { Button } from '../Button';
import { Card, DetailList } from '../Card';
import { ErrorState } from '../States';
import { CustomFieldInputs, readCustomFields } from './CustomFieldInputs';
import { useCustomFields, useSaveCustomFieldValues, type CustomFieldsRecord } from './custom-fields.queries';

type Value = string | number | boolean | string[] | null | undefined;

/** One value as the detail page shows it (a user by name, money with 2 decimals, a date, Yes/No). */
export function formatCustomFieldValue(field: Pick<CustomFieldDto, 'type'>, value: Value, nameOf: (id: string | null) => string | null | undefined): string | null {
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return null;
  switch (field.type) {
    case 'checkbox':
      return value === true ? 'Yes' : 'No';
    case 'multi_select':
      return Array.isArray(value) ? value.join(', ') : String(value);
    case 'date':
      return formatDate(String(value));
    case 'money':
      return typeof value === 'number' ? value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : String(value);
    case 'user':
      return nameOf(String(value)) ?? 'A user';
    default:
      return String(value);
  }
}

/**
 * The "Custom fields" card of an account, contact or deal page: the record type's fields with
 * their values, and (for those who may change the record) "Edit" turning it into the typed
 * inputs of `CustomFieldInputs`, saved as a PATCH of `custom_fields` with the version shown.
 * Nothing when the organization has no fields of that type.
 */
export function CustomFieldsCard({ record, values, canEdit = true }: { record: CustomFieldsRecord; values: Record<string, Value>; canEdit?: boolean }) {
  const fields = useCustomFields(record.type);
  const { nameOf } = useUsers();
  const [editing, setEditing] = useState(false);
  const save = useSaveCustomFieldValues(record, () => setEditing(false));

  if (fields.isPending) return <Card title="Custom fields"><p className="text-sm text-slate-500" role="status">Loading custom fields…</p></Card>;
  if (fields.error) return <Card title="Custom fields"><ErrorState error={fields.error} onRetry={() => fields.refetch()} title="Could not load the custom fields" /></Card>;
  const defs = fields.data.data;
  if (defs.length === 0) return null;

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    save.mutate(readCustomFields(e.currentTarget));
  };
  const errors = fieldErrorsOf(save.error);
  const other = save.error && Object.keys(errors).length === 0 ? save.error : null;

  return (
    <Card
      title="Custom fields"
      actions={
        canEdit && !editing ? (
          <Button variant="secondary" size="sm" onClick={() => setEditing(true)} aria-label="Edit custom fields">
            Edit
          </Button>
        ) : undefined
      }
    >
      {editing ? (
        <form aria-label="Custom fields" onSubmit={onSubmit} className="space-y-4">
          <CustomFieldInputs recordType={record.type} values={values as Record<string, string | number | boolean | string[] | null>} errors={errors} />
          {other && <p className="text-sm text-rose-600" role="alert">{other instanceof Error ? other.message : 'Could not save'}</p>}
          <div className="flex gap-2">
            <Button type="submit" disabled={save.isPending}>
              {save.isPending ? 'Saving…' : 'Save custom fields'}
            </Button>
            <Button
              type="button"
              variant="secondary"
              onClick={() => {
                save.reset();
                setEditing(false);
              }}
            >
              Cancel
            </Button>
          </div>
        </form>
      ) : (
        <DetailList items={defs.map((f) => [f.label, formatCustomFieldValue(f, values[f.key], nameOf)])} />
      )}
    </Card>
  );
}
