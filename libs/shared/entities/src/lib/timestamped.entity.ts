import { BeforeInsert, CreateDateColumn, UpdateDateColumn } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';

/**
 * A row with a UUIDv7 id, given before insert when none is set (time-ordered, so inserts append
 * to the index instead of scattering across it), and its creation and last-update times. The
 * subclass declares the id's column: the whole key of `organizations`, the second half of a
 * tenant table's (organization_id, id).
 */
export abstract class TimestampedEntity {
  abstract id: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @BeforeInsert()
  assignId(): void {
    if (!this.id) this.id = uuidv7();
  }
}
