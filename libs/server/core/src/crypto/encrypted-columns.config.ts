/**
 * The one list of columns encrypted at rest with FieldCipher (table -> columns). It drives the
 * entity subscriber (encrypt on insert/update, decrypt on load), the explicit helpers used by
 * raw-SQL paths (EncryptedFields), the key-rotation job and `npm run keys:status`.
 *
 * Every value is bound to its row: AAD = fieldAad(table, organization_id, id, column), so a
 * table registered here needs `organization_id` and `id` columns.
 *
 * Registering a table whose owner already encrypts and decrypts its own secrets (with
 * FieldCipher and that same AAD) is one line in this file, so the worker re-encrypts them to
 * the newest key and keys:status counts them; `ownerManaged` keeps the subscriber's hands off:
 *
 *   registerEncryptedColumn({ table: 'integrations', column: 'signing_secret', ownerManaged: true });
 *
 * Tables or columns missing at run time are skipped by the job.
 */
export interface EncryptedColumn {
  table: string;
  column: string;
  /** Encrypted only on rows where this boolean column is true (e.g. notes.is_private). */
  onlyWhen?: string;
  /** A keyed blind index (HMAC) of the normalized value, for equality lookups. */
  blindIndex?: { column: string; purpose: string };
  /** The owning module encrypts and decrypts the value itself; only rotation and status use this entry. */
  ownerManaged?: boolean;
}

const registry: EncryptedColumn[] = [];
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

export function registerEncryptedColumn(spec: EncryptedColumn): void {
  for (const name of [spec.table, spec.column, spec.onlyWhen, spec.blindIndex?.column]) {
    if (name !== undefined && !IDENTIFIER.test(name)) throw new Error(`Encrypted column: "${name}" is not a plain SQL identifier`);
  }
  if (registry.some((c) => c.table === spec.table && c.column === spec.column)) return;
  registry.push(Object.freeze({ ...spec }));
}

/** Every registered column, in registration order. */
export const encryptedColumns = (): readonly EncryptedColumn[] => registry;

/** The registered columns of one table (none: []). */
export const encryptedColumnsOf = (table: string): EncryptedColumn[] => registry.filter((c) => c.table === table);

/** Blind-indexed values are compared trimmed and lower-cased (emails). */
export const normalizeForIndex = (value: string): string => value.trim().toLowerCase();

// Contact details are personal data; an email is found again through its blind index.
registerEncryptedColumn({ table: 'contacts', column: 'email', blindIndex: { column: 'email_hash', purpose: 'contacts.email' } });
registerEncryptedColumn({ table: 'contacts', column: 'phone' });
// What an erasure needs of a deleted contact (see the personal-data-copies migration); same index purpose as contacts.email.
registerEncryptedColumn({ table: 'deleted_contacts', column: 'email', blindIndex: { column: 'email_hash', purpose: 'contacts.email' } });
registerEncryptedColumn({ table: 'deleted_contacts', column: 'phone' });
registerEncryptedColumn({ table: 'deleted_contacts', column: 'full_name' });
// A private note is read by its author and admins only; its text is encrypted too.
registerEncryptedColumn({ table: 'notes', column: 'body', onlyWhen: 'is_private' });
// Logged emails (email-log): the bodies are encrypted; the inbound webhook's signing secret is the module's own.
registerEncryptedColumn({ table: 'logged_emails', column: 'body_text' });
registerEncryptedColumn({ table: 'logged_emails', column: 'body_html' });
registerEncryptedColumn({ table: 'email_inboxes', column: 'signing_secret', ownerManaged: true });
// Signing and client secrets: their modules encrypt and decrypt them; the job rotates them.
registerEncryptedColumn({ table: 'integrations', column: 'signing_secret', ownerManaged: true });
registerEncryptedColumn({ table: 'integrations', column: 'previous_signing_secret', ownerManaged: true });
registerEncryptedColumn({ table: 'webhook_subscriptions', column: 'secret', ownerManaged: true });
registerEncryptedColumn({ table: 'webhook_subscriptions', column: 'previous_secret', ownerManaged: true });
registerEncryptedColumn({ table: 'sso_configs', column: 'client_secret', ownerManaged: true });
// Connected accounting (billing, accounting-tokens.store.ts): the OAuth client secret and the tokens.
registerEncryptedColumn({ table: 'accounting_connections', column: 'client_secret', ownerManaged: true });
registerEncryptedColumn({ table: 'accounting_connections', column: 'access_token', ownerManaged: true });
registerEncryptedColumn({ table: 'accounting_connections', column: 'refresh_token', ownerManaged: true });
// Copies the event and webhook machinery keeps (sealed-columns.cipher.ts): event payloads, webhook
// bodies (one per subscription) and what receivers answered (a receiver may echo the body).
registerEncryptedColumn({ table: 'outbox_events', column: 'payload', ownerManaged: true });
registerEncryptedColumn({ table: 'webhook_deliveries', column: 'body', ownerManaged: true });
registerEncryptedColumn({ table: 'webhook_delivery_attempts', column: 'response_excerpt', ownerManaged: true });
