import http, { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { pinoHttp } from 'pino-http';
import { pinoHttpOptions, prettyTransport, readableLine } from './logger-options.config';

describe('logger options', () => {
  it('pretty-prints through pino-pretty in development only', () => {
    const dev = pinoHttpOptions({ NODE_ENV: 'development', LOG_LEVEL: 'debug' }, 'api');
    expect(dev.transport).toEqual({ target: 'pino-pretty', options: expect.objectContaining({ colorize: true, singleLine: true }) });
    expect(dev.level).toBe('debug');
    expect(prettyTransport({ NODE_ENV: 'production' })).toBeUndefined();
    expect(prettyTransport({ NODE_ENV: 'test' })).toBeUndefined();
  });

  it('keeps JSON lines (no transport) in production and test, with the fixed messages', () => {
    for (const NODE_ENV of ['production', 'test'] as const) {
      const options = pinoHttpOptions({ NODE_ENV, LOG_LEVEL: 'info' }, 'worker');
      expect(options).not.toHaveProperty('transport');
      expect(options.base).toEqual({ service: 'worker' });
      const req = { method: 'GET', url: '/api/v1/deals' } as IncomingMessage;
      expect(options.customSuccessMessage?.(req, { statusCode: 200 } as ServerResponse, 5)).toBe('request completed');
    }
  });

  it('writes one readable line per request in development: method, route pattern, status, duration', () => {
    const options = pinoHttpOptions({ NODE_ENV: 'development', LOG_LEVEL: 'info' }, 'api');
    const req = { method: 'GET', url: '/api/v1/deals/0190-abc?token=secret', baseUrl: '', route: { path: '/api/v1/deals/:id' } } as unknown as IncomingMessage;
    expect(options.customSuccessMessage?.(req, { statusCode: 200 } as ServerResponse, 12.4)).toBe('GET /api/v1/deals/:id 200 12ms');
    expect(options.customErrorMessage?.(req, { statusCode: 500 } as ServerResponse, new Error('x'))).toBe('GET /api/v1/deals/:id 500 failed');
    expect(readableLine({ method: 'POST', url: '/nowhere?token=t' } as IncomingMessage, { statusCode: 404 } as ServerResponse, '1ms')).toBe('POST (unrouted) 404 1ms');
  });
});

describe('request logger of a real request', () => {
  it('binds the request id only (never the request), and still serializes errors', async () => {
    const lines: Record<string, unknown>[] = [];
    const stream = new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(JSON.parse(chunk.toString('utf8'))), done()) });
    const options = pinoHttpOptions({ NODE_ENV: 'production', LOG_LEVEL: 'warn' }, 'api');
    const middleware = pinoHttp({ ...options, logger: pino({ level: 'warn', base: { service: 'api' } }, stream) });
    const server = http.createServer((req, res) =>
      middleware(req, res, () => {
        req.log.warn('slow thing');
        req.log.error(new Error('boom'));
        res.end('ok');
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const sent = await fetch(`http://127.0.0.1:${port}/api/v1/deals?token=secret`, { headers: { authorization: 'Bearer abc.def.ghi', 'x-request-id': 'req-42' } });
    await sent.text();
    await new Promise((resolve) => server.close(resolve));

    // The request bound to each request's child logger serializes to nothing (pino serializes bindings when the child is made).
    expect((options.serializers as Record<string, (v: unknown) => unknown>).req({ method: 'GET', headers: { authorization: 'Bearer x' } })).toBeUndefined();
    expect(sent.headers.get('x-request-id')).toBe('req-42');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ level: 40, service: 'api', request_id: 'req-42', msg: 'slow thing' });
    expect(lines[1]).toMatchObject({ level: 50, request_id: 'req-42', err: { type: 'Error', message: 'boom' } });
    for (const line of lines) expect(line).not.toHaveProperty('req');
    expect(JSON.stringify(lines)).not.toMatch(/authorization|Bearer|token=|\/api\/v1\/deals/);
  });
});
