import { flattenValidationErrors } from '@clockwork/server-core';
import { customFieldKeyOf, readCustomFieldCell } from '@clockwork/server-custom-fields';
import { CreateAccountDto, CreateContactDto, type CustomFieldValue } from '@clockwork/shared-dto';
import type { CustomFieldDefinition } from '@clockwork/shared-entities';
import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { CsvRecord } from './import-csv.parser';

/** An account row as it would be stored (the fields an import can set). */
export interface AccountRow {
  name: string;
  industry: string | null;
  address: string | null;
  phone: string | null;
  website: string | null;
  domain: string | null;
  /** Values of the mapped custom field columns (keys without a value are left out). */
  custom_fields: Record<string, CustomFieldValue>;
}

/** A contact row as it would be stored, plus the name of the account to link it to. */
export interface ContactRow {
  first_name: string;
  last_name: string | null;
  email: string | null;
  phone: string | null;
  job_title: string | null;
  tags: string[];
  /** The "Company"/"Account" cell: links to an existing account of that name. */
  account: string | null;
  custom_fields: Record<string, CustomFieldValue>;
}

/** A live custom field of the import's record type, as the rows are checked against it. */
export type ImportFieldDefinition = Pick<CustomFieldDefinition, 'key' | 'label' | 'type' | 'options' | 'required'>;

export interface FieldProblem {
  field: string | null;
  message: string;
}

export type RowCheck<T> = { ok: true; values: T } | { ok: false; problems: FieldProblem[] };

/**
 * A cell as typed: trimmed, and with the apostrophe our own CSV exports put before a leading
 * = + - @ (against spreadsheet formulas) taken off again, so an export imports back as it was.
 */
export function readCell(value: string | undefined): string {
  const trimmed = (value ?? '').trim();
  return /^'[=+\-@\t\r]/.test(trimmed) ? trimmed.slice(1) : trimmed;
}

/** Tags in one cell, separated by `;` or `,`. */
export const splitTags = (cell: string): string[] =>
  cell
    .split(/[;,]/)
    .map((t) => t.trim())
    .filter((t) => t !== '');

/** Mapped cells as a plain object keyed by field (an unmapped field is absent, an empty cell ""). */
function fieldsOf(record: CsvRecord, mapping: Record<string, string>): Map<string, string> {
  const fields = new Map<string, string>();
  for (const [header, field] of Object.entries(mapping)) fields.set(field, readCell(record[header]));
  return fields;
}

/**
 * The mapped `cf.<key>` cells read and checked with each field's type and options (the API's
 * rules and messages, named `custom_fields.<key>`); a required field needs a value, as on
 * `POST`. User ids are checked for existence by the batch (it needs the database).
 */
export function checkCustomFieldCells(record: CsvRecord, mapping: Record<string, string>, defs: ImportFieldDefinition[]): RowCheck<Record<string, CustomFieldValue>> {
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const values: Record<string, CustomFieldValue> = {};
  const problems: FieldProblem[] = [];
  for (const [header, field] of Object.entries(mapping)) {
    const key = customFieldKeyOf(field);
    if (key === null) continue;
    const def = byKey.get(key);
    const cell = readCell(record[header]);
    if (!def) {
      if (cell !== '') problems.push({ field: `custom_fields.${key}`, message: `custom_fields.${key} is not a custom field of this record type` });
      continue;
    }
    const checked = readCustomFieldCell(def, cell);
    if (!checked.ok) problems.push({ field: `custom_fields.${key}`, message: checked.error });
    else if (checked.value !== null) values[key] = checked.value;
  }
  for (const def of defs) {
    if (def.required && values[def.key] === undefined && !problems.some((p) => p.field === `custom_fields.${def.key}`)) {
      problems.push({ field: `custom_fields.${def.key}`, message: `custom_fields.${def.key} is required` });
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true, values };
}

/** A record's problems and its custom fields' together (a row is refused for either). */
function withCustomFields<T>(result: RowCheck<Omit<T, 'custom_fields'>>, custom: RowCheck<Record<string, CustomFieldValue>>): RowCheck<T> {
  if (result.ok && custom.ok) return { ok: true, values: { ...result.values, custom_fields: custom.values } as T };
  return { ok: false, problems: [...(result.ok ? [] : result.problems), ...(custom.ok ? [] : custom.problems)] };
}

/** Validates with the record API's own DTO (same rules, same messages); returns its normalized values. */
function check<T extends object>(dto: ClassConstructor<T>, plain: Record<string, unknown>): RowCheck<T> {
  const instance = plainToInstance(dto, plain);
  const errors = validateSync(instance, { forbidUnknownValues: false });
  if (errors.length === 0) return { ok: true, values: instance };
  return { ok: false, problems: flattenValidationErrors(errors).map((e) => ({ field: e.field, message: e.errors.join('; ') })) };
}

const orNull = (value: string | undefined): string | null => (value === undefined || value === '' ? null : value);

/** One CSV record as an account, checked like `POST /accounts` (name required; phone; website; domain). */
export function checkAccountRow(record: CsvRecord, mapping: Record<string, string>, defs: ImportFieldDefinition[] = []): RowCheck<AccountRow> {
  return withCustomFields<AccountRow>(checkAccountFields(record, mapping), checkCustomFieldCells(record, mapping, defs));
}

function checkAccountFields(record: CsvRecord, mapping: Record<string, string>): RowCheck<Omit<AccountRow, 'custom_fields'>> {
  const cells = fieldsOf(record, mapping);
  const plain: Record<string, unknown> = { name: cells.get('name') ?? '' };
  for (const field of ['industry', 'address', 'phone', 'website', 'domain'] as const) if (cells.has(field)) plain[field] = cells.get(field);
  const result = check(CreateAccountDto, plain);
  if (!result.ok) return result;
  const v = result.values;
  return { ok: true, values: { name: v.name, industry: v.industry ?? null, address: v.address ?? null, phone: v.phone ?? null, website: v.website ?? null, domain: v.domain ?? null } };
}

/**
 * One CSV record as a contact, checked like `POST /contacts` (first_name required; a valid email
 * or none; phone; tags). A full-name column fills first and last name where those are empty:
 * "Ada King Lovelace" -> first "Ada", last "King Lovelace".
 */
export function checkContactRow(record: CsvRecord, mapping: Record<string, string>, defs: ImportFieldDefinition[] = []): RowCheck<ContactRow> {
  return withCustomFields<ContactRow>(checkContactFields(record, mapping), checkCustomFieldCells(record, mapping, defs));
}

function checkContactFields(record: CsvRecord, mapping: Record<string, string>): RowCheck<Omit<ContactRow, 'custom_fields'>> {
  const cells = fieldsOf(record, mapping);
  let first = cells.get('first_name') ?? '';
  let last = cells.get('last_name');
  const full = cells.get('full_name');
  if (full) {
    const [given, ...rest] = full.split(/\s+/);
    if (first === '') first = given;
    if (!last && rest.length) last = rest.join(' ');
  }
  const plain: Record<string, unknown> = { first_name: first };
  if (last !== undefined) plain['last_name'] = last;
  for (const field of ['email', 'phone', 'job_title'] as const) if (cells.has(field)) plain[field] = cells.get(field);
  if (cells.has('tags')) plain['tags'] = splitTags(cells.get('tags') as string);
  const result = check(CreateContactDto, plain);
  if (!result.ok) return result;
  const v = result.values;
  return {
    ok: true,
    values: {
      first_name: v.first_name,
      last_name: v.last_name ?? null,
      email: v.email ?? null,
      phone: v.phone ?? null,
      job_title: v.job_title ?? null,
      tags: v.tags ?? [],
      account: orNull(cells.get('account')),
    },
  };
}

/** One CSV record checked as a record of the import's kind, with its custom field columns. */
export function checkRow(kind: 'accounts' | 'contacts', record: CsvRecord, mapping: Record<string, string>, defs: ImportFieldDefinition[] = []): RowCheck<AccountRow | ContactRow> {
  return kind === 'accounts' ? checkAccountRow(record, mapping, defs) : checkContactRow(record, mapping, defs);
}

/** Row number of the n-th record (1-based) as a spreadsheet shows it: the header is row 1. */
export const rowNumber = (recordIndex: number) => recordIndex + 1;
