import SwaggerParser from '@apidevtools/swagger-parser';
import { buildOpenApiDocument } from '@clockwork/server-core';
import { ROLES } from '@clockwork/shared-dto';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import request from 'supertest';
import { apiWithOrg } from '../support/api-with-org';
import { domainOf } from '../support/domains';
import { userWithRole } from '../support/org-fixture';
import { operationsOf, Operation } from './openapi-operations';
import { invalidOf, parameterOf, Schema, sortParameter, structuredCursor, typeConfusedOf, validOf } from './schema-arbitrary';

/** Every route but the batch and webhook routes takes at most 100 kB of JSON. */
const BODY_LIMIT_BYTES = 100 * 1024;
const SEED = Number(process.env.FUZZ_SEED ?? 20261121);
const TOTAL_REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 10_000);
/**
 * A query parameter's value: `cursor` mostly a structured cursor with values of the wrong type
 * (a cursor that parses but does not fit the sort field once gave a 500), `sort` the lists' sort
 * fields in every direction, and any parameter sometimes a value of another type.
 */
const queryValueOf = (name: string, schema: Schema) => {
  if (name === 'cursor') return fc.oneof({ weight: 3, arbitrary: structuredCursor() }, { weight: 1, arbitrary: parameterOf(schema) });
  if (name === 'sort') return fc.oneof({ weight: 3, arbitrary: sortParameter() }, { weight: 1, arbitrary: parameterOf(schema) });
  return fc.oneof({ weight: 4, arbitrary: parameterOf(schema) }, { weight: 1, arbitrary: typeConfusedOf(schema) });
};

/** Run last: they can sign callers out or change their roles. */
const LAST = /^\/api\/v1\/(auth|users)/;

/** A URL can't carry a lone surrogate: it becomes U+FFFD, as a browser would send it. */
const wellFormed = (value: unknown) => (String(value) as string & { toWellFormed(): string }).toWellFormed();

/**
 * OpenAPI 3.0 `nullable` in JSON Schema terms: with an `enum`, null is listed; without a `type`
 * (e.g. a `oneOf`), the schema becomes "that, or null".
 */
function nullableEnums(schema: unknown): object {
  if (Array.isArray(schema)) schema.forEach(nullableEnums);
  else if (schema && typeof schema === 'object') {
    const s = schema as Record<string, unknown> & { nullable?: boolean; enum?: unknown[]; type?: string };
    Object.values(s).forEach(nullableEnums);
    if (s.nullable && s.enum && !s.enum.includes(null)) s.enum = [...s.enum, null];
    if (s.nullable && !s.type) {
      const { nullable: _nullable, ...rest } = s;
      for (const key of Object.keys(s)) delete s[key];
      s['anyOf'] = [rest, { type: 'null' }];
    }
  }
  return schema as object;
}

interface Failure {
  call: string;
  status: number;
  problem: string;
}

/**
 * OpenAPI-driven fuzzing: every operation of /api/docs-json, as every kind of caller, with
 * generated valid and invalid path parameters, queries and bodies (fast-check, fixed seed).
 * No 5xx; every 4xx in the contract's error shape; every JSON 2xx matching its declared schema.
 */
describe('OpenAPI fuzzing', () => {
  const api = apiWithOrg('Fuzz Org', { LOGIN_RATE_LIMIT_PER_EMAIL: '100000', LOGIN_RATE_LIMIT_PER_IP: '100000', API_KEY_DEFAULT_RATE_LIMIT: '100000' });
  const callers = new Map<string, string | undefined>();
  const records = new Map<string, string>();
  const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
  const validators = new Map<object, ValidateFunction>();

  beforeAll(async () => {
    callers.set('anonymous', undefined);
    callers.set('admin', api.admin.accessToken);
    for (const role of ROLES.filter((r) => r !== 'admin')) callers.set(role, (await userWithRole(api.app, api.admin.accessToken, role)).token);
  });

  /** A record of the path's resource, created once (as the admin) through the domain fixtures. */
  const recordFor = async (path: string): Promise<string | undefined> => {
    let domain: ReturnType<typeof domainOf>;
    try {
      domain = domainOf(path.replace(/\{[^}]+\}.*$/, 'x'));
    } catch {
      return undefined; // a nested path without a fixture of its own: random ids only
    }
    if (!domain.create) return undefined;
    if (!records.has(domain.resource)) records.set(domain.resource, await domain.create(api.app, api.admin).catch(() => ''));
    return records.get(domain.resource) || undefined;
  };

  const validatorOf = (schema: object) => {
    if (!validators.has(schema)) validators.set(schema, ajv.compile(nullableEnums(structuredClone(schema))));
    return validators.get(schema) as ValidateFunction;
  };

  const check = (op: Operation, res: request.Response): string | null => {
    if (res.status >= 500) return `server error: ${JSON.stringify(res.body).slice(0, 300)}`;
    const json = /json/.test(res.headers['content-type'] ?? '');
    if (res.status >= 400) {
      const b = res.body;
      const shaped = json && b && b.statusCode === res.status && typeof b.error === 'string' && typeof b.message === 'string' && (b.details === undefined || Array.isArray(b.details));
      return shaped ? null : `error not in the contract shape: ${String(res.text).slice(0, 200)}`;
    }
    const schema = op.responses[String(res.status)];
    if (!json || !schema || res.status === 204) return null;
    const validate = validatorOf(schema);
    return validate(res.body) ? null : `2xx body does not match its schema: ${ajv.errorsText(validate.errors).slice(0, 300)}`;
  };

  it(`answers ${TOTAL_REQUESTS} generated requests without a 5xx, in the error shape, matching the schemas (seed ${SEED})`, async () => {
    const doc = (await SwaggerParser.dereference(structuredClone(buildOpenApiDocument(api.app)) as never)) as never;
    const operations = operationsOf(doc);
    operations.sort((a, b) => Number(LAST.test(a.path)) - Number(LAST.test(b.path)));
    const perCall = Math.ceil(TOTAL_REQUESTS / (operations.length * callers.size));
    const failures: Failure[] = [];
    let sent = 0;
    let succeeded = 0;

    for (const [index, op] of operations.entries()) {
      const real = op.pathParams.length ? await recordFor(op.path) : undefined;
      // An empty path segment would address another route (the list), not this one.
      const segment = (p: { schema: object }) => parameterOf(p.schema).map((v) => (v === '' ? 'x' : v));
      const requestArb = fc.record({
        params: fc.tuple(...op.pathParams.map((p) => fc.oneof({ weight: 3, arbitrary: fc.constant(real ?? 'missing') }, { weight: 1, arbitrary: segment(p) }))),
        query: fc.tuple(...op.queryParams.map((q) => fc.option(queryValueOf(q.name, q.schema), { freq: 2, nil: undefined }))),
        body: op.body ? fc.oneof({ weight: 2, arbitrary: validOf(op.body) }, { weight: 1, arbitrary: invalidOf(op.body) }) : fc.constant(undefined),
      });
      for (const [caller, token] of callers) {
        const samples = fc.sample(requestArb, { seed: SEED + index * 31 + caller.length, numRuns: perCall });
        for (const sample of samples) {
          let path = op.path;
          op.pathParams.forEach((p, i) => (path = path.replace(`{${p.name}}`, encodeURIComponent(wellFormed(sample.params[i])))));
          const query = Object.fromEntries(op.queryParams.map((q, i) => [q.name, sample.query[i] === undefined ? undefined : wellFormed(sample.query[i])]).filter(([, v]) => v !== undefined));
          let req = request(api.app.getHttpServer())[op.method.toLowerCase() as 'get'](path).query(query);
          if (token) req = req.set('Authorization', `Bearer ${token}`);
          const body = sample.body !== undefined || op.multipart ? JSON.stringify(sample.body ?? { file: 'not a file' }) : undefined;
          const call = `${caller} ${op.method} ${path.slice(0, 120)}${Object.keys(query).length ? `?${new URLSearchParams(query as Record<string, string>).toString().slice(0, 200)}` : ''} ${JSON.stringify(sample.body ?? null).slice(0, 200)}`;
          sent += 1;
          let res: request.Response;
          try {
            res = await (body !== undefined ? req.set('Content-Type', 'application/json').send(body) : req);
          } catch (error) {
            // A body over the size limit is answered 413 before it is read; the client may then see
            // the connection close while still sending. That is a refusal, not a failure.
            if (body !== undefined && Buffer.byteLength(body) > BODY_LIMIT_BYTES) continue;
            failures.push({ call, status: 0, problem: `no answer: ${(error as Error).message}` });
            continue;
          }
          if (res.status < 300) succeeded += 1;
          const problem = check(op, res);
          if (problem) failures.push({ call, status: res.status, problem });
        }
      }
    }

    expect(sent).toBeGreaterThanOrEqual(TOTAL_REQUESTS);
    // Generated valid requests do reach the handlers (not only the validation layer).
    expect(succeeded).toBeGreaterThan(sent * 0.05);
    const summary = failures.slice(0, 40).map((f) => `${f.status} ${f.call}\n    ${f.problem}`).join('\n');
    expect({ failures: failures.length, summary }).toEqual({ failures: 0, summary: '' });
  }, 1_200_000);
});
