import type { ExecutionContext } from '@nestjs/common';
import type { Env, Principal } from '@clockwork/server-core';
import type { ThrottlerOptions } from '@nestjs/throttler';
import type { Request } from 'express';
import { LOGIN_THROTTLE, PASSWORD_RESET_THROTTLE, SIGNUP_THROTTLE } from './login-throttle.decorators';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
type Req = Request & { principal?: Principal };

const marked = (key: string) => (ctx: ExecutionContext) => Reflect.getMetadata(key, ctx.getHandler()) === true;
const isLogin = marked(LOGIN_THROTTLE);
const isSignup = marked(SIGNUP_THROTTLE);
const isPasswordReset = marked(PASSWORD_RESET_THROTTLE);
const emailOf = (req: unknown) => String((req as Req).body?.email ?? '').trim().toLowerCase();
const principalOf = (ctx: ExecutionContext) => ctx.switchToHttp().getRequest<Req>().principal;
const notApiKey = (ctx: ExecutionContext) => principalOf(ctx)?.kind !== 'api_key';
/** A key's counters span all routes (the library's default key is per route). */
const perKey = (_ctx: ExecutionContext, tracker: string, name: string) => `${name}:${tracker}`;

/** The current UTC day, `YYYY-MM-DD`, and the milliseconds left until the next one begins. */
export const utcDay = (now = Date.now()) => new Date(now).toISOString().slice(0, 10);
export const msUntilNextUtcDay = (now = Date.now()) => DAY - (now % DAY);

/**
 * The named limits: login attempts per email and per IP, signups per IP, password-reset requests
 * per email and per IP, and each API key's own requests per
 * minute and per UTC day (read from the key). Each applies only where its skipIf says; the
 * response headers name the limit (`X-RateLimit-Remaining-api-key-daily`, ...).
 */
export function throttlers(env: Env): ThrottlerOptions[] {
  return [
    {
      name: 'login-ip',
      ttl: MINUTE,
      limit: env.LOGIN_RATE_LIMIT_PER_IP,
      skipIf: (ctx) => !isLogin(ctx),
      getTracker: (req) => `ip:${(req as Req).ip}`,
    },
    {
      name: 'login-email',
      ttl: MINUTE,
      limit: env.LOGIN_RATE_LIMIT_PER_EMAIL,
      skipIf: (ctx) => !isLogin(ctx),
      getTracker: (req) => `email:${emailOf(req)}`,
    },
    {
      name: 'signup-ip',
      ttl: HOUR,
      limit: env.SIGNUP_RATE_LIMIT_PER_HOUR,
      skipIf: (ctx) => !isSignup(ctx),
      getTracker: (req) => `ip:${(req as Req).ip}`,
    },
    {
      name: 'password-reset-ip',
      ttl: HOUR,
      limit: env.PASSWORD_RESET_RATE_LIMIT_PER_IP,
      skipIf: (ctx) => !isPasswordReset(ctx),
      getTracker: (req) => `ip:${(req as Req).ip}`,
    },
    {
      name: 'password-reset-email',
      ttl: HOUR,
      limit: env.PASSWORD_RESET_RATE_LIMIT_PER_EMAIL,
      skipIf: (ctx) => !isPasswordReset(ctx),
      getTracker: (req) => `email:${emailOf(req)}`,
    },
    {
      name: 'api-key',
      ttl: MINUTE,
      limit: (ctx) => principalOf(ctx)?.rateLimitPerMinute ?? env.API_KEY_DEFAULT_RATE_LIMIT,
      skipIf: notApiKey,
      getTracker: (req) => `key:${(req as Req).principal?.id}`,
      generateKey: perKey,
    },
    {
      // One counter per key per UTC day, expiring (and unblocking) at the next UTC midnight.
      name: 'api-key-daily',
      ttl: () => msUntilNextUtcDay(),
      blockDuration: () => msUntilNextUtcDay(),
      limit: (ctx) => principalOf(ctx)?.dailyQuota ?? env.API_KEY_DEFAULT_DAILY_QUOTA,
      skipIf: notApiKey,
      getTracker: (req) => `key:${(req as Req).principal?.id}:${utcDay()}`,
      generateKey: perKey,
    },
  ];
}
