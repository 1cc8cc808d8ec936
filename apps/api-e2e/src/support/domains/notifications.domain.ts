import { INestApplication } from '@nestjs/common';
import { NewNotification, NotificationWriter } from '@clockwork/server-notifications';
import { DataSource } from 'typeorm';
import type { SignedUp } from '../org-fixture';
import type { DomainFixture } from './domain-fixture';

/**
 * Records a notification for a user the way the product does (NotificationWriter in a
 * transaction); there is no route that creates one. Returns its id.
 */
export async function createNotification(app: INestApplication, org: SignedUp, userId = org.userId, extra: Partial<NewNotification> = {}): Promise<string> {
  const db = app.get(DataSource);
  const writer = app.get(NotificationWriter);
  await db.transaction((m) => writer.record(m, org.organizationId, { userId, kind: 'test.note', title: 'Something happened', body: 'Details', link: '/accounts', ...extra }));
  const [row] = await db.query(`SELECT id FROM notifications WHERE organization_id = $1 AND user_id = $2 ORDER BY created_at DESC, id DESC LIMIT 1`, [org.organizationId, userId]);
  return row.id;
}

const OWN_VIEW_STATE = "marks the caller's own notifications read: the reader's view state, not a change to the organization's records";

const fixture: DomainFixture = {
  resource: 'notifications',
  create: (app, admin) => createNotification(app, admin),
  audit: {},
  unaudited: {
    'POST /api/v1/notifications/{id}/read': OWN_VIEW_STATE,
    'POST /api/v1/notifications/read-all': OWN_VIEW_STATE,
  },
};
export default fixture;
