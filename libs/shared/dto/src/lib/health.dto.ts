import { ApiProperty } from '@nestjs/swagger';

export type ComponentStatus = 'up' | 'down';

export class HealthDto {
  @ApiProperty({ enum: ['ok', 'error'], example: 'ok' })
  status: 'ok' | 'error';

  @ApiProperty({ enum: ['up', 'down'], example: 'up' })
  db: ComponentStatus;

  @ApiProperty({ enum: ['up', 'down'], example: 'up' })
  redis: ComponentStatus;
}

export class QueueHealthDto {
  @ApiProperty({ example: 'webhook-deliveries' }) name: string;
  @ApiProperty({ description: 'Jobs waiting for a worker (including a paused queue\'s)' }) waiting: number;
  @ApiProperty({ description: 'Jobs being processed now' }) active: number;
  @ApiProperty({ description: 'Jobs scheduled for later (retry backoff)' }) delayed: number;
  @ApiProperty({ description: 'Failed jobs Bull still keeps (each queue keeps a bounded number)' }) failed: number;
}

export class HealthDetailDto extends HealthDto {
  @ApiProperty({
    type: [QueueHealthDto],
    nullable: true,
    description: 'Depth and failures of every Bull queue, read from Redis; null while Redis is down. Work waiting in PostgreSQL (outbox events, webhook deliveries) is not counted here.',
  })
  queues: QueueHealthDto[] | null;
}
