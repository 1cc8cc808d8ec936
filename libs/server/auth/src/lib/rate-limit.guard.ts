import { ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { ThrottlerException, ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import type { Response } from 'express';

/**
 * @nestjs/throttler with the contract's answer: 429 with `Retry-After` in seconds. When the
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
    ctx.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(seconds));
    throw new ThrottlerException(`Too many requests: retry after ${seconds} s`);
  }
}
