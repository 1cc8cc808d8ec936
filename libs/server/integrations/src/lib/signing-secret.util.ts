import { randomBytes } from 'node:crypto';

/** Standard Webhooks secrets are `whsec_` + base64 of the key bytes. */
export const SIGNING_SECRET_PREFIX = 'whsec_';
const SECRET_BYTES = 32;

/** A new signing secret: `whsec_` + base64 of 32 random bytes. */
export function newSigningSecret(): string {
  return SIGNING_SECRET_PREFIX + randomBytes(SECRET_BYTES).toString('base64');
}

/** The HMAC key of a `whsec_` secret (the base64-decoded part after the prefix). */
export function signingKeyOf(secret: string): Buffer {
  if (!secret.startsWith(SIGNING_SECRET_PREFIX)) throw new Error('A signing secret starts with whsec_');
  const key = Buffer.from(secret.slice(SIGNING_SECRET_PREFIX.length), 'base64');
  if (key.length === 0) throw new Error('A signing secret has key bytes after whsec_');
  return key;
}
