import { Column, Entity } from 'typeorm';
import { VersionedTenantEntity } from './tenant-base.entity';

/**
 * An organization's inbound mail address `<token>@<INBOUND_MAIL_DOMAIN>` (one per organization;
 * the token is unique across organizations) and the signing secret of its inbound-mail webhook
 * (encrypted by the email-log module, AAD bound to the row).
 */
@Entity('email_inboxes')
export class EmailInbox extends VersionedTenantEntity {
  @Column({ type: 'text' })
  token: string;

  @Column({ type: 'text' })
  signingSecret: string;
}
