/** Fields never copied into the audit log (secrets and bookkeeping). */
const SKIPPED = new Set(['passwordHash', 'tokenHash', 'keyHash', 'updatedAt', 'createdAt', 'updated_at', 'created_at', 'version', 'organizationId', 'organization_id']);

type Plain = Record<string, unknown>;

const normalize = (v: unknown): unknown => (v instanceof Date ? v.toISOString() : v === undefined ? null : v);
const same = (a: unknown, b: unknown) => JSON.stringify(normalize(a)) === JSON.stringify(normalize(b));

/**
 * The audit `changes` of a write: `{ field: { from, to } }` for every field that differs
 * (created records have from = null, deleted ones to = null). Secrets are never included.
 */
export function auditDiff(before: Plain | null, after: Plain | null): Record<string, { from: unknown; to: unknown }> {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of keys) {
    if (SKIPPED.has(key)) continue;
    const from = before ? before[key] : null;
    const to = after ? after[key] : null;
    if (!same(from, to)) changes[key] = { from: normalize(from), to: normalize(to) };
  }
  return changes;
}
