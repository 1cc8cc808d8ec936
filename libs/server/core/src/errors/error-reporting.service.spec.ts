import type { ErrorEvent } from '@sentry/node';
import { scrubEvent } from './error-reporting.service';

describe('error reports', () => {
  it('keep the error and where it happened, without query strings, people or secrets in messages', () => {
    const event = scrubEvent({
      type: undefined,
      message: 'mail to ann@acme.example failed',
      request: { method: 'GET', url: 'https://api.example.com/api/v1/reports/exports/1/download?token=123.abc', headers: { authorization: 'Bearer x' }, cookies: { a: 'b' }, data: '{"password":"p"}' },
      user: { email: 'ann@acme.example' },
      extra: { body: 'x' },
      exception: { values: [{ type: 'Error', value: 'refresh eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln of bob@acme.example at /x?code=abcdef' }] },
      breadcrumbs: [{ message: 'GET /x?token=1' }],
    } as ErrorEvent);
    expect(event.request).toEqual({ method: 'GET', url: 'https://api.example.com/api/v1/reports/exports/1/download' });
    expect(event.user).toBeUndefined();
    expect(event.extra).toBeUndefined();
    expect(event.breadcrumbs).toEqual([]);
    expect(event.message).toBe('mail to [email] failed');
    expect(event.exception?.values?.[0].value).toBe('refresh [token] of [email] at /x?code=[redacted]');
  });
});
