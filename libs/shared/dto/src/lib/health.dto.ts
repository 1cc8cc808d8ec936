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
