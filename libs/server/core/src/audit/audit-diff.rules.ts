/** Fields never copied into the audit log (secrets and bookkeeping). */
const SKIPPED = new Set(['passwordHash', 'tokenHash', 'keyHash', 'updatedAt', 'createdAt', 'updated_at', 'created_at', 'version', 'organizationId', 'organization_id']);

type Plain = Record<string, unknown>;

/** Stands for a value stored encrypted (FieldCipher): the log records that it changed, not what to. */
export const ENCRYPTED_VALUE = '[encrypted]';

/** Per audited object type, the fields kept encrypted at rest (libs/server/core/src/crypto/encrypted-columns.config.ts). */
export const ENCRYPTED_AUDIT_FIELDS: Record<string, readonly string[]> = { contact: ['email', 'phone'] };

const normalize = (v: unknown): unknown => (v instanceof Date ? v.toISOString() : v === undefined ? null : v);
const same = (a: unknown, b: unknown) => JSON.stringify(normalize(a)) === JSON.stringify(normalize(b));

/**
 * The audit `changes` of a write: `{ field: { from, to } }` for every field that differs
 * (created records have from = null, deleted ones to = null). Secrets are never included; the
 * `encrypted` fields show as ENCRYPTED_VALUE, so the log holds no plain copy of them.
 */
export function auditDiff(before: Plain | null, after: Plain | null, encrypted: readonly string[] = []): Record<string, { from: unknown; to: unknown }> {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of keys) {
    if (SKIPPED.has(key)) continue;
    const from = before ? before[key] : null;
    const to = after ? after[key] : null;
    if (same(from, to)) continue;
    const shown = (v: unknown) => (encrypted.includes(key) && v !== null && v !== undefined ? ENCRYPTED_VALUE : normalize(v));
    changes[key] = { from: shown(from), to: shown(to) };
  }
  return changes;
}

/** Whether auditDiff records changes of this field (secrets and bookkeeping are left out). */
export function isAuditedField(key: string): boolean {
  return !SKIPPED.has(key);
}
