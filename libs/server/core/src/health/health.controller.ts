import { Controller, Get, HttpCode, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { TypeOrmHealthIndicator } from '@nestjs/terminus';
import { HealthDetailDto, HealthDto } from '@clockwork/shared-dto';
import { QUEUES } from '@clockwork/shared-jobs';
import type { Response } from 'express';
import Redis from 'ioredis';
import { Public, Roles } from '../auth/access.decorators';
import { Env } from '../config/environment.config';
import { InjectRedis } from '../redis/redis.module';
import { queueCounts } from '../redis/queue-stats.service';
import { RedisHealthIndicator } from './redis-health.service';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly db: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    @InjectRedis() private readonly redisClient: Redis,
    private readonly env: Env,
  ) {}

  @Get()
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: HealthDto, description: 'Every component is up' })
  @ApiServiceUnavailableResponse({ type: HealthDto, description: 'A component is down' })
  async check(@Res({ passthrough: true }) res: Response): Promise<HealthDto> {
    const [db, redis] = await Promise.all([
      this.db
        .pingCheck('db', { timeout: 1000 })
        .then((r) => r.db.status)
        .catch(() => 'down' as const),
      this.redis.check('redis').then((r) => r.redis.status),
    ]);
    const body: HealthDto = { status: db === 'up' && redis === 'up' ? 'ok' : 'error', db, redis };
    if (body.status !== 'ok') res.status(HttpStatus.SERVICE_UNAVAILABLE);
    return body;
  }

  @Get('detail')
  @Roles('admin')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: HealthDetailDto, description: 'Every component is up; with the depth (waiting, active, delayed) and failed count of every Bull queue' })
  @ApiServiceUnavailableResponse({ type: HealthDetailDto, description: 'A component is down (queues is null while Redis is)' })
  async detail(@Res({ passthrough: true }) res: Response): Promise<HealthDetailDto> {
    const health = await this.check(res);
    const counts = await queueCounts(this.redisClient, this.env.QUEUE_PREFIX, Object.values(QUEUES)).catch(() => null);
    return { ...health, queues: counts && Object.entries(counts).map(([name, c]) => ({ name, ...c })) };
  }
}
