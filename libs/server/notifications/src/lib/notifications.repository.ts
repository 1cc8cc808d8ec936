import { Injectable } from '@nestjs/common';
import { TenantRepository } from '@clockwork/server-core';
import type { NotificationDto, NotificationQueryDto } from '@clockwork/shared-dto';
import { Notification } from '@clockwork/shared-entities';
import { SelectQueryBuilder } from 'typeorm';

/** A user's own notifications: every query names the recipient as well as the organization. */
@Injectable()
export class NotificationsRepository extends TenantRepository<Notification> {
  constructor() {
    super(Notification, 'Notification');
  }

  /** Newest first on (organization_id, user_id, created_at, id), the one order. */
  listPage(userId: string, query: NotificationQueryDto, map: (n: Notification) => NotificationDto) {
    const filter = (qb: SelectQueryBuilder<Notification>) => {
      qb.andWhere('n.user_id = :userId', { userId });
      if (query.unread === true) qb.andWhere('n.read_at IS NULL');
      if (query.unread === false) qb.andWhere('n.read_at IS NOT NULL');
    };
    return this.page('n', { ...query, sort: undefined }, map, { filter });
  }

  /** Marks one of the user's notifications read (kept as first read); null when it is not theirs. */
  async markRead(userId: string, id: string): Promise<Notification | null> {
    await this.dataSource.query(
      `UPDATE notifications SET read_at = now(), updated_at = now() WHERE organization_id = $1 AND user_id = $2 AND id = $3 AND read_at IS NULL`,
      [this.organizationId, userId, id],
    );
    return this.repository().findOneBy({ organizationId: this.organizationId, userId, id });
  }

  async markAllRead(userId: string): Promise<number> {
    const [, affected] = await this.dataSource.query(
      `UPDATE notifications SET read_at = now(), updated_at = now() WHERE organization_id = $1 AND user_id = $2 AND read_at IS NULL`,
      [this.organizationId, userId],
    );
    return affected as number;
  }

  async unreadCount(userId: string): Promise<number> {
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS n FROM notifications WHERE organization_id = $1 AND user_id = $2 AND read_at IS NULL`, [this.organizationId, userId]);
    return row.n as number;
  }
}
