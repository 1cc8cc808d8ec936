import { Global, Module } from '@nestjs/common';
import type { Request } from 'express';
import { ClsModule } from 'nestjs-cls';
import { AuditWriter } from '../audit/audit.writer';
import { RequestContext } from './request-context.store';

/** Async-local request context (caller, request id, IP) and the audit writer that reads it. */
@Global()
@Module({
  imports: [
    ClsModule.forRoot({
      global: true,
      middleware: {
        mount: true,
        setup: (cls, req: Request) => {
          const id = (req as Request & { id?: string }).id ?? req.headers['x-request-id'];
          cls.set('requestId', typeof id === 'string' ? id : undefined);
          cls.set('ip', req.ip);
        },
      },
    }),
  ],
  providers: [RequestContext, AuditWriter],
  exports: [RequestContext, AuditWriter],
})
export class ContextModule {}
