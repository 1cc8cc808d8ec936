import { randomUUID } from 'node:crypto';
import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import type { LoggerOptions } from 'pino';
import { Env } from '../config/environment.config';
import { requestLine, scrubArgs } from './request-log.middleware';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Keeps a caller's X-Request-Id when it is sane, otherwise makes one; echoes it back. */
export function requestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

/**
 * Every log line of the process goes through this hook: free text and string fields lose
 * emails, tokens, secrets and credential query parameters before they are written.
 */
export const scrubbingHooks: LoggerOptions['hooks'] = {
  logMethod(args, method) {
    return method.apply(this, scrubArgs(args) as Parameters<typeof method>);
  },
};

/**
 * JSON logs (pino). A request's lines carry its request id only; its one completion line is
 * built from an allowlist (`requestLine`: method, route pattern, status, duration, caller ids).
 * No headers, URLs, query strings or bodies are ever logged, and every line is scrubbed.
 */
@Module({})
export class LoggingModule {
  static forRoot(service: string): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [Env],
          useFactory: (env: Env) => ({
            forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
            pinoHttp: {
              level: env.LOG_LEVEL,
              base: { service },
              hooks: scrubbingHooks,
              genReqId: requestId,
              // Lines logged while handling a request carry only its id, never the request itself.
              quietReqLogger: true,
              quietResLogger: true,
              customAttributeKeys: { reqId: 'request_id' },
              autoLogging: { ignore: (req: IncomingMessage) => req.url?.split('?')[0] === '/api/v1/health' },
              customSuccessObject: (req: IncomingMessage, res: ServerResponse, val: { responseTime: number }) => requestLine(req, res, val.responseTime),
              customErrorObject: (req: IncomingMessage, res: ServerResponse, _error: Error, val: { responseTime: number }) => requestLine(req, res, val.responseTime),
              customSuccessMessage: () => 'request completed',
              customErrorMessage: () => 'request failed',
            },
          }),
        }),
      ],
    };
  }
}
