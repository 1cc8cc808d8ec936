import { randomBytes } from 'node:crypto';
import type { EntityMetadata } from 'typeorm';
import { Env } from '../config/environment.config';
import { registerEncryptedColumn } from './encrypted-columns.config';
import { EncryptedFields, UndecryptableFieldError } from './encrypted-fields.cipher';
import { FieldCipher } from './field.cipher';

const key = () => randomBytes(32).toString('base64');
const K1 = `k1:${key()}`;
const K2 = `k2:${key()}`;
const fieldsWith = (spec: string) => {
  const env = Object.assign(new Env(), { ENCRYPTION_KEYS: spec });
  return new EncryptedFields(new FieldCipher(env), env);
};
/** Just the entity metadata EncryptedFields reads: the table and column -> property. */
const metadataOf = (table: string, columns: Record<string, string>) =>
  ({ tableName: table, findColumnWithDatabaseName: (c: string) => (columns[c] ? { propertyName: columns[c] } : undefined) }) as unknown as EntityMetadata;
const CONTACT = metadataOf('contacts', { organization_id: 'organizationId', id: 'id', email: 'email', email_hash: 'emailHash', phone: 'phone', first_name: 'firstName' });
const NOTE = metadataOf('notes', { organization_id: 'organizationId', id: 'id', body: 'body', is_private: 'isPrivate' });

describe('EncryptedFields', () => {
  const fields = fieldsWith(K1);
  const row = { organization_id: 'o1', id: 'c1', first_name: 'Ada', email: 'ada@engines.test', phone: '+44 20' };

  it('encrypts the registered columns of a row, bound to it, with a blind index of the email', () => {
    const stored = fields.encryptRow('contacts', row);
    expect(stored.email).toMatch(/^enc:v1:k1:/);
    expect(stored.phone).toMatch(/^enc:v1:k1:/);
    expect(stored.first_name).toBe('Ada');
    expect(JSON.stringify(stored)).not.toContain('ada@engines.test');
    expect((stored as Record<string, unknown>)['email_hash']).toBe(fields.lookupIndex('contacts', 'email', 'o1', '  ADA@Engines.test '));
    expect(fields.lookupIndex('contacts', 'email', 'o1', 'ada@engines.test')).toMatch(new RegExp(`^${fields.indexKeyId}:`));
    expect(fields.decryptRow('contacts', stored)).toMatchObject(row);
  });

  it('reads values from before encryption as they are, and fails closed on a tampered or moved ciphertext', () => {
    expect(fields.decryptRow('contacts', row)).toEqual(row);
    const stored = fields.encryptRow('contacts', row);
    expect(() => fields.decryptRow('contacts', { ...stored, id: 'c2' })).toThrow(UndecryptableFieldError);
    const raw = Buffer.from(stored.email.split(':')[3], 'base64');
    raw[20] ^= 1;
    expect(() => fields.decryptRow('contacts', { ...stored, email: `enc:v1:k1:${raw.toString('base64')}` })).toThrow('A stored value could not be decrypted; the error was logged');
    expect(() => fieldsWith(K2).decryptRow('contacts', stored)).toThrow(UndecryptableFieldError);
  });

  it('encrypts a note body only while the note is private', () => {
    const note = { organization_id: 'o1', id: 'n1', body: 'secret plan' };
    expect(fields.encryptRow('notes', { ...note, is_private: false }).body).toBe('secret plan');
    expect(fields.encryptRow('notes', { ...note, is_private: true }).body).toMatch(/^enc:v1:k1:/);
  });

  it('prepares UPDATE values with the row identity, writing the body again when is_private changes', () => {
    const identity = { organizationId: 'o1', id: 'n1' };
    const goesPrivate: Record<string, unknown> = fields.forUpdate(NOTE, identity, { isPrivate: true }, { body: 'secret plan', isPrivate: false });
    expect(goesPrivate).toMatchObject({ isPrivate: true, body: expect.stringMatching(/^enc:v1:k1:/) });
    expect(fields.decryptRow('notes', { organization_id: 'o1', id: 'n1', body: goesPrivate.body as string }).body).toBe('secret plan');
    expect(fields.forUpdate(NOTE, identity, { isPrivate: false }, { body: 'secret plan', isPrivate: true })).toEqual({ isPrivate: false, body: 'secret plan' });
    expect(fields.forUpdate(NOTE, identity, { body: 'new text' }, { body: 'old', isPrivate: true }).body).toMatch(/^enc:v1:/);
    expect(() => fields.forUpdate(NOTE, identity, { isPrivate: true })).toThrow(/needs the current row/);
    const cleared = fields.forUpdate(CONTACT, { organizationId: 'o1', id: 'c1' }, { email: null, firstName: 'Ada' });
    expect(cleared).toEqual({ email: null, emailHash: null, firstName: 'Ada' });
    expect(fields.forUpdate(CONTACT, { organizationId: 'o1', id: 'c1' }, { phone: '+1 555' }).phone).toMatch(/^enc:v1:k1:/);
  });

  it('keys blind indexes per organization from BLIND_INDEX_KEY, not from the encryption keys', () => {
    const indexKey = key();
    const withIndexKey = (spec: string, blind: string) => {
      const env = Object.assign(new Env(), { ENCRYPTION_KEYS: spec, BLIND_INDEX_KEY: blind });
      return new EncryptedFields(new FieldCipher(env), env);
    };
    const a = withIndexKey(K1, indexKey);
    // One address, two organizations: two indexes; the same organization: the same one.
    expect(a.lookupIndex('contacts', 'email', 'org-a', 'a@b.test')).not.toBe(a.lookupIndex('contacts', 'email', 'org-b', 'a@b.test'));
    expect(a.lookupIndex('contacts', 'email', 'org-a', 'a@b.test')).toBe(a.lookupIndex('contacts', 'email', 'org-a', ' A@B.test'));
    // Rotating the encryption keys leaves the indexes alone; another BLIND_INDEX_KEY changes them and their key id.
    const rotated = withIndexKey(`${K2},${K1}`, indexKey);
    expect(rotated.currentKeyId).toBe('k2');
    expect(rotated.indexKeyId).toBe(a.indexKeyId);
    expect(rotated.lookupIndex('contacts', 'email', 'org-a', 'a@b.test')).toBe(a.lookupIndex('contacts', 'email', 'org-a', 'a@b.test'));
    const other = withIndexKey(K1, key());
    expect(other.indexKeyId).not.toBe(a.indexKeyId);
    expect(other.lookupIndex('contacts', 'email', 'org-a', 'a@b.test').split(':')[1]).not.toBe(a.lookupIndex('contacts', 'email', 'org-a', 'a@b.test').split(':')[1]);
    // Without BLIND_INDEX_KEY (development) the key is derived, never the encryption key itself.
    expect(fields.indexKeyId).toMatch(/^bi-[0-9a-f]{12}$/);
    expect(fields.indexKeyId).not.toBe(a.indexKeyId);
    expect(() => fields.lookupIndex('contacts', 'phone', 'org-a', '1')).toThrow(/no blind index/);
  });

  it('leaves columns managed by their owner alone, and refuses names that are not identifiers', () => {
    registerEncryptedColumn({ table: 'vaults', column: 'secret', ownerManaged: true });
    const vault = { organization_id: 'o1', id: 'v1', secret: 'whsec_x' };
    expect(fields.encryptRow('vaults', vault)).toEqual(vault);
    expect(() => registerEncryptedColumn({ table: 'x; drop', column: 'y' })).toThrow(/not a plain SQL identifier/);
  });
});
