import { Column, Entity } from 'typeorm';
import { TenantBaseEntity } from './tenant-base.entity';

/** A file attached to a logged email; its bytes are in the platform's storage under `storageKey`. */
@Entity('logged_email_attachments')
export class LoggedEmailAttachment extends TenantBaseEntity {
  @Column({ type: 'uuid' })
  emailId: string;

  @Column({ type: 'text' })
  fileName: string;

  @Column({ type: 'text' })
  contentType: string;

  @Column({ type: 'integer' })
  sizeBytes: number;

  @Column({ type: 'text' })
  storageKey: string;
}
