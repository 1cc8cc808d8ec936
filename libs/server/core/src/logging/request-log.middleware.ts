import type { IncomingMessage, ServerResponse } from 'node:http';

/** Where the auth guard leaves who called, for the request's log line (ids only). */
export const LOGGED_CALLER = Symbol('clockwork.loggedCaller');

export interface LoggedCaller {
  kind: 'user' | 'api_key' | 'integration';
  id: string;
  organizationId: string;
}

type RoutedRequest = IncomingMessage & { route?: { path?: unknown }; baseUrl?: string; [LOGGED_CALLER]?: LoggedCaller };

/**
 * The route pattern Express matched (`/api/v1/reports/exports/:id/download`), never the URL
 * the caller sent: no ids of records, no query string (export links carry their token there).
 * A request no route took (404, board, rejected by a middleware) is `null`.
 */
export function routePattern(req: IncomingMessage): string | null {
  const r = req as RoutedRequest;
  const path = r.route?.path;
  return typeof path === 'string' ? `${r.baseUrl ?? ''}${path}` : null;
}

const ID_KEY: Record<LoggedCaller['kind'], 'user_id' | 'api_key_id' | 'integration_id'> = { user: 'user_id', api_key: 'api_key_id', integration: 'integration_id' };

/**
 * The one line logged per request, from an allowlist: method, route pattern, status, duration,
 * and who called (ids). The request id is bound by the logger. Nothing else of the request or
 * response (headers such as Authorization, Cookie, Location; URLs; bodies) is ever logged.
 */
export function requestLine(req: IncomingMessage, res: ServerResponse, durationMs: number): Record<string, unknown> {
  const caller = (req as RoutedRequest)[LOGGED_CALLER];
  return {
    method: req.method,
    route: routePattern(req),
    status: res.statusCode,
    duration_ms: durationMs,
    ...(caller ? { [ID_KEY[caller.kind]]: caller.id, organization_id: caller.organizationId } : {}),
  };
}

/** Records the caller on the request object so the request's log line can name it (by id). */
export function markLoggedCaller(req: unknown, caller: LoggedCaller): void {
  if (req && typeof req === 'object') (req as RoutedRequest)[LOGGED_CALLER] = { kind: caller.kind, id: caller.id, organizationId: caller.organizationId };
}

const SCRUBBERS: [RegExp, string][] = [
  // JWTs (access tokens, ID tokens) and bearer credentials.
  [/\beyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]*/g, '[token]'],
  [/\b(Bearer|Basic)\s+[\w.~+/=-]+/gi, '$1 [redacted]'],
  // Webhook signing secrets, API keys and the product's other prefixed secrets.
  [/\b(whsec|cwk|sk|pk)_[\w+/=-]{8,}/g, '$1_[redacted]'],
  // Query-string values of credentials (token=, code=, state=, password=, secret=, key=).
  [/([?&;](?:[\w-]*token|code|state|password|secret|[\w-]*key|signature|sig)=)[^&\s"'#]+/gi, '$1[redacted]'],
  // Email addresses (people's, never needed to understand an error).
  [/[\w.!#$%&'*+/=?^`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g, '[email]'],
];

/** Removes what must never reach a log from free text (messages, error messages). */
export function scrubText(text: string): string {
  return SCRUBBERS.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

/** A log call's arguments with every string (and each string property one level down) scrubbed. */
export function scrubArgs(args: unknown[]): unknown[] {
  return args.map((arg) => {
    if (typeof arg === 'string') return scrubText(arg);
    if (arg instanceof Error) {
      const copy = new Error(scrubText(arg.message));
      copy.name = arg.name;
      copy.stack = arg.stack ? scrubText(arg.stack) : undefined;
      return copy;
    }
    if (arg && typeof arg === 'object' && !Array.isArray(arg)) {
      return Object.fromEntries(Object.entries(arg).map(([k, v]) => [k, typeof v === 'string' ? scrubText(v) : v]));
    }
    return arg;
  });
}
