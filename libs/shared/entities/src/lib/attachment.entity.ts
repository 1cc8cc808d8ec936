import { Column, Entity } from 'typeorm';
import { RecordChildEntity } from './record-parent';

/** A file's metadata; the bytes live in the configured storage under `storageKey`. */
@Entity('attachments')
export class Attachment extends RecordChildEntity {
  @Column({ type: 'text' })
  fileName: string;

  @Column({ type: 'text' })
  contentType: string;

  @Column({ type: 'bigint' })
  sizeBytes: string;

  @Column({ type: 'text' })
  storageKey: string;

  @Column({ type: 'text' })
  sha256: string;
}
