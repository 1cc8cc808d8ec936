import { Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Env } from '../config/environment.config';

const PREFIX = 'enc:v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Raised when a ciphertext is malformed, its key is unknown, or its tag (or AAD) does not check. */
export class DecryptionError extends Error {
  constructor(reason: string) {
    super(`Cannot decrypt field: ${reason}`);
  }
}

/** The additional authenticated data binding a ciphertext to its row and column. */
export const fieldAad = (table: string, organizationId: string, id: string, column: string): string => `${table}:${organizationId}:${id}:${column}`;

export function parseKeys(spec: string): { kid: string; key: Buffer }[] {
  return spec.split(',').map((entry) => {
    const [kid, b64] = entry.trim().split(':');
    return { kid, key: Buffer.from(b64, 'base64') };
  });
}

/**
 * AES-256-GCM for sensitive fields. A ciphertext is `enc:v1:<kid>:<base64(iv | tag | data)>`:
 * a 12-byte random IV, the 16-byte tag (checked on decryption) and the key id, so keys can
 * rotate: ENCRYPTION_KEYS lists `kid:base64`, the first encrypts, all decrypt. The AAD (see
 * `fieldAad`) ties a ciphertext to its row, so a value copied to another row does not decrypt.
 */
@Injectable()
export class FieldCipher {
  private readonly keys: Map<string, Buffer>;
  private readonly current: { kid: string; key: Buffer };

  constructor(env: Env) {
    const keys = parseKeys(env.ENCRYPTION_KEYS);
    this.keys = new Map(keys.map((k) => [k.kid, k.key]));
    this.current = keys[0];
  }

  get currentKeyId(): string {
    return this.current.kid;
  }

  static isCiphertext(value: string): boolean {
    return value.startsWith(`${PREFIX}:`);
  }

  encrypt(plaintext: string, aad: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `${PREFIX}:${this.current.kid}:${Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64')}`;
  }

  decrypt(ciphertext: string, aad: string): string {
    const parts = ciphertext.split(':');
    if (parts.length !== 4 || `${parts[0]}:${parts[1]}` !== PREFIX) throw new DecryptionError('not a ciphertext');
    const key = this.keys.get(parts[2]);
    if (!key) throw new DecryptionError(`unknown key id "${parts[2]}"`);
    const raw = Buffer.from(parts[3], 'base64');
    if (raw.length < IV_BYTES + TAG_BYTES) throw new DecryptionError('truncated');
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new DecryptionError('authentication failed (tampered, or bound to another row)');
    }
  }

  /** True when the ciphertext was made with another key than the current one (re-encryption due). */
  needsRotation(ciphertext: string): boolean {
    return ciphertext.split(':')[2] !== this.current.kid;
  }

  /** Decrypts with whichever key made it and encrypts again with the current key. */
  reencrypt(ciphertext: string, aad: string): string {
    return this.encrypt(this.decrypt(ciphertext, aad), aad);
  }

  /** True when the bytes are a ciphertext of `encryptBytes` (they start with `enc:v1:`). */
  static isCiphertextBytes(value: Buffer): boolean {
    return value.subarray(0, PREFIX.length + 1).toString('latin1') === `${PREFIX}:`;
  }

  /**
   * Binary data (a piece of an uploaded file): `enc:v1:<kid>:` then iv | tag | data, as bytes
   * (no base64: the ciphertext is 32 + key id bytes longer than the data). Same key, AAD rules.
   */
  encryptBytes(data: Buffer, aad: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const body = Buffer.concat([cipher.update(data), cipher.final()]);
    return Buffer.concat([Buffer.from(`${PREFIX}:${this.current.kid}:`, 'latin1'), iv, cipher.getAuthTag(), body]);
  }

  decryptBytes(value: Buffer, aad: string): Buffer {
    if (!FieldCipher.isCiphertextBytes(value)) throw new DecryptionError('not a ciphertext');
    const kidEnd = value.indexOf(0x3a, PREFIX.length + 1);
    if (kidEnd < 0) throw new DecryptionError('not a ciphertext');
    const kid = value.subarray(PREFIX.length + 1, kidEnd).toString('latin1');
    const key = this.keys.get(kid);
    if (!key) throw new DecryptionError(`unknown key id "${kid}"`);
    const raw = value.subarray(kidEnd + 1);
    if (raw.length < IV_BYTES + TAG_BYTES) throw new DecryptionError('truncated');
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
    } catch {
      throw new DecryptionError('authentication failed (tampered, or bound to another row)');
    }
  }
}
