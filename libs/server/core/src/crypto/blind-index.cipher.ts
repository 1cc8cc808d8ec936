import { createHash, createHmac, hkdfSync } from 'node:crypto';
import { Env } from '../config/environment.config';
import { parseKeys } from './field.cipher';

/** Keys derived per organization (and purpose) kept in memory; far more than a deployment has tenants. */
const MAX_CACHED_KEYS = 10_000;

/**
 * The master key of blind indexes: BLIND_INDEX_KEY (base64, ≥ 32 bytes) when set; otherwise
 * (development and test only: production refuses to boot without it) one derived with HKDF from
 * the last ENCRYPTION_KEYS key under a label of its own, so it is never the encryption key itself.
 */
export function blindIndexMaster(env: Pick<Env, 'BLIND_INDEX_KEY' | 'ENCRYPTION_KEYS'>): Buffer {
  if (env.BLIND_INDEX_KEY) return Buffer.from(env.BLIND_INDEX_KEY, 'base64');
  const last = parseKeys(env.ENCRYPTION_KEYS).at(-1)?.key as Buffer;
  return Buffer.from(hkdfSync('sha256', last, Buffer.alloc(0), 'clockwork development blind-index master', 32));
}

/**
 * Keyed blind indexes (HMAC-SHA256) for equality lookups on encrypted values. Each organization
 * (and each purpose) has a key of its own, derived with HKDF from the master key, so one address
 * hashes differently in two tenants and an index copied across tenants matches nothing.
 * An index is `<key id>:<base64url HMAC>`; the key id is a fingerprint of the master key (it
 * reveals nothing of it), so the key-rotation job finds indexes made under another master (or the
 * older scheme keyed by the last ENCRYPTION_KEYS key, `<kid>:...`) and computes them again.
 */
export class BlindIndexKey {
  readonly keyId: string;
  private readonly master: Buffer;
  private readonly derived = new Map<string, Buffer>();

  constructor(env: Pick<Env, 'BLIND_INDEX_KEY' | 'ENCRYPTION_KEYS'>) {
    this.master = blindIndexMaster(env);
    const fingerprint = createHash('sha256').update(Buffer.from(hkdfSync('sha256', this.master, Buffer.alloc(0), 'clockwork blind-index key id', 32))).digest('hex');
    this.keyId = `bi-${fingerprint.slice(0, 12)}`;
  }

  /** `<key id>:<HMAC>` of the (already normalized) value, under the organization's key for this purpose. */
  index(organizationId: string, purpose: string, value: string): string {
    return `${this.keyId}:${createHmac('sha256', this.keyOf(organizationId, purpose)).update(value, 'utf8').digest('base64url')}`;
  }

  private keyOf(organizationId: string, purpose: string): Buffer {
    const id = `${organizationId.toLowerCase()}\u0000${purpose}`;
    let key = this.derived.get(id);
    if (!key) {
      key = Buffer.from(hkdfSync('sha256', this.master, Buffer.from(organizationId.toLowerCase(), 'utf8'), `clockwork blind index v2\u0000${purpose}`, 32));
      if (this.derived.size >= MAX_CACHED_KEYS) this.derived.clear();
      this.derived.set(id, key);
    }
    return key;
  }
}
