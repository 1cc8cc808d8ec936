import { Controller, Get, HttpCode, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { TypeOrmHealthIndicator } from '@nestjs/terminus';
import { HealthDto } from '@clockwork/shared-dto';
import type { Response } from 'express';
import { Public } from '../auth/access.decorators';
import { RedisHealthIndicator } from './redis.health';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly db: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
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
}
