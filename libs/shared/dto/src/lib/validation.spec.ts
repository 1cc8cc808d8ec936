import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { OptionalMetadata, OptionalOneOf, OptionalUuid, RequiredText } from './validation';

class Probe {
  @OptionalUuid({ description: 'A record' })
  account_id?: string;

  @OptionalMetadata()
  metadata?: Record<string, unknown>;
}

const errorsOf = (body: object) =>
  validateSync(plainToInstance(Probe, body)).map((e) => ({ field: e.property, messages: Object.values(e.constraints ?? {}) }));

describe('OptionalUuid', () => {
  it('accepts a missing, null or UUID value', () => {
    expect(errorsOf({})).toEqual([]);
    expect(errorsOf({ account_id: null })).toEqual([]);
    expect(errorsOf({ account_id: '0190d6f2-0000-7000-8000-000000000000' })).toEqual([]);
  });

  it('refuses anything else with a message that names the field', () => {
    expect(errorsOf({ account_id: 'nope' })).toEqual([{ field: 'account_id', messages: ['account_id must be a UUID'] }]);
  });

  it('documents an optional uuid with the given description', () => {
    const meta = Reflect.getMetadata('swagger/apiModelProperties', Probe.prototype, 'account_id');
    expect(meta).toMatchObject({ required: false, format: 'uuid', description: 'A record' });
  });
});

describe('OptionalMetadata', () => {
  it('may be left out, is an object when sent, and is never null', () => {
    expect(errorsOf({ metadata: { source: 'crm' } })).toEqual([]);
    expect(errorsOf({ metadata: null })).toEqual([{ field: 'metadata', messages: ['metadata must be an object'] }]);
    expect(errorsOf({ metadata: 'text' })).toEqual([{ field: 'metadata', messages: ['metadata must be an object'] }]);
  });
});

class Named {
  @RequiredText(5, { example: 'Acme' })
  name: string;
}

describe('RequiredText', () => {
  const errors = (body: object) => validateSync(plainToInstance(Named, body)).flatMap((e) => Object.values(e.constraints ?? {}));

  it('trims the text and takes it when it is not empty and not too long', () => {
    const named = plainToInstance(Named, { name: '  Acme ' });
    expect(named.name).toBe('Acme');
    expect(validateSync(named)).toEqual([]);
  });

  it('refuses it missing, empty (spaces only) or too long, naming the field', () => {
    expect(errors({})).toEqual(expect.arrayContaining(['name must be a string', 'name should not be empty']));
    expect(errors({ name: '   ' })).toEqual(['name should not be empty']);
    expect(errors({ name: 'Acme Corp' })).toEqual(['name must be shorter than or equal to 5 characters']);
  });

  it('documents a required property with the given example', () => {
    const meta = Reflect.getMetadata('swagger/apiModelProperties', Named.prototype, 'name');
    expect(meta).toMatchObject({ example: 'Acme', type: String });
    expect(meta).not.toHaveProperty('required', false);
  });
});

const STATUSES = ['open', 'done'] as const;

class Filtered {
  @OptionalOneOf(STATUSES, { description: 'Tasks only' })
  status?: string;
}

describe('OptionalOneOf', () => {
  const errors = (body: object) => validateSync(plainToInstance(Filtered, body)).flatMap((e) => Object.values(e.constraints ?? {}));

  it('may be left out, or be one of the values', () => {
    expect(errors({})).toEqual([]);
    expect(errors({ status: 'done' })).toEqual([]);
  });

  it('refuses any other value with a message that names the field and lists the values', () => {
    expect(errors({ status: 'late' })).toEqual(['status must be one of open, done']);
  });

  it('documents an optional enum with the given description', () => {
    expect(Reflect.getMetadata('swagger/apiModelProperties', Filtered.prototype, 'status')).toMatchObject({ required: false, enum: ['open', 'done'], description: 'Tasks only' });
  });
});
