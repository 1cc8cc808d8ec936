import type { CustomFieldDto } from '@clockwork/api-client';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useUsers } from '../../api/lookups';
import { SelectFilter } from '../Filters';
import { Input } from '../Form';
import { useCustomFields, type CustomFieldRecordType } from './custom-fields.queries';

/** The address (and api) parameter of a custom field filter. */
export const customFieldParam = (key: string) => `cf.${key}`;

/** The api takes at most 5 custom field filters per list. */
export const MAX_CUSTOM_FIELD_FILTERS = 5;

/**
 * A list page's filter keys with its custom field filters added: `cf.<key>` of every live field
 * of the record type, and any `cf.<key>` already in the address (so a linked view filters from
 * the first request, before the fields have loaded). Stable while they do not change.
 */
export function useCustomFieldFilterKeys<K extends string>(recordType: CustomFieldRecordType, base: readonly K[]): readonly string[] {
  const fields = useCustomFields(recordType);
  const [params] = useSearchParams();
  const inAddress = [...params.keys()].filter((k) => k.startsWith('cf.'));
  const live = (fields.data?.data ?? []).map((f) => customFieldParam(f.key));
  const signature = [...new Set([...live, ...inAddress])].sort().join(',');
  return useMemo(() => [...base, ...(signature ? signature.split(',') : [])], [base, signature]);
}

/** A text-like filter, sent once typing pauses (like the search box). */
function TextFilter({ label, value, onChange, type }: { label: string; value: string; onChange: (value: string) => void; type: 'text' | 'date' | 'number' }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    if (text === value) return;
    const timer = setTimeout(() => onChange(text.trim()), type === 'date' ? 0 : 400);
    return () => clearTimeout(timer);
  }, [text, value, onChange, type]);
  return (
    <label className="block sm:w-40">
      <span className="mb-1 block text-xs font-medium text-slate-500">{label}</span>
      <Input type={type} inputMode={type === 'number' ? 'decimal' : undefined} value={text} onChange={(e) => setText(e.target.value)} />
    </label>
  );
}

function CustomFieldFilter({ field, value, onChange }: { field: CustomFieldDto; value: string; onChange: (value: string) => void }) {
  const { users } = useUsers();
  switch (field.type) {
    case 'single_select':
    case 'multi_select':
      return <SelectFilter label={field.label} value={value} onChange={onChange} options={field.options.map((o) => ({ value: o, label: o }))} />;
    case 'checkbox':
      return <SelectFilter label={field.label} value={value} onChange={onChange} options={[{ value: 'true', label: 'Yes' }, { value: 'false', label: 'No' }]} />;
    case 'user':
      return <SelectFilter label={field.label} value={value} onChange={onChange} options={users.map((u) => ({ value: u.id, label: u.name }))} />;
    case 'date':
      return <TextFilter label={field.label} value={value} onChange={onChange} type="date" />;
    case 'number':
    case 'money':
      return <TextFilter label={field.label} value={value} onChange={onChange} type="number" />;
    default:
      return <TextFilter label={field.label} value={value} onChange={onChange} type="text" />;
  }
}

/**
 * The custom field filters of a list page's filter bar: one control per live field of the record
 * type (a select for selects, Yes/No for a checkbox, a person for a user field, a box for the
 * others: equality), each kept in the address as `cf.<key>` (so saved views keep them). Once 5
 * are set, the others are disabled (the api's limit). Nothing while the fields load or when
 * there are none; the fields' own error shows in the record forms.
 */
export function CustomFieldFilters({ recordType, values, onChange }: { recordType: CustomFieldRecordType; values: Record<string, string>; onChange: (changes: Record<string, string>) => void }) {
  const fields = useCustomFields(recordType);
  const defs = fields.data?.data ?? [];
  if (defs.length === 0) return null;
  const set = defs.filter((f) => values[customFieldParam(f.key)]).length;
  return (
    <>
      {defs.map((f) => {
        const param = customFieldParam(f.key);
        const value = values[param] ?? '';
        const disabled = !value && set >= MAX_CUSTOM_FIELD_FILTERS;
        return (
          <fieldset key={f.id} disabled={disabled} className="contents">
            <CustomFieldFilter field={f} value={value} onChange={(v) => onChange({ [param]: v })} />
          </fieldset>
        );
      })}
    </>
  );
}
