import type { NextFunction, Request, Response } from 'express';
import type { ErrorResponseDto } from '@clockwork/shared-dto';
import { onWorkDone } from './response-done.util';

/** Seconds a refused caller is asked to wait (Retry-After). */
export const SHED_RETRY_AFTER_SECONDS = 1;

/** Paths answered whatever the load: probes and scrapes must see a busy process as alive. */
const NEVER_SHED = [/^\/api\/v1\/health(\/|\?|$)/, /^\/metrics(\?|$)/];

/**
 * Bounds the requests this process holds at once. Each request counts from the moment Express
 * hands it over until its handler has answered (onWorkDone: a caller that hangs up does not end the
 * work it started, so it keeps its place until then, at most 30 s); past `maxInFlight` a
 * request is answered at once with 503, `Retry-After` and the contract's error shape, before its
 * body is read or its caller authenticated. Without a bound an overload queues every request for
 * a pool connection, each holding its body, its objects and its socket: latency and memory grow
 * with the queue instead of staying flat. `maxInFlight` 0: no bound.
 */
export function loadShedding(maxInFlight: number, onShed: () => void) {
  let inFlight = 0;
  return (req: Request, res: Response, next: NextFunction): void => {
    if (maxInFlight > 0 && inFlight >= maxInFlight && !NEVER_SHED.some((p) => p.test(req.originalUrl))) {
      onShed();
      const body: ErrorResponseDto = {
        statusCode: 503,
        error: 'Service Unavailable',
        message: `The server is handling its limit of ${maxInFlight} requests at once; retry after ${SHED_RETRY_AFTER_SECONDS} s`,
      };
      res.status(503).set('Retry-After', String(SHED_RETRY_AFTER_SECONDS)).json(body);
      return;
    }
    inFlight++;
    onWorkDone(res, () => inFlight--);
    next();
  };
}
