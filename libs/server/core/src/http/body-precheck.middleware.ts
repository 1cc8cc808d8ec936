import { HttpException } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpExceptionFilter } from '../errors/http-exception.filter';

/**
 * A check of a request's headers and path made before its body is read, on the routes that take
 * large bodies (up to 8 MB): a caller who could never be let in must not make the server read
 * (and hold) megabytes first. Throws the HttpException to answer with; the route's own guard and
 * handler still do the full check afterwards.
 */
export interface BodyPrecheck {
  check(req: IncomingMessage, path: string): Promise<void>;
}

/** `POST /time-entries/batch`: the bearer credential (access token or API key) is valid. Provided by the auth library. */
export abstract class BearerPrecheck implements BodyPrecheck {
  abstract check(req: IncomingMessage, path: string): Promise<void>;
}

/** `POST /webhooks/crm-event/{id}`: a well-formed id of an enabled integration, and the signature headers present and well formed. Provided by the integrations library. */
export abstract class SignedWebhookPrecheck implements BodyPrecheck {
  abstract check(req: IncomingMessage, path: string): Promise<void>;
}

/** `POST /email-log/inbound/{token}`: a well-formed token of a known inbound address, and the signature headers present and well formed. Provided by the email-log library. */
export abstract class InboundMailPrecheck implements BodyPrecheck {
  abstract check(req: IncomingMessage, path: string): Promise<void>;
}

const filter = new HttpExceptionFilter();

/**
 * Express middleware: runs the precheck, then the body parser. A refused request is answered in
 * the error contract with `Connection: close`, its body never read (the socket is closed after
 * the answer rather than drained).
 */
export function precheckThen(precheck: BodyPrecheck, parser: (req: IncomingMessage, res: ServerResponse, next: (e?: unknown) => void) => void) {
  return (req: IncomingMessage & { path?: string }, res: ServerResponse, next: (e?: unknown) => void): void => {
    precheck.check(req, req.path ?? '').then(
      () => parser(req, res, next),
      (error: unknown) => {
        if (!(error instanceof HttpException)) return next(error);
        const body = filter.toBody(error);
        res.writeHead(body.statusCode, { 'Content-Type': 'application/json; charset=utf-8', Connection: 'close' });
        res.end(JSON.stringify(body));
      },
    );
  };
}
