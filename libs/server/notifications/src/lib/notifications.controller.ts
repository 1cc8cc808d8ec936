import { Get, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse } from '@nestjs/swagger';
import { UsersOnly, IdParam, ApiController, PostAction } from '@clockwork/server-core';
import { ErrorResponseDto, NotificationDto, NotificationPageDto, NotificationQueryDto, ReadAllResultDto, ROLES, UnreadCountDto } from '@clockwork/shared-dto';
import { NotificationsService } from './notifications.service';

@ApiController('notifications', 'notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @UsersOnly(...ROLES)
  @ApiOkResponse({ type: NotificationPageDto, description: "The caller's own notifications, newest first" })
  list(@Query() query: NotificationQueryDto): Promise<NotificationPageDto> {
    return this.notifications.list(query);
  }

  @Get('unread-count')
  @UsersOnly(...ROLES)
  @ApiOkResponse({ type: UnreadCountDto })
  unreadCount(): Promise<UnreadCountDto> {
    return this.notifications.unreadCount();
  }

  @PostAction('read-all')
  @UsersOnly(...ROLES)
  @ApiOkResponse({ type: ReadAllResultDto, description: "Marks every unread notification of the caller's read" })
  readAll(): Promise<ReadAllResultDto> {
    return this.notifications.markAllRead();
  }

  @PostAction(':id/read')
  @UsersOnly(...ROLES)
  @ApiOkResponse({ type: NotificationDto, description: 'The notification, read (reading it again keeps the first read_at)' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: "Not one of the caller's notifications" })
  read(@IdParam() id: string): Promise<NotificationDto> {
    return this.notifications.markRead(id);
  }
}
