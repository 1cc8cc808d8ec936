import type { IncomingMessage, ServerResponse } from 'node:http';
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
