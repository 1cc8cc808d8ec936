import { Column, Entity } from 'typeorm';
import { RecordLinksEntity } from './record-links.entity';

/** A logged email shown on one contact's, account's or deal's timeline (exactly one of the three). */
@Entity('logged_email_links')
export class LoggedEmailLink extends RecordLinksEntity {
  @Column({ type: 'uuid' })
  emailId: string;

}
