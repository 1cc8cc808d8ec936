import { INestApplication } from '@nestjs/common';
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
