import type { ExecutionContext } from '@nestjs/common';
import type { Env, Principal } from '@clockwork/server-core';
import type { ThrottlerOptions } from '@nestjs/throttler';
import type { Request } from 'express';
import { LOGIN_THROTTLE } from './login-throttle.decorator';

const MINUTE = 60_000;
type Req = Request & { principal?: Principal };

const isLogin = (ctx: ExecutionContext) => Reflect.getMetadata(LOGIN_THROTTLE, ctx.getHandler()) === true;
const principalOf = (ctx: ExecutionContext) => ctx.switchToHttp().getRequest<Req>().principal;

/**
 * The named limits: login attempts per email and per IP, and each API key's own requests per
 * minute (read from the key). Each applies only where its skipIf says.
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
      getTracker: (req) => `email:${String((req as Req).body?.email ?? '').trim().toLowerCase()}`,
    },
    {
      name: 'api-key',
      ttl: MINUTE,
      limit: (ctx) => principalOf(ctx)?.rateLimitPerMinute ?? env.API_KEY_DEFAULT_RATE_LIMIT,
      skipIf: (ctx) => principalOf(ctx)?.kind !== 'api_key',
      getTracker: (req) => `key:${(req as Req).principal?.id}`,
    },
  ];
}
