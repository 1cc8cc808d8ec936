import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Room in each page of webhook_deliveries for the next versions of its rows. The relay's lease
 * and the sender's claim change only the lease columns (in no index), so with free space on the
 * page they are HOT updates: no new entry in any of the table's four indexes, less WAL. It
 * applies to pages written from now on.
 */
export class WebhookDeliveryFillfactor1763702000000 implements MigrationInterface {
  name = 'WebhookDeliveryFillfactor1763702000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE webhook_deliveries SET (fillfactor = 60)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE webhook_deliveries RESET (fillfactor)`);
  }
}
