import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { RequestContext } from '@clockwork/server-core';
import type { NotificationDto, NotificationPageDto, NotificationQueryDto, ReadAllResultDto, UnreadCountDto } from '@clockwork/shared-dto';
import { toNotificationDto } from './notification.mapper';
import { NotificationsRepository } from './notifications.repository';

/**
 * The signed-in user's own notifications. Marking them read is the user's own view state, not
 * a change to the organization's records: it is not audited and raises no event.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly context: RequestContext,
  ) {}

  list(query: NotificationQueryDto): Promise<NotificationPageDto> {
    return this.notifications.listPage(this.userId(), query, toNotificationDto);
  }

  async unreadCount(): Promise<UnreadCountDto> {
    return { unread: await this.notifications.unreadCount(this.userId()) };
  }

  async markRead(id: string): Promise<NotificationDto> {
    const row = await this.notifications.markRead(this.userId(), id);
    if (!row) throw new NotFoundException('Notification not found');
    return toNotificationDto(row);
  }

  async markAllRead(): Promise<ReadAllResultDto> {
    return { updated: await this.notifications.markAllRead(this.userId()) };
  }

  private userId(): string {
    const principal = this.context.principal;
    if (principal?.kind !== 'user') throw new ForbiddenException('Only a signed-in user has notifications');
    return principal.id;
  }
}
