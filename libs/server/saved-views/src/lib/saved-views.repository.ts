import { Injectable } from '@nestjs/common';
import { TenantRepository } from '@clockwork/server-core';
import { SavedView } from '@clockwork/shared-entities';
import { v7 as uuidv7 } from 'uuid';
import { EntityManager } from 'typeorm';

/** Saved views, and each user's default view per list (`saved_view_defaults`, named SQL). */
@Injectable()
export class SavedViewsRepository extends TenantRepository<SavedView> {
  constructor() {
    super(SavedView, 'SavedView');
  }

  /** The views of one list the user may see: their own and the shared ones (when `shared`), by name. */
  visible(list: string, userId: string, shared: boolean): Promise<SavedView[]> {
    const qb = this.scoped('v').andWhere('v.list = :list', { list });
    qb.andWhere(shared ? "(v.owner_id = :userId OR v.visibility = 'organization')" : 'v.owner_id = :userId', { userId });
    return qb.orderBy('lower(v.name)', 'ASC').addOrderBy('v.id', 'ASC').getMany();
  }

  /** The id of the user's default view of a list, or null. */
  async defaultOf(list: string, userId: string, manager?: EntityManager): Promise<string | null> {
    const rows: { view_id: string }[] = await (manager ?? this.dataSource.manager).query(
      'SELECT view_id FROM saved_view_defaults WHERE organization_id = $1 AND user_id = $2 AND list = $3',
      [this.organizationId, userId, list],
    );
    return rows[0]?.view_id ?? null;
  }

  setDefault(manager: EntityManager, list: string, userId: string, viewId: string): Promise<unknown> {
    return manager.query(
      `INSERT INTO saved_view_defaults (organization_id, id, user_id, list, view_id) VALUES ($1, $5, $2, $3, $4)
       ON CONFLICT (organization_id, user_id, list) DO UPDATE SET view_id = EXCLUDED.view_id`,
      [this.organizationId, userId, list, viewId, uuidv7()],
    );
  }

  unsetDefault(manager: EntityManager, userId: string, viewId: string): Promise<unknown> {
    return manager.query('DELETE FROM saved_view_defaults WHERE organization_id = $1 AND user_id = $2 AND view_id = $3', [this.organizationId, userId, viewId]);
  }

  /** Views that stopped being shared are nobody else's default any more. */
  dropOthersDefaults(manager: EntityManager, ownerId: string, viewId: string): Promise<unknown> {
    return manager.query('DELETE FROM saved_view_defaults WHERE organization_id = $1 AND view_id = $2 AND user_id <> $3', [this.organizationId, viewId, ownerId]);
  }
}
