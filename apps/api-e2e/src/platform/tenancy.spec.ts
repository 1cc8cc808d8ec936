import { DataSource } from 'typeorm';
import { v7 as uuid } from 'uuid';
import { testDataSource } from '../support/test-database';

describe('tenancy in the schema', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await testDataSource(process.env.DATABASE_URL as string).initialize();
  });
  afterAll(() => db.destroy());

  const org = async () => {
    const id = uuid();
    await db.query(`INSERT INTO organizations (id, name) VALUES ($1, $2)`, [id, `Org ${id}`]);
    return id;
  };

  it('gives every tenant table organization_id first in an (organization_id, id) primary key', async () => {
    const rows: { table_name: string; columns: string[] }[] = await db.query(`
      SELECT c.relname AS table_name,
             array_agg(a.attname::text ORDER BY array_position(i.indkey, a.attnum)) AS columns
        FROM pg_index i
        JOIN pg_class c ON c.oid = i.indrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY (i.indkey)
       WHERE i.indisprimary AND c.relname NOT IN ('organizations', 'schema_migrations')
       GROUP BY c.relname`);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const row of rows) expect({ table: row.table_name, pk: row.columns }).toEqual({ table: row.table_name, pk: ['organization_id', 'id'] });
  });

  it('refuses a row that links two organizations', async () => {
    const [a, b] = [await org(), await org()];
    const accountOfA = uuid();
    await db.query(`INSERT INTO accounts (organization_id, id, name) VALUES ($1, $2, 'Acme')`, [a, accountOfA]);
    await expect(
      db.query(`INSERT INTO contacts (organization_id, id, account_id, first_name) VALUES ($1, $2, $3, 'Eve')`, [b, uuid(), accountOfA]),
    ).rejects.toMatchObject({ driverError: expect.objectContaining({ code: '23503', constraint: 'contacts_account_fk' }) });
    const [{ count }] = await db.query(`SELECT count(*)::int AS count FROM contacts WHERE organization_id = $1`, [b]);
    expect(count).toBe(0);
  });

  it('accepts the same link inside one organization', async () => {
    const a = await org();
    const account = uuid();
    await db.query(`INSERT INTO accounts (organization_id, id, name) VALUES ($1, $2, 'Acme')`, [a, account]);
    await db.query(`INSERT INTO contacts (organization_id, id, account_id, first_name) VALUES ($1, $2, $3, 'Ann')`, [a, uuid(), account]);
    const [{ count }] = await db.query(`SELECT count(*)::int AS count FROM contacts WHERE account_id = $1`, [account]);
    expect(count).toBe(1);
  });
});
