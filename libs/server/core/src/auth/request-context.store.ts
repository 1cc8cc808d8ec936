import { Injectable, UnauthorizedException } from '@nestjs/common';
import { CLS_REQ, ClsService, ClsStore } from 'nestjs-cls';
import { markLoggedCaller } from '../logging/request-log.middleware';
import type { Principal } from './principal.types';

export interface ContextStore extends ClsStore {
  principal?: Principal;
  requestId?: string;
  ip?: string;
}

/**
 * The caller of the current request (or job), from async-local storage: services read the
 * organization and actor here instead of passing them through every call.
 */
@Injectable()
export class RequestContext {
  constructor(private readonly cls: ClsService<ContextStore>) {}

  get principal(): Principal | undefined {
    return this.cls.isActive() ? this.cls.get('principal') : undefined;
  }

  /** The caller's organization; a request without one never reaches tenant data. */
  get organizationId(): string {
    const principal = this.principal;
    if (!principal) throw new UnauthorizedException('Authentication required');
    return principal.organizationId;
  }

  get requestId(): string | undefined {
    return this.cls.isActive() ? this.cls.get('requestId') : undefined;
  }

  get ip(): string | undefined {
    return this.cls.isActive() ? this.cls.get('ip') : undefined;
  }

  setPrincipal(principal: Principal): void {
    this.cls.set('principal', principal);
    // The request's log line names the caller by id (the line is written after the context ends).
    markLoggedCaller(this.cls.get(CLS_REQ), principal);
  }

  /** Runs work as the given principal (jobs, signup before the user exists). */
  runAs<T>(principal: Principal, work: () => Promise<T>): Promise<T> {
    return this.cls.run({ ifNested: 'inherit' }, async () => {
      this.cls.set('principal', principal);
      return work();
    });
  }
}
