import { Column, Entity } from 'typeorm';
import { RecordChildEntity } from './record-parent';

@Entity('notes')
export class Note extends RecordChildEntity {
  @Column({ type: 'text' })
  body: string;

  /** Private notes are shown to their author and admins only. */
  @Column({ type: 'boolean', default: false })
  isPrivate: boolean;
}
