import { Global, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { AuditWriter } from '../audit/audit.writer';
import { RequestContext } from './request-context.store';

/**
 * Every request runs in a context of its own (one AsyncLocalStorage; no global guard or
 * interceptor, which nestjs-cls added to every route even unmounted: an interceptor makes Nest
 * wrap each handler in rxjs and async-resource bindings): the request (its id, read from the
 * request logger's), the client IP, and the caller the access guard adds.
 */
export function requestContextMiddleware(req: Request, _res: Response, next: NextFunction): void {
  RequestContext.run({ ip: req.ip, req }, next);
}

/** Async-local request context (caller, request id, IP) and the audit writer that reads it. */
@Global()
@Module({
  providers: [RequestContext, AuditWriter],
  exports: [RequestContext, AuditWriter],
})
export class ContextModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(requestContextMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
