import { Column, Entity } from 'typeorm';
import { TenantBaseEntity } from './tenant-base.entity';

export const NOTIFICATION_EMAIL_STATUSES = ['pending', 'sent', 'skipped', 'failed'] as const;
export type NotificationEmailStatus = (typeof NOTIFICATION_EMAIL_STATUSES)[number];

/** Something one user should see in the app (and, when asked, by email). */
@Entity('notifications')
export class Notification extends TenantBaseEntity {
  /** The recipient. */
  @Column({ type: 'uuid' }) userId: string;
  /** What it is about, e.g. `time_entries.unmapped`, `task.overdue`. */
  @Column({ type: 'text' }) kind: string;
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'text', default: '' }) body: string;
  /** Where the web app opens it, e.g. `/time-entries/unmapped`. */
  @Column({ type: 'text', nullable: true }) link: string | null;
  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" }) data: Record<string, unknown>;
  /** One unread notification per recipient and key: recording the same key again updates it. */
  @Column({ type: 'text', nullable: true }) dedupeKey: string | null;
  @Column({ type: 'timestamptz', nullable: true }) readAt: Date | null;
  /** null: no email wanted. */
  @Column({ type: 'text', nullable: true }) emailStatus: NotificationEmailStatus | null;
  @Column({ type: 'integer', default: 0 }) emailAttempts: number;
  @Column({ type: 'timestamptz', nullable: true }) emailedAt: Date | null;
}
