import { UnsafeStorageKeyError } from './storage.errors';

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A key is 1..8 `/`-separated segments of letters, digits, `_` and `-` (starting with a letter
 * or digit): no `.`/`..`, no leading or doubled `/`, no backslash, NUL or other path syntax.
 */
export function assertSafeKey(key: string): string {
  const segments = typeof key === 'string' ? key.split('/') : [];
  if (segments.length < 1 || segments.length > 8 || !segments.every((s) => SEGMENT.test(s))) throw new UnsafeStorageKeyError(String(key));
  return key;
}

/** `<organization_id>/<attachment_id>`: only ids the application generated, nothing the client sent. */
export function attachmentKey(organizationId: string, attachmentId: string): string {
  if (!UUID.test(organizationId) || !UUID.test(attachmentId)) throw new UnsafeStorageKeyError(`${organizationId}/${attachmentId}`);
  return assertSafeKey(`${organizationId.toLowerCase()}/${attachmentId.toLowerCase()}`);
}
