import { Column, Entity } from 'typeorm';
import { TenantBaseEntity } from './tenant-base.entity';

/**
 * A named list view: a list page's filters, sort and visible columns. Private views are their
 * owner's only; organization views are read by everyone who may open the list. Each user's
 * default view per list is a row of `saved_view_defaults` (no entity: named SQL only).
 */
@Entity('saved_views')
export class SavedView extends TenantBaseEntity {
  @Column({ type: 'uuid' })
  ownerId: string;

  @Column({ type: 'text' })
  list: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  filters: Record<string, string>;

  @Column({ type: 'text', nullable: true })
  sort: string | null;

  @Column({ type: 'jsonb', nullable: true })
  columns: string[] | null;

  @Column({ type: 'text', default: 'private' })
  visibility: 'private' | 'organization';
}
