import { DataSource } from 'typeorm';

const INSERTS = {
  account: `INSERT INTO accounts (organization_id, id, name) VALUES ($1, gen_random_uuid(), 'Parent account') RETURNING id`,
  contact: `INSERT INTO contacts (organization_id, id, first_name) VALUES ($1, gen_random_uuid(), 'Parent') RETURNING id`,
  deal: `INSERT INTO deals (organization_id, id, name) VALUES ($1, gen_random_uuid(), 'Parent deal') RETURNING id`,
  task: `INSERT INTO tasks (organization_id, id, title) VALUES ($1, gen_random_uuid(), 'Parent task') RETURNING id`,
} as const;

/**
 * A record to hang notes and attachments off, written straight into the database so that these
 * tests do not depend on the contacts, deals and tasks routes.
 */
export async function insertParent(db: DataSource, organizationId: string, type: keyof typeof INSERTS): Promise<string> {
  const [row] = await db.query(INSERTS[type], [organizationId]);
  return row.id;
}
