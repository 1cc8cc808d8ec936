import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { ReportOwner } from './catalog/report.catalogue';

/** Named queries about the users that own scheduled reports and exports (worker side, no request context). */
@Injectable()
export class ReportOwnersRepository {
  /** The owner as stored now (role and active flag re-read on every run); null when the user is gone. */
  async current(manager: EntityManager, organizationId: string, userId: string): Promise<ReportOwner | null> {
    const [owner]: ReportOwner[] = await manager.query(`SELECT id, role, is_active FROM users WHERE organization_id = $1 AND id = $2`, [organizationId, userId]);
    return owner ?? null;
  }

  /** The organization's active admins (to be told that a schedule stopped). */
  async activeAdminIds(manager: EntityManager, organizationId: string): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(`SELECT id FROM users WHERE organization_id = $1 AND role = 'admin' AND is_active ORDER BY id`, [organizationId]);
    return rows.map((r) => r.id);
  }
}
