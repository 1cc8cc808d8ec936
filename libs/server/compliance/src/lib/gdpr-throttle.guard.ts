import { CanActivate, ExecutionContext, Inject, Injectable, Logger } from '@nestjs/common';
import { Env, RequestContext } from '@clockwork/server-core';
import { ThrottlerException, ThrottlerStorage } from '@nestjs/throttler';
import type { Response } from 'express';

const HOUR_MS = 3_600_000;

/**
 * GDPR requests per organization: GDPR_RATE_LIMIT_PER_HOUR exports and, separately, as many
 * erasures per hour, counted in the api's rate-limit store (@nestjs/throttler's Redis storage,
 * shared by every api process); beyond that 429 with `Retry-After`. Runs after the access
 * guard, so refused callers are not counted. When the store is unreachable the request is let
 * through (logged), like the other limits.
 */
@Injectable()
export class GdprThrottleGuard implements CanActivate {
  private readonly logger = new Logger(GdprThrottleGuard.name);

  constructor(
    @Inject(ThrottlerStorage) private readonly storage: ThrottlerStorage,
    private readonly env: Env,
    private readonly context: RequestContext,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const operation = ctx.getHandler().name;
    const key = `gdpr:${operation}:${this.context.organizationId}`;
    let record;
    try {
      record = await this.storage.increment(key, HOUR_MS, this.env.GDPR_RATE_LIMIT_PER_HOUR, HOUR_MS, 'gdpr');
    } catch (e) {
      this.logger.warn(`Rate limiter unavailable, GDPR request allowed: ${(e as Error).message}`);
      return true;
    }
    if (!record.isBlocked) return true;
    const seconds = Math.max(1, Math.ceil(record.timeToBlockExpire));
    ctx.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(seconds));
    throw new ThrottlerException(`Too many GDPR requests: at most ${this.env.GDPR_RATE_LIMIT_PER_HOUR} per hour per organization; retry after ${seconds} s`);
  }
}
