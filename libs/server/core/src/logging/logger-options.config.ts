import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { stdSerializers } from 'pino';
import type { Options } from 'pino-http';
import type { Env } from '../config/environment.config';
import { requestLine, routePattern, scrubArgs } from './request-log.middleware';

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
export const scrubbingHooks: Options['hooks'] = {
  logMethod(args, method) {
    return method.apply(this, scrubArgs(args) as Parameters<typeof method>);
  },
};

/**
 * Development only (`NODE_ENV=development`, the default under `npm start`): one coloured,
 * human-readable line per log entry through pino-pretty. Production and test keep JSON lines.
 */
export function prettyTransport(env: Pick<Env, 'NODE_ENV'>): Options['transport'] {
  if (env.NODE_ENV !== 'development') return undefined;
  return {
    target: 'pino-pretty',
    options: {
      colorize: true,
      singleLine: true,
      translateTime: 'SYS:HH:MM:ss.l',
      // The request line's message already says method, route, status and duration.
      ignore: 'pid,hostname,service,method,route,status,duration_ms',
      messageFormat: '[{service}] {msg}',
    },
  };
}

/** `GET /api/v1/deals/:id 200 12ms`: the route pattern, never the URL (no ids, no query string). */
export function readableLine(req: IncomingMessage, res: ServerResponse, tail: string): string {
  return `${req.method} ${routePattern(req) ?? '(unrouted)'} ${res.statusCode} ${tail}`;
}

/**
 * pino-http binds the request to a child logger of every request (`child({ req })`), and pino
 * serializes a child's bindings when it is made, whatever the level: with the default
 * serializers that is the method, URL, every header and the remote address, copied and turned
 * into JSON on every request although no line ever carries them (quietReqLogger). Nothing of the
 * request is bound instead; the one request line is the allowlist of `requestLine`.
 */
const NOT_LOGGED = (): undefined => undefined;

/**
 * The pino-http options of a process. A request's lines carry its request id only; its one
 * completion line is built from an allowlist (`requestLine`: method, route pattern, status,
 * duration, caller ids). No headers, URLs, query strings or bodies are ever logged, and every
 * line is scrubbed (the scrubbing hook runs before any transport, pretty or not).
 */
export function pinoHttpOptions(env: Pick<Env, 'NODE_ENV' | 'LOG_LEVEL'>, service: string): Options {
  const transport = prettyTransport(env);
  return {
    level: env.LOG_LEVEL,
    base: { service },
    hooks: scrubbingHooks,
    genReqId: requestId,
    wrapSerializers: false,
    serializers: { req: NOT_LOGGED, res: NOT_LOGGED, err: stdSerializers.err },
    // Lines logged while handling a request carry only its id, never the request itself.
    quietReqLogger: true,
    quietResLogger: true,
    customAttributeKeys: { reqId: 'request_id' },
    autoLogging: { ignore: (req: IncomingMessage) => req.url?.split('?')[0] === '/api/v1/health' },
    customSuccessObject: (req: IncomingMessage, res: ServerResponse, val: { responseTime: number }) => requestLine(req, res, val.responseTime),
    customErrorObject: (req: IncomingMessage, res: ServerResponse, _error: Error, val: { responseTime: number }) => requestLine(req, res, val.responseTime),
    // Pretty lines read `GET /api/v1/deals 200 12ms`; JSON lines keep a fixed message (the fields say the rest).
    customSuccessMessage: (req: IncomingMessage, res: ServerResponse, ms: number) => (transport ? readableLine(req, res, `${Math.round(ms)}ms`) : 'request completed'),
    customErrorMessage: (req: IncomingMessage, res: ServerResponse) => (transport ? readableLine(req, res, 'failed') : 'request failed'),
    ...(transport ? { transport } : {}),
  };
}
