import { ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { ThrottlerException, ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import type { Response } from 'express';

/** Limits whose counter keys start with their name (see throttlers.config.ts), as the 429 names them. */
const LIMIT_NAMES: Record<string, string> = {
  'api-key': "This API key's requests per minute",
  'api-key-daily': "This API key's daily quota",
};

/**
 * @nestjs/throttler with the contract's answer: 429 with `Retry-After` in seconds (and, for an API
 * key's limits, `X-RateLimit-Exceeded` naming the limit). When the
 * limiter's Redis is unreachable the request is let through (logged): an outage of the rate
 * limiter must not lock everyone out.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  private readonly log = new Logger(RateLimitGuard.name);

  override async canActivate(ctx: ExecutionContext): Promise<boolean> {
    try {
      return await super.canActivate(ctx);
    } catch (e) {
      if (e instanceof ThrottlerException) throw e;
      this.log.warn(`Rate limiter unavailable, request allowed: ${(e as Error).message}`);
      return true;
    }
  }

  protected override async throwThrottlingException(ctx: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const seconds = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    const res = ctx.switchToHttp().getResponse<Response>();
    res.setHeader('Retry-After', String(seconds));
    const name = detail.key.split(':')[0];
    const limit = LIMIT_NAMES[name];
    if (limit) res.setHeader('X-RateLimit-Exceeded', name);
    throw new ThrottlerException(limit ? `${limit} exceeded (${detail.limit}): retry after ${seconds} s` : `Too many requests: retry after ${seconds} s`);
  }
}
