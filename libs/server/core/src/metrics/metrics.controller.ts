import { Controller, Get, Headers, Res, UnauthorizedException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { Public } from '../auth/access.decorators';
import { Env } from '../config/environment.config';
import { Metrics } from './metrics.service';

const sameToken = (given: string, expected: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/** `GET /metrics` (outside /api/v1) in Prometheus text format; behind `Bearer METRICS_TOKEN` when set. */
@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    private readonly env: Env,
  ) {}

  @Get()
  async scrape(@Res() res: Response, @Headers('authorization') authorization?: string): Promise<void> {
    if (this.env.METRICS_TOKEN && !sameToken(authorization ?? '', `Bearer ${this.env.METRICS_TOKEN}`)) {
      throw new UnauthorizedException('GET /metrics needs Authorization: Bearer <METRICS_TOKEN>');
    }
    res.setHeader('Content-Type', this.metrics.registry.contentType);
    res.send(await this.metrics.registry.metrics());
  }
}
