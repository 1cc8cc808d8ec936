import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable, UnauthorizedException } from '@nestjs/common';
import { markLoggedCaller } from '../logging/request-log.middleware';
import type { Principal } from './principal.types';

/** What a request (or job) carries: its caller, request id and client IP, and the request itself for its log line. */
export interface ContextStore {
  principal?: Principal;
  requestId?: string;
  ip?: string;
  req?: unknown;
}

/** The one async-local store of the process (a request's or a job's context). */
const storage = new AsyncLocalStorage<ContextStore>();

/**
 * The caller of the current request (or job), from async-local storage: services read the
 * organization and actor here instead of passing them through every call.
 */
@Injectable()
export class RequestContext {
  /** Runs `work` (a request's middleware chain) in a context of its own. */
  static run<T>(store: ContextStore, work: () => T): T {
    return storage.run(store, work);
  }

  get principal(): Principal | undefined {
    return storage.getStore()?.principal;
  }

  /** The caller's organization; a request without one never reaches tenant data. */
  get organizationId(): string {
    const principal = this.principal;
    if (!principal) throw new UnauthorizedException('Authentication required');
    return principal.organizationId;
  }

  /** The request's id: the request logger's (read when asked, whichever middleware ran first), else the caller's X-Request-Id. */
  get requestId(): string | undefined {
    const store = storage.getStore();
    if (!store || store.requestId !== undefined) return store?.requestId;
    const req = store.req as { id?: unknown; headers?: Record<string, unknown> } | undefined;
    const id = req?.id ?? req?.headers?.['x-request-id'];
    return typeof id === 'string' ? id : undefined;
  }

  get ip(): string | undefined {
    return storage.getStore()?.ip;
  }

  setPrincipal(principal: Principal): void {
    const store = storage.getStore();
    if (!store) throw new Error('No request context: setPrincipal outside a request or runAs');
    store.principal = principal;
    // The request's log line names the caller by id (the line is written after the context ends).
    markLoggedCaller(store.req, principal);
  }

  /** Runs work as the given principal (jobs, signup before the user exists), in a copy of the current context. */
  runAs<T>(principal: Principal, work: () => Promise<T>): Promise<T> {
    return storage.run({ ...storage.getStore(), principal }, work);
  }
}
