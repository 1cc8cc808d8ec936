import { CUSTOM_FIELD_FILTER_PREFIX, type CustomFieldValue } from '@clockwork/shared-dto';
import type { CustomFieldDefinition } from '@clockwork/shared-entities';
import { checkValue, type ValueCheck } from './custom-field-value.rules';

type Definition = Pick<CustomFieldDefinition, 'key' | 'type' | 'options' | 'required'>;

/** The CSV column of a custom field: `cf.<key>` (the same name as its list filter). */
export const customFieldColumn = (key: string): string => `${CUSTOM_FIELD_FILTER_PREFIX}${key}`;

/** The key of a `cf.<key>` column, or null for any other column. */
export const customFieldKeyOf = (column: string): string | null => (column.startsWith(CUSTOM_FIELD_FILTER_PREFIX) ? column.slice(CUSTOM_FIELD_FILTER_PREFIX.length) : null);

/** The extra columns of a CSV export: one `cf.<key>` per live field, and each row's cells for them. */
export interface CustomFieldCsvColumns {
  columns: string[];
  cells: (row: { custom_fields?: Record<string, unknown> | null }) => Record<string, unknown>;
}

const csvCell = (value: unknown): unknown => (typeof value === 'boolean' ? String(value) : (value ?? null));

/**
 * A record's custom field values as `cf.<key>` cells, in the given fields' order: numbers and
 * booleans as they are (`true`/`false`), dates `YYYY-MM-DD`, a multi_select's options joined
 * with `;` (by the CSV writer), no value an empty cell. What `readCustomFieldCell` reads back.
 */
export function customFieldCsvColumns(defs: readonly Pick<Definition, 'key'>[]): CustomFieldCsvColumns {
  const columns = defs.map((d) => customFieldColumn(d.key));
  return {
    columns,
    // Booleans as words: the CSV writer would write false as an empty cell (no value).
    cells: (row) => Object.fromEntries(defs.map((d) => [customFieldColumn(d.key), csvCell(row.custom_fields?.[d.key])])),
  };
}

/**
 * One CSV cell of a custom field, typed like the field and checked like an API value: an empty
 * cell is no value; number and money cells are numbers (`1234.5`); checkbox cells `true`/`false`
 * (also `yes`/`no`, `1`/`0`); multi_select cells the options separated by `;`. A wrong cell is
 * the API's message naming `custom_fields.<key>`.
 */
export function readCustomFieldCell(def: Definition, cell: string): ValueCheck {
  const text = cell.trim();
  if (text === '') return { ok: true, value: null };
  let raw: CustomFieldValue = text;
  switch (def.type) {
    case 'number':
    case 'money': {
      const n = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : NaN;
      if (!Number.isFinite(n)) return { ok: false, error: `custom_fields.${def.key} must be a number` };
      raw = n;
      break;
    }
    case 'checkbox': {
      const lower = text.toLowerCase();
      if (['true', 'yes', '1'].includes(lower)) raw = true;
      else if (['false', 'no', '0'].includes(lower)) raw = false;
      else return { ok: false, error: `custom_fields.${def.key} must be true or false` };
      break;
    }
    case 'multi_select':
      raw = text
        .split(';')
        .map((o) => o.trim())
        .filter((o) => o !== '');
      break;
  }
  return checkValue(def, raw);
}
