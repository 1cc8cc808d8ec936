import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { PageOf, PageQueryDto } from './page.dto';

export class NotificationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'task.overdue', description: 'What it is about: time_entries.unmapped, task.overdue, task.idle, webhook_subscription.disabled, ...' }) kind: string;
  @ApiProperty({ example: 'Overdue: Send the proposal' }) title: string;
  @ApiProperty({ example: 'Due 2026-03-01 (urgent)' }) body: string;
  @ApiProperty({ nullable: true, type: String, example: '/time-entries/unmapped', description: 'Where the web app opens it' }) link: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Details of the kind, e.g. task_id, count' }) data: Record<string, unknown>;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'null while unread' }) read_at: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time', description: 'Later than created_at when the notification was refreshed (e.g. its count grew)' }) updated_at: string;
}

export class NotificationPageDto extends PageOf(NotificationDto) {}

/** `?unread=true&limit=&cursor=`: the caller's own notifications, newest first. */
export class NotificationQueryDto extends OmitType(PageQueryDto, ['sort', 'format'] as const) {
  @ApiPropertyOptional({ type: 'boolean', description: 'true: only unread ones' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'unread must be true or false' })
  unread?: boolean;
}

export class UnreadCountDto {
  @ApiProperty({ example: 3 }) unread: number;
}

export class ReadAllResultDto {
  @ApiProperty({ example: 3, description: 'How many were unread and are read now' }) updated: number;
}
