import { Column, Entity } from 'typeorm';
import { TenantBaseEntity } from './tenant-base.entity';

export type LoggedEmailStatus = 'matched' | 'unmatched';
export type LoggedEmailSource = 'smtp' | 'webhook';

/** One address of a logged email's header. */
export interface EmailParticipant {
  address: string;
  name: string | null;
}

/**
 * An email received at the organization's inbound address (SMTP listener or signed webhook),
 * stored once per Message-ID. Its bodies are encrypted at rest (encrypted-columns.config.ts);
 * `matched` once linked to at least one contact, `unmatched` while it waits for review.
 */
@Entity('logged_emails')
export class LoggedEmail extends TenantBaseEntity {
  @Column({ type: 'text' })
  messageId: string;

  @Column({ type: 'text' })
  source: LoggedEmailSource;

  @Column({ type: 'text' })
  status: LoggedEmailStatus;

  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'text' })
  snippet: string;

  @Column({ type: 'text' })
  fromAddress: string;

  @Column({ type: 'text', nullable: true })
  fromName: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  toAddresses: EmailParticipant[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  ccAddresses: EmailParticipant[];

  @Column({ type: 'timestamptz' })
  sentAt: Date;

  @Column({ type: 'text', nullable: true })
  bodyText: string | null;

  @Column({ type: 'text', nullable: true })
  bodyHtml: string | null;
}
