import { randomBytes } from 'node:crypto';
import type { EntityMetadata, InsertEvent, LoadEvent, ObjectLiteral, UpdateEvent } from 'typeorm';
import { Env } from '../config/environment.config';
import { EncryptedColumnsSubscriber, encryptedColumnsSubscriber } from './encrypted-columns.subscriber';
import { EncryptedFields } from './encrypted-fields.cipher';
import { FieldCipher } from './field.cipher';

const metadataOf = (table: string, columns: Record<string, string>) =>
  ({ tableName: table, findColumnWithDatabaseName: (c: string) => (columns[c] ? { propertyName: columns[c] } : undefined) }) as unknown as EntityMetadata;
const env = Object.assign(new Env(), { ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}` });
const fields = new EncryptedFields(new FieldCipher(env), env);
const CONTACT = metadataOf('contacts', { organization_id: 'organizationId', id: 'id', email: 'email', email_hash: 'emailHash', phone: 'phone', first_name: 'firstName' });
const DEAL = metadataOf('deals', { organization_id: 'organizationId', id: 'id', name: 'name' });
const insert = (entity: ObjectLiteral, metadata = CONTACT) => ({ entity, metadata }) as unknown as InsertEvent<ObjectLiteral>;
const update = (entity: ObjectLiteral, metadata = CONTACT) => ({ entity, metadata }) as unknown as UpdateEvent<ObjectLiteral>;

describe('EncryptedColumnsSubscriber', () => {
  const subscriber = new (encryptedColumnsSubscriber(fields))();

  it('encrypts before insert, gives the entity its plain values back after, and decrypts on load', () => {
    const contact: ObjectLiteral = { organizationId: 'o1', id: 'c1', firstName: 'Ada', email: 'ada@engines.test', phone: '+44' };
    subscriber.beforeInsert(insert(contact));
    expect(contact['email']).toMatch(/^enc:v1:k1:/);
    expect(contact['phone']).toMatch(/^enc:v1:k1:/);
    expect(contact['emailHash']).toBe(fields.lookupIndex('contacts', 'email', 'o1', 'ada@engines.test'));
    const stored = { ...contact };
    subscriber.afterInsert(insert(contact));
    expect(contact).toMatchObject({ email: 'ada@engines.test', phone: '+44' });
    subscriber.afterLoad(stored, { metadata: CONTACT } as LoadEvent<ObjectLiteral>);
    expect(stored).toMatchObject({ email: 'ada@engines.test', phone: '+44', firstName: 'Ada' });
  });

  it('encrypts an update of a whole entity, and refuses a plain value written without the row identity', () => {
    const whole: ObjectLiteral = { organizationId: 'o1', id: 'c1', email: 'new@engines.test' };
    subscriber.beforeUpdate(update(whole));
    expect(whole['email']).toMatch(/^enc:v1:/);
    expect(() => subscriber.beforeUpdate(update({ email: 'plain@engines.test' }))).toThrow(/without its row identity/);
    const prepared = fields.forUpdate(CONTACT, { organizationId: 'o1', id: 'c1' }, { email: 'plain@engines.test' });
    expect(() => subscriber.beforeUpdate(update(prepared))).not.toThrow();
    expect(() => subscriber.beforeUpdate(update({ email: null, firstName: 'Ada' }))).not.toThrow();
  });

  it('ignores tables with no encrypted columns', () => {
    const deal: ObjectLiteral = { organizationId: 'o1', id: 'd1', name: 'enc:v1:k9:not really' };
    subscriber.beforeInsert(insert(deal, DEAL));
    subscriber.afterLoad(deal, { metadata: DEAL } as LoadEvent<ObjectLiteral>);
    expect(deal['name']).toBe('enc:v1:k9:not really');
    expect(subscriber).toBeInstanceOf(EncryptedColumnsSubscriber);
  });
});
