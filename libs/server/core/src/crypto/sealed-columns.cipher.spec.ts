import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Env } from '../config/environment.config';
import { encryptedColumns } from './encrypted-columns.config';
import { UndecryptableFieldError } from './encrypted-fields.cipher';
import { FieldCipher } from './field.cipher';
import { SEALED, SealedColumns } from './sealed-columns.cipher';

const key = (kid: string) => `${kid}:${randomBytes(32).toString('base64')}`;
const sealedWith = (spec: string) => new SealedColumns(new FieldCipher(Object.assign(new Env(), { ENCRYPTION_KEYS: spec })));

describe('SealedColumns', () => {
  const k1 = key('k1');
  const k2 = key('k2');
  const row = { organizationId: '0190c7a2-0000-7000-8000-000000000001', id: '0190c7a2-0000-7000-8000-0000000000aa' };
  const payload = { id: 'c-1', email: 'ada@engines.test', phone: '+44 20 7946 0958', tags: ['ü', '😀'] };

  beforeAll(() => jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined));

  it('seals JSON into a ciphertext that holds none of it, and opens it again on the same row', () => {
    const sealed = sealedWith(k1);
    const stored = sealed.sealJson(SEALED.eventPayload, row, payload);
    expect(stored).toMatch(/^enc:v1:k1:[A-Za-z0-9+/=]+$/);
    for (const value of ['ada@engines.test', '7946', 'engines']) expect(stored).not.toContain(value);
    expect(Buffer.from(stored.split(':')[3], 'base64').toString('latin1')).not.toContain('engines');
    expect(sealed.openJson(SEALED.eventPayload, row, stored)).toEqual(payload);
    expect(sealed.sealJson(SEALED.eventPayload, row, payload)).not.toBe(stored);
  });

  it('refuses a value moved to another row, another organization or another column', () => {
    const sealed = sealedWith(k1);
    const stored = sealed.seal(SEALED.deliveryBody, row, '{"data":{}}');
    expect(() => sealed.open(SEALED.deliveryBody, { ...row, id: '0190c7a2-0000-7000-8000-0000000000bb' }, stored)).toThrow(UndecryptableFieldError);
    expect(() => sealed.open(SEALED.deliveryBody, { ...row, organizationId: '0190c7a2-0000-7000-8000-000000000002' }, stored)).toThrow(UndecryptableFieldError);
    expect(() => sealed.open(SEALED.eventPayload, row, stored)).toThrow(UndecryptableFieldError);
    expect(() => sealed.open(SEALED.attemptResponse, row, stored)).toThrow(UndecryptableFieldError);
    const bytes = Buffer.from(stored.split(':')[3], 'base64');
    bytes[bytes.length - 1] ^= 1;
    expect(() => sealed.open(SEALED.deliveryBody, row, `enc:v1:k1:${bytes.toString('base64')}`)).toThrow(UndecryptableFieldError);
  });

  it('always encrypts, even text that looks like a ciphertext (a receiver may answer anything)', () => {
    const sealed = sealedWith(k1);
    const lookalike = 'enc:v1:k1:AAAA';
    const stored = sealed.seal(SEALED.attemptResponse, row, lookalike);
    expect(stored).not.toBe(lookalike);
    expect(sealed.open(SEALED.attemptResponse, row, stored)).toBe(lookalike);
  });

  it('reads a value stored before encryption as it is, and passes null through', () => {
    const sealed = sealedWith(k1);
    expect(sealed.openJson(SEALED.eventPayload, row, '{"email": "legacy@old.test"}')).toEqual({ email: 'legacy@old.test' });
    expect(sealed.sealNullable(SEALED.attemptResponse, row, null)).toBeNull();
    expect(sealed.openNullable(SEALED.attemptResponse, row, null)).toBeNull();
    expect(sealed.openNullable(SEALED.attemptResponse, row, sealed.sealNullable(SEALED.attemptResponse, row, 'ok'))).toBe('ok');
  });

  it('opens values of an older key after a new one is prepended, and refuses once that key is gone', () => {
    const old = sealedWith(k1).sealJson(SEALED.eventPayload, row, payload);
    expect(sealedWith(`${k2},${k1}`).openJson(SEALED.eventPayload, row, old)).toEqual(payload);
    expect(sealedWith(`${k2},${k1}`).sealJson(SEALED.eventPayload, row, payload)).toMatch(/^enc:v1:k2:/);
    expect(() => sealedWith(k2).openJson(SEALED.eventPayload, row, old)).toThrow(UndecryptableFieldError);
  });

  it('every sealed column is registered for key rotation, as managed by its owner', () => {
    const registered = encryptedColumns().map((c) => `${c.table}.${c.column}:${c.ownerManaged === true}`);
    for (const c of Object.values(SEALED)) expect(registered).toContain(`${c.table}.${c.column}:true`);
  });
});
