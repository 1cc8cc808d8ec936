import type { AccountDto, ContactDto } from '@clockwork/shared-dto';
import type { AccountRow, ContactRow } from './import-row.validator';

/** A record as the import will store it (the wire DTO without its timestamps). */
export type AccountDraft = Omit<AccountDto, 'created_at' | 'updated_at'>;
export type ContactDraft = Omit<ContactDto, 'created_at' | 'updated_at'>;

export interface RowOf<T> {
  /** Row number as a spreadsheet shows it (header = 1). */
  row: number;
  values: T;
}

/** What one batch does: records to insert, existing records to change, and each row's fate. */
export interface BatchPlan<D extends { id: string }> {
  creates: D[];
  /** Existing records whose empty fields the batch fills (only those that actually change). */
  updates: { before: D; after: D }[];
  outcomes: { row: number; action: 'create' | 'update'; id: string }[];
  /** Every record the batch ends with (new, changed or merely matched), as it will be stored. */
  records: D[];
}

const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/**
 * Copies each non-empty incoming value into a field the target has empty (nothing is
 * overwritten); custom fields likewise, key by key.
 */
function fillEmpty<D extends { custom_fields: Record<string, unknown> }>(target: D, incoming: Partial<D>): void {
  for (const [key, value] of Object.entries(incoming) as [keyof D, D[keyof D]][]) {
    if (key === 'custom_fields') continue;
    if (isEmpty(target[key]) && !isEmpty(value)) target[key] = value;
  }
  const custom = Object.entries(incoming.custom_fields ?? {}).filter(([key, value]) => isEmpty(target.custom_fields[key]) && !isEmpty(value));
  if (custom.length) target.custom_fields = { ...target.custom_fields, ...Object.fromEntries(custom) };
}

const changed = (before: object, after: object) => JSON.stringify(before) !== JSON.stringify(after);

/** Tracks the batch's records: new drafts and (copies of) the existing records rows merged into. */
class Targets<D extends { id: string }> {
  readonly creates: D[] = [];
  private readonly touched = new Map<string, { before: D; after: D }>();

  /** The record to merge into: a new draft as is, an existing one as a copy (its `before` kept). */
  use(record: D, existing: boolean): D {
    if (!existing) return record;
    let entry = this.touched.get(record.id);
    if (!entry) {
      entry = { before: record, after: structuredClone(record) };
      this.touched.set(record.id, entry);
    }
    return entry.after;
  }

  updates(): { before: D; after: D }[] {
    return [...this.touched.values()].filter((u) => changed(u.before, u.after));
  }

  all(): D[] {
    return [...this.creates, ...[...this.touched.values()].map((u) => u.after)];
  }
}

/**
 * Accounts: a row joins the account of the same domain (case-insensitive), else of the same name
 * when one of the two has no domain; existing accounts come first in `existing` (oldest first),
 * then accounts made by earlier rows of the batch. Otherwise the row makes a new account.
 */
export function planAccounts(rows: RowOf<AccountRow>[], existing: AccountDraft[], newId: () => string, ownerId: string | null): BatchPlan<AccountDraft> {
  const targets = new Targets<AccountDraft>();
  const known = new Set(existing.map((a) => a.id));
  const byDomain = new Map<string, AccountDraft>();
  const byName = new Map<string, AccountDraft[]>();
  const remember = (a: AccountDraft) => {
    if (a.domain && !byDomain.has(a.domain.toLowerCase())) byDomain.set(a.domain.toLowerCase(), a);
    const name = a.name.toLowerCase();
    const list = byName.get(name) ?? [];
    if (!list.includes(a)) list.push(a);
    byName.set(name, list);
  };
  existing.forEach(remember);
  const outcomes: BatchPlan<AccountDraft>['outcomes'] = [];
  for (const { row, values } of rows) {
    const domain = values.domain?.toLowerCase() ?? null;
    const match =
      (domain ? byDomain.get(domain) : undefined) ??
      byName.get(values.name.toLowerCase())?.find((a) => !a.domain || !domain);
    if (match) {
      const target = targets.use(match, known.has(match.id));
      fillEmpty(target, values);
      // The merged copy now stands for the record in the lookups.
      if (target !== match) replace(byDomain, byName, match, target);
      remember(target);
      outcomes.push({ row, action: 'update', id: target.id });
    } else {
      const draft: AccountDraft = { id: newId(), ...values, primary_contact_id: null, owner_id: ownerId, metadata: {}, version: 1 };
      targets.creates.push(draft);
      remember(draft);
      outcomes.push({ row, action: 'create', id: draft.id });
    }
  }
  return { creates: targets.creates, updates: targets.updates(), outcomes, records: targets.all() };
}

function replace(byDomain: Map<string, AccountDraft>, byName: Map<string, AccountDraft[]>, old: AccountDraft, now: AccountDraft): void {
  for (const [k, v] of byDomain) if (v === old) byDomain.set(k, now);
  for (const list of byName.values()) {
    const i = list.indexOf(old);
    if (i >= 0) list[i] = now;
  }
}

export interface AccountLinks {
  /** lower(name) -> account id (the oldest account of that name). */
  byName: Map<string, string>;
  /** lower(domain) -> account id. */
  byDomain: Map<string, string>;
}

export const emailDomain = (email: string | null): string | null => (email && email.includes('@') ? email.slice(email.lastIndexOf('@') + 1).toLowerCase() : null);

/** The account a contact row links to: by the account column's name, failing that by its email's domain. */
export function linkAccount(values: ContactRow, links: AccountLinks): string | null {
  const byName = values.account ? links.byName.get(values.account.toLowerCase()) : undefined;
  if (byName) return byName;
  const domain = emailDomain(values.email);
  return (domain && links.byDomain.get(domain)) || null;
}

/**
 * Contacts: a row with an email joins the contact of that email (existing ones oldest first, or
 * an earlier row of the batch); rows without an email always make a new contact. Links to
 * accounts only ever point at existing accounts (the import creates none).
 */
export function planContacts(rows: RowOf<ContactRow>[], existing: ContactDraft[], links: AccountLinks, newId: () => string, ownerId: string | null): BatchPlan<ContactDraft> {
  const targets = new Targets<ContactDraft>();
  const known = new Set(existing.map((c) => c.id));
  const byEmail = new Map<string, ContactDraft>();
  for (const c of existing) if (c.email && !byEmail.has(c.email.toLowerCase())) byEmail.set(c.email.toLowerCase(), c);
  const outcomes: BatchPlan<ContactDraft>['outcomes'] = [];
  for (const { row, values } of rows) {
    const { account: _account, ...fields } = values;
    const incoming: Partial<ContactDraft> = { ...fields, account_id: linkAccount(values, links) };
    const key = values.email?.toLowerCase();
    const match = key ? byEmail.get(key) : undefined;
    if (match) {
      const target = targets.use(match, known.has(match.id));
      fillEmpty(target, incoming);
      if (key) byEmail.set(key, target);
      outcomes.push({ row, action: 'update', id: target.id });
    } else {
      const draft: ContactDraft = { id: newId(), account_id: null, first_name: '', last_name: null, email: null, phone: null, job_title: null, owner_id: ownerId, tags: [], metadata: {}, custom_fields: {}, version: 1, ...incoming };
      targets.creates.push(draft);
      if (key) byEmail.set(key, draft);
      outcomes.push({ row, action: 'create', id: draft.id });
    }
  }
  return { creates: targets.creates, updates: targets.updates(), outcomes, records: targets.all() };
}
