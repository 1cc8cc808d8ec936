import { flattenValidationErrors } from '@clockwork/server-core';
import { CreateAccountDto, CreateContactDto } from '@clockwork/shared-dto';
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
}

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

/** Validates with the record API's own DTO (same rules, same messages); returns its normalized values. */
function check<T extends object>(dto: ClassConstructor<T>, plain: Record<string, unknown>): RowCheck<T> {
  const instance = plainToInstance(dto, plain);
  const errors = validateSync(instance, { forbidUnknownValues: false });
  if (errors.length === 0) return { ok: true, values: instance };
  return { ok: false, problems: flattenValidationErrors(errors).map((e) => ({ field: e.field, message: e.errors.join('; ') })) };
}

const orNull = (value: string | undefined): string | null => (value === undefined || value === '' ? null : value);

/** One CSV record as an account, checked like `POST /accounts` (name required; phone; website; domain). */
export function checkAccountRow(record: CsvRecord, mapping: Record<string, string>): RowCheck<AccountRow> {
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
export function checkContactRow(record: CsvRecord, mapping: Record<string, string>): RowCheck<ContactRow> {
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

/** One CSV record checked as a record of the import's kind. */
export function checkRow(kind: 'accounts' | 'contacts', record: CsvRecord, mapping: Record<string, string>): RowCheck<AccountRow | ContactRow> {
  return kind === 'accounts' ? checkAccountRow(record, mapping) : checkContactRow(record, mapping);
}

/** Row number of the n-th record (1-based) as a spreadsheet shows it: the header is row 1. */
export const rowNumber = (recordIndex: number) => recordIndex + 1;
