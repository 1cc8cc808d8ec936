import type { IncomingMessage, ServerResponse } from 'node:http';
import { markLoggedCaller, requestLine, scrubArgs, scrubText } from './request-log.middleware';

describe('request log lines', () => {
  it('keeps only method, route pattern, status, duration and the caller ids', () => {
    const req = {
      method: 'GET',
      url: '/api/v1/reports/exports/0190/download?token=secret-token',
      headers: { authorization: 'Bearer eyJhbGciOi.eyJzdWIiOi.sig', cookie: 'a=b' },
      baseUrl: '',
      route: { path: '/api/v1/reports/exports/:id/download' },
    } as unknown as IncomingMessage;
    markLoggedCaller(req, { kind: 'user', id: 'u-1', organizationId: 'o-1', role: 'admin' } as never);
    const res = { statusCode: 302, getHeaders: () => ({ location: 'https://web/#code=x' }) } as unknown as ServerResponse;
    expect(requestLine(req, res, 12)).toEqual({ method: 'GET', route: '/api/v1/reports/exports/:id/download', status: 302, duration_ms: 12, user_id: 'u-1', organization_id: 'o-1' });
  });

  it('logs an unrouted request without its URL', () => {
    const line = requestLine({ method: 'POST', url: '/nowhere?token=t' } as IncomingMessage, { statusCode: 404 } as ServerResponse, 1);
    expect(line).toEqual({ method: 'POST', route: null, status: 404, duration_ms: 1 });
  });

  it('scrubs emails, JWTs, prefixed secrets and credential query parameters from free text', () => {
    const text = scrubText('user Ann.Lee+x@Example.co.uk failed; Bearer abc.def got eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln; whsec_c2VjcmV0c2VjcmV0 at /x?token=tok123&id=4&code=c0de');
    expect(text).toBe('user [email] failed; Bearer [redacted] got [token]; whsec_[redacted] at /x?token=[redacted]&id=4&code=[redacted]');
    const [obj, msg] = scrubArgs([{ email: 'a@b.example', n: 3 }, 'to a@b.example']) as [Record<string, unknown>, string];
    expect(obj).toEqual({ email: '[email]', n: 3 });
    expect(msg).toBe('to [email]');
  });
});
