import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, createMigratedDatabase, migrate } from './test-database';

/**
 * One fresh, migrated database and one Bull key prefix for the whole run, and a migrated template
 * that files needing a database of their own copy (createMigratedDatabase).
 */
export default async function globalSetup(): Promise<void> {
  const template = await createDatabase('ck_e2e_template');
  process.env.E2E_TEMPLATE_DATABASE = template.name;
  await migrate(template.url);
  const db = await createMigratedDatabase('ck_e2e');
  process.env.E2E_DATABASE_NAME = db.name;
  process.env.DATABASE_URL = db.url;
  process.env.QUEUE_PREFIX = `ck-e2e-${randomBytes(4).toString('hex')}`;
  process.env.LOG_LEVEL ??= 'warn';
  process.env.NODE_ENV = 'test';
  // Uploaded attachments go to a folder of this run (removed by the teardown), not .data/.
  process.env.ATTACHMENTS_DIR = process.env.E2E_ATTACHMENTS_DIR = mkdtempSync(join(tmpdir(), 'ck-e2e-attachments-'));
  // Every test signs in from 127.0.0.1 into one shared Redis: the login limits are raised for
  // the run, and the rate-limit tests set their own on isolated apps.
  process.env.LOGIN_RATE_LIMIT_PER_IP ??= '100000';
  process.env.LOGIN_RATE_LIMIT_PER_EMAIL ??= '1000';
  process.env.SIGNUP_RATE_LIMIT_PER_HOUR ??= '100000';
  process.env.PASSWORD_RESET_RATE_LIMIT_PER_IP ??= '100000';
  process.env.PASSWORD_RESET_RATE_LIMIT_PER_EMAIL ??= '1000';
}
