import { INestApplication } from '@nestjs/common';
import supertest from 'supertest';
import type { SignedUp } from '../org-fixture';

export type Expected = {
  actor_id?: string | null;
  action?: string;
  object_type?: string;
  object_id?: string | null;
  changes?: Record<string, unknown>;
};

/** One mutating route's audit case: setup calls are not counted, the measured call is. */
export interface AuditCase<S = Record<string, string>> {
  setup?: (app: INestApplication, admin: SignedUp) => Promise<S>;
  call: (app: INestApplication, admin: SignedUp, state: S) => Promise<{ organizationId?: string; expected: Expected }>;
}

/**
 * What the generated tests need to know about one domain: how to create one of its records
 * (for the permission walk and the cross-organization 404 checks) and one audit case per
 * mutating route. Each domain has a `<name>.domain.ts` file in this folder.
 */
export interface DomainFixture {
  /** The path segment after /api/v1/, e.g. `accounts`. */
  resource: string;
  /** Creates a record as the organization's admin; returns its id. */
  create?: (app: INestApplication, admin: SignedUp) => Promise<string>;
  /** Keyed by `METHOD /api/v1/path/{id}` exactly as in docs/permissions.md. */
  audit: Record<string, AuditCase>;
  /**
   * Mutating routes that deliberately write no audit row, each with the reason (e.g. marking
   * one's own notifications read); the audit-trail test counts them as covered.
   */
  unaudited?: Record<string, string>;
  /** Valid bodies for routes with an {id} that take one (used for the cross-organization 404 checks). */
  bodies?: Record<string, object>;
}

/** Supertest on the app's HTTP server. */
export const http = (app: INestApplication) => supertest(app.getHttpServer());

/** The Authorization header of a caller's access token. */
export const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

/** POSTs `body` to `path` as the holder of `token`, expects 201 Created and answers the created record. */
export async function postCreated<T = { id: string }>(app: INestApplication, token: string, path: string, body: object): Promise<T> {
  return (await http(app).post(path).set(auth(token)).send(body).expect(201)).body;
}

/** One request on a record of the domain, as a row of a fixture's audit table (see `onRecord`). */
export interface RecordRequest {
  /** Makes the record the request is sent to (not counted); answers its id. */
  create: (app: INestApplication, admin: SignedUp) => Promise<string>;
  /** The request body, if the route takes one. */
  send?: object;
  /** The answer the request must get: by default 204 for DELETE, 200 otherwise. */
  status?: number;
  /** The audit row the request writes, about that record and by the admin. */
  expected: Omit<Expected, 'object_id' | 'actor_id'>;
}

/**
 * The audit case of `METHOD /api/v1/…/{id}` (the route as the key of `audit` spells it) on a
 * record made for it: sends the request as the organization's admin and expects an audit row
 * about that record, by that admin.
 */
export function onRecord(route: string, request: RecordRequest): AuditCase {
  const [method, path] = route.split(' ');
  if (!path?.includes('{id}')) throw new Error(`onRecord: ${route} has no {id}`);
  return {
    setup: async (app, admin) => ({ id: await request.create(app, admin) }),
    call: async (app, admin, s) => {
      const test = http(app)[method.toLowerCase() as 'put' | 'patch' | 'post' | 'delete'](path.replace('{id}', s.id)).set(auth(admin.accessToken));
      await (request.send === undefined ? test : test.send(request.send)).expect(request.status ?? (method === 'DELETE' ? 204 : 200));
      return { expected: { ...request.expected, object_id: s.id, actor_id: admin.userId } };
    },
  };
}

/** Audit cases of requests on single records, keyed by route like `audit` (a table of `onRecord` rows). */
export function recordCases(table: Record<string, RecordRequest>): Record<string, AuditCase> {
  return Object.fromEntries(Object.entries(table).map(([route, request]) => [route, onRecord(route, request)]));
}
