import { randomBytes } from 'node:crypto';
import { Env } from '../config/environment.config';
import { DecryptionError, FieldCipher, fieldAad } from './field.cipher';

const key = () => randomBytes(32).toString('base64');
const cipherWith = (spec: string) => new FieldCipher(Object.assign(new Env(), { ENCRYPTION_KEYS: spec }));

describe('FieldCipher', () => {
  const k1 = `k1:${key()}`;
  const k2 = `k2:${key()}`;
  const aad = fieldAad('integrations', 'org-1', 'row-1', 'signing_secret');

  it('round-trips, with a fresh IV each time and the key id in the ciphertext', () => {
    const cipher = cipherWith(k1);
    const a = cipher.encrypt('whsec_secret', aad);
    const b = cipher.encrypt('whsec_secret', aad);
    expect(a).not.toEqual(b);
    expect(a).toMatch(/^enc:v1:k1:/);
    expect(a).not.toContain('whsec_secret');
    expect(cipher.decrypt(a, aad)).toBe('whsec_secret');
  });

  it('refuses a tampered ciphertext and one moved to another row', () => {
    const cipher = cipherWith(k1);
    const value = cipher.encrypt('secret', aad);
    const raw = Buffer.from(value.split(':')[3], 'base64');
    raw[raw.length - 1] ^= 1;
    const tampered = `enc:v1:k1:${raw.toString('base64')}`;
    expect(() => cipher.decrypt(tampered, aad)).toThrow(DecryptionError);
    expect(() => cipher.decrypt(value, fieldAad('integrations', 'org-1', 'row-2', 'signing_secret'))).toThrow(/another row/);
    expect(() => cipher.decrypt('plain', aad)).toThrow(/not a ciphertext/);
  });

  it('decrypts with older keys and re-encrypts with the first', () => {
    const old = cipherWith(k1).encrypt('secret', aad);
    const rotated = cipherWith(`${k2},${k1}`);
    expect(rotated.needsRotation(old)).toBe(true);
    const fresh = rotated.reencrypt(old, aad);
    expect(fresh).toMatch(/^enc:v1:k2:/);
    expect(rotated.needsRotation(fresh)).toBe(false);
    expect(rotated.decrypt(fresh, aad)).toBe('secret');
    expect(() => cipherWith(k2).decrypt(old, aad)).toThrow(/unknown key id "k1"/);
  });

  it('encrypts bytes bound to their row, decrypting with older keys', () => {
    const data = Buffer.from('email,phone\nada@x.test,+44 20 7946\n\xff\x00', 'latin1');
    const stored = cipherWith(k1).encryptBytes(data, aad);
    expect(FieldCipher.isCiphertextBytes(stored)).toBe(true);
    expect(FieldCipher.isCiphertextBytes(data)).toBe(false);
    expect(stored.includes(Buffer.from('ada@x.test'))).toBe(false);
    expect(cipherWith(`${k2},${k1}`).decryptBytes(stored, aad).equals(data)).toBe(true);
    expect(() => cipherWith(k1).decryptBytes(stored, fieldAad('integrations', 'org-1', 'row-2', 'signing_secret'))).toThrow(/another row/);
    const tampered = Buffer.from(stored);
    tampered[tampered.length - 1] ^= 1;
    expect(() => cipherWith(k1).decryptBytes(tampered, aad)).toThrow(DecryptionError);
    expect(() => cipherWith(k1).decryptBytes(data, aad)).toThrow(/not a ciphertext/);
  });
});
