import { Column, Entity } from 'typeorm';
import { TenantBaseEntity } from './tenant-base.entity';

/** A logged email shown on one contact's, account's or deal's timeline (exactly one of the three). */
@Entity('logged_email_links')
export class LoggedEmailLink extends TenantBaseEntity {
  @Column({ type: 'uuid' })
  emailId: string;

  @Column({ type: 'uuid', nullable: true })
  contactId: string | null;

  @Column({ type: 'uuid', nullable: true })
  accountId: string | null;

  @Column({ type: 'uuid', nullable: true })
  dealId: string | null;
}
