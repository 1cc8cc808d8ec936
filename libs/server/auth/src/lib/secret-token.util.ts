import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** SHA-256 hex of a high-entropy secret (refresh tokens, API keys): safe to store and index. */
export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

export const randomSecret = (bytes = 32): string => randomBytes(bytes).toString('base64url');

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}
