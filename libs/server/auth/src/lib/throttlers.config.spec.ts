import type { Env } from '@clockwork/server-core';
import type { ExecutionContext } from '@nestjs/common';
import { LoginThrottle } from './login-throttle.decorators';
import { throttlers } from './throttlers.config';

const env = { LOGIN_RATE_LIMIT_PER_IP: 60, LOGIN_RATE_LIMIT_PER_EMAIL: 10, API_KEY_DEFAULT_RATE_LIMIT: 600 } as Env;

class Routes {
  @LoginThrottle()
  login(): string {
    return 'login';
  }

  other(): string {
    return 'other';
  }
}

const ctx = (handler: () => string, req: object) =>
  ({ getHandler: () => handler, switchToHttp: () => ({ getRequest: () => req }) }) as unknown as ExecutionContext;

describe('throttlers', () => {
  const all = throttlers(env);
  const named = (name: string) => all.find((t) => t.name === name) as (typeof all)[number];
  const [ip, email, key] = [named('login-ip'), named('login-email'), named('api-key')];
  const proto = Routes.prototype;

  it('count login attempts per IP and per normalised email, on login routes only', () => {
    expect(ip.skipIf?.(ctx(proto.login, {}))).toBe(false);
    expect(ip.skipIf?.(ctx(proto.other, {}))).toBe(true);
    expect(email.skipIf?.(ctx(proto.other, {}))).toBe(true);
    expect(ip.getTracker?.({ ip: '10.0.0.9' } as never, ctx(proto.login, {}))).toBe('ip:10.0.0.9');
    expect(email.getTracker?.({ body: { email: ' Ada@Acme.TEST ' } } as never, ctx(proto.login, {}))).toBe('email:ada@acme.test');
  });

  it("limit an API key by its own rate, and skip everyone else", async () => {
    const keyReq = { principal: { kind: 'api_key', id: 'k1', rateLimitPerMinute: 7 } };
    expect(key.skipIf?.(ctx(proto.other, keyReq))).toBe(false);
    expect(key.skipIf?.(ctx(proto.other, { principal: { kind: 'user', id: 'u1' } }))).toBe(true);
    expect(typeof key.limit === 'function' ? await key.limit(ctx(proto.other, keyReq)) : key.limit).toBe(7);
    expect(key.getTracker?.(keyReq as never, ctx(proto.other, keyReq))).toBe('key:k1');
  });
});
