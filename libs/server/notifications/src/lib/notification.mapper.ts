import type { NotificationDto } from '@clockwork/shared-dto';
import type { Notification } from '@clockwork/shared-entities';

const iso = (d: Date | string) => new Date(d).toISOString();

/** The wire shape of a notification (the email bookkeeping stays inside). */
export function toNotificationDto(n: Notification): NotificationDto {
  return {
    id: n.id,
    kind: n.kind,
    title: n.title,
    body: n.body,
    link: n.link,
    data: n.data,
    read_at: n.readAt ? iso(n.readAt) : null,
    created_at: iso(n.createdAt),
    updated_at: iso(n.updatedAt),
  };
}
