import fc, { Arbitrary } from 'fast-check';

/** An OpenAPI 3.0 schema object, dereferenced. */
export interface Schema {
  type?: string;
  format?: string;
  enum?: unknown[];
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  example?: unknown;
}

/** Strings that have broken real parsers: injections, control characters, odd Unicode, huge input. */
export const NASTY_STRINGS = [
  '',
  ' ',
  "' OR 1=1 --",
  '"; DROP TABLE accounts; --',
  '%',
  '_',
  '\\',
  '\u0000',
  '\ud800',
  '💥'.repeat(50),
  '../../../../etc/passwd',
  '<script>alert(1)</script>',
  '${jndi:ldap://127.0.0.1/a}',
  'NaN',
  '-1',
  '1e309',
  '0001-01-01',
  '9999-12-31T23:59:59.999Z',
  'x'.repeat(10_001),
];

const stringOf = (s: Schema): Arbitrary<string> => {
  if (s.enum) return fc.constantFrom(...(s.enum as string[]));
  switch (s.format) {
    case 'uuid':
      return fc.uuid({ version: [4, 7] });
    case 'date-time':
      return fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
    case 'date':
      return fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    case 'email':
      return fc.emailAddress();
    case 'uri':
    case 'url':
      return fc.webUrl();
  }
  if (typeof s.example === 'string') return fc.oneof(fc.constant(s.example), fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 40, 40) }));
  return fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 40, 40) });
};

/** Values the schema accepts (approximately: patterns are not honoured). */
export function validOf(schema: Schema, depth = 0): Arbitrary<unknown> {
  const base = validCore(schema, depth);
  return schema.nullable ? fc.oneof({ weight: 4, arbitrary: base }, { weight: 1, arbitrary: fc.constant(null) }) : base;
}

function validCore(s: Schema, depth: number): Arbitrary<unknown> {
  if (s.allOf) return validOf(s.allOf.reduce((a, b) => mergeSchemas(a, b), {} as Schema), depth);
  if (s.oneOf ?? s.anyOf) return fc.oneof(...(s.oneOf ?? s.anyOf ?? []).map((x) => validOf(x, depth)));
  if (s.enum) return fc.constantFrom(...s.enum);
  switch (s.type) {
    case 'string':
      return stringOf(s);
    case 'integer':
      return fc.integer({ min: s.minimum ?? -10, max: s.maximum ?? 10_000 });
    case 'number':
      return fc.double({ min: s.minimum ?? -10, max: s.maximum ?? 10_000, noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      if (depth > 3) return fc.constant([]);
      return fc.array(validOf(s.items ?? {}, depth + 1), { minLength: s.minItems ?? 0, maxLength: Math.min(s.maxItems ?? 3, 3) });
    case 'object':
    default:
      if (!s.properties || depth > 3) return fc.constant({});
      return objectOf(s, depth);
  }
}

function objectOf(s: Schema, depth: number): Arbitrary<Record<string, unknown>> {
  const required = new Set(s.required ?? []);
  const entries = Object.entries(s.properties ?? {});
  const requiredKeys = entries.filter(([k]) => required.has(k)).map(([k]) => k);
  const record = Object.fromEntries(entries.map(([k, v]) => [k, validOf(v, depth + 1)]));
  return fc.record(record, { requiredKeys }) as Arbitrary<Record<string, unknown>>;
}

function mergeSchemas(a: Schema, b: Schema): Schema {
  return { ...a, ...b, properties: { ...a.properties, ...b.properties }, required: [...(a.required ?? []), ...(b.required ?? [])] };
}

/** Something of the wrong kind for this schema. */
const wrongKind = (s: Schema): Arbitrary<unknown> => {
  const nasty = fc.constantFrom(...NASTY_STRINGS);
  switch (s.type) {
    case 'string':
      return fc.oneof(fc.integer(), fc.boolean(), fc.constant({}), fc.constant([1, 2]), nasty);
    case 'integer':
    case 'number':
      return fc.oneof(nasty, fc.constantFrom(-1e15, 1e15, 0.5, -0.0001, Number.MAX_SAFE_INTEGER + 2), fc.boolean());
    case 'boolean':
      return fc.oneof(fc.constantFrom('yes', 'true ', 2), nasty);
    case 'array':
      return fc.oneof(fc.constant('not-an-array'), fc.constant({}), fc.array(fc.constant(null), { minLength: 1, maxLength: 3 }), fc.constant(new Array(20_000).fill('x')));
    default:
      return fc.oneof(fc.constant('not-an-object'), fc.constant([]), fc.integer(), nasty);
  }
};

/**
 * Bodies a well-behaved server must refuse with a 4xx (or tolerate): a required field removed, a
 * field of the wrong type or a nasty string, an unknown field, null, or a non-object.
 */
export function invalidOf(schema: Schema): Arbitrary<unknown> {
  const props = Object.entries(schema.properties ?? {});
  const valid = validOf(schema) as Arbitrary<Record<string, unknown>>;
  const mutations: Arbitrary<unknown>[] = [
    fc.constantFrom(null, 'text', 42, [], [{}]),
    valid.map((v) => ({ ...(typeof v === 'object' && v ? v : {}), __unknown_field: 'x' })),
  ];
  if (props.length) {
    const name = fc.constantFrom(...props.map(([k]) => k));
    mutations.push(
      fc.tuple(valid, name).chain(([v, key]) => wrongKind(schema.properties?.[key] ?? {}).map((bad) => ({ ...(v as object), [key]: bad }))),
      fc.tuple(valid, name).map(([v, key]) => {
        const copy = { ...(v as object) } as Record<string, unknown>;
        delete copy[key];
        return copy;
      }),
      fc.tuple(valid, name, fc.constantFrom(...NASTY_STRINGS)).map(([v, key, nasty]) => ({ ...(v as object), [key]: nasty })),
    );
  }
  return fc.oneof(...mutations);
}

/** A path or query parameter value: valid for its schema, or a nasty string. */
export function parameterOf(schema: Schema): Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: validOf({ ...schema, nullable: false }).map((v) => (typeof v === 'string' ? v : JSON.stringify(v))) },
    { weight: 1, arbitrary: fc.constantFrom(...NASTY_STRINGS.filter((s) => s.length < 5000)) },
  );
}

const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

/** Sort fields of the lists (and a few no list has), for `sort=field:direction`. */
export const SORT_FIELDS = ['created_at', 'updated_at', 'name', 'last_name', 'value', 'priority', 'due_date', 'start_time', 'invoice_date', 'rate_date', 'id', 'email', 'password_hash'];

/** Cursor values of every type a sort field may have, well-formed or not, so each meets a field of another type. */
const cursorValue: Arbitrary<unknown> = fc.oneof(
  fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.constantFrom('not-a-date', '2026-02-30T00:00:00.000Z', '2026-01-01T24:00:00Z', '0000-01-01', '275760-09-13T00:00:00.000Z', 'NaN', '1e309', '12,5', '-0', 'abc', 'nul\u0000byte', '', '9'.repeat(300)),
  fc.integer(),
  fc.double(),
  fc.constantFrom(1e308, -1e308, 2 ** 53 + 1),
  fc.boolean(),
  fc.constant(null),
  fc.constant({}),
  fc.constant(['nested']),
  fc.string({ maxLength: 40 }),
  fc.uuid({ version: [4, 7] }),
);
const cursorId: Arbitrary<unknown> = fc.oneof({ weight: 4, arbitrary: fc.uuid({ version: [4, 7] }) }, { weight: 1, arbitrary: fc.constantFrom('not-a-uuid', '-'.repeat(36), '', 42, null, 'ffffffff-ffff-ffff-ffff-fffffffffffff') });

/**
 * `cursor=`: mostly well-formed base64url JSON arrays, [value, id] with values of the wrong type
 * for the list's sort field, the wrong arity or a bad id; sometimes not a cursor at all.
 */
export function structuredCursor(): Arbitrary<string> {
  const array = fc.oneof(
    { weight: 6, arbitrary: fc.tuple(cursorValue, cursorId) },
    { weight: 1, arbitrary: fc.tuple(cursorValue) },
    { weight: 1, arbitrary: fc.tuple(cursorValue, cursorId, cursorValue) },
    { weight: 1, arbitrary: fc.constant([]) },
  );
  return fc.oneof(
    { weight: 8, arbitrary: array.map((a) => base64url(JSON.stringify(a))) },
    { weight: 1, arbitrary: fc.constantFrom(base64url('{"value":1,"id":"x"}'), base64url('"2026-01-01T00:00:00Z"'), base64url('null'), base64url('[1,2'), 'garbage!', '') },
  );
}

/** `sort=`: the lists' sort fields and others, with every direction and some that are none. */
export function sortParameter(): Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...SORT_FIELDS), fc.constantFrom('asc', 'desc', '', 'sideways', 'ASC'))
    .map(([field, direction]) => (direction ? `${field}:${direction}` : field));
}

/** A query value of another type than the parameter's: numbers, booleans, dates, ids and JSON where something else is expected. */
export function typeConfusedOf(schema: Schema): Arbitrary<string> {
  const confused = ['true', 'false', '0', '-1', '1.5', '1e309', 'NaN', '-0', '2026-02-30', '2026-13-01T00:00:00Z', '2026-01-01T00:00:00Z', 'not-a-uuid', '00000000-0000-0000-0000-000000000000', '[]', '{}', 'null', 'a,b', '9'.repeat(40)];
  return fc.oneof(fc.constantFrom(...confused), wrongKind(schema).map((v) => (typeof v === 'string' ? v : JSON.stringify(v))));
}
