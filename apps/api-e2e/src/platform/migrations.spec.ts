import { ALL_MIGRATIONS } from '@clockwork/shared-entities';
import { DataSource } from 'typeorm';
import { createDatabase, dropDatabase, testDataSource } from '../support/test-database';

const tables = async (db: DataSource): Promise<string[]> =>
  (await db.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`)).map(
    (r: { tablename: string }) => r.tablename,
  );

describe('migrations', () => {
  let name: string;
  let db: DataSource;
  beforeAll(async () => {
    const created = await createDatabase('ck_migrations');
    name = created.name;
    db = await testDataSource(created.url).initialize();
  });
  afterAll(async () => {
    await db.destroy();
    await dropDatabase(name);
  });

  it('run, revert all, and run again on an empty database', async () => {
    expect(await tables(db)).toEqual([]);
    const applied = await db.runMigrations({ transaction: 'each' });
    expect(applied).toHaveLength(ALL_MIGRATIONS.length);
    const schema = await tables(db);
    expect(schema).toEqual(expect.arrayContaining(['organizations', 'outbox_events', 'accounts', 'contacts']));

    for (let i = 0; i < ALL_MIGRATIONS.length; i++) await db.undoLastMigration({ transaction: 'each' });
    expect(await tables(db)).toEqual(['schema_migrations']);
    expect(await db.query(`SELECT * FROM schema_migrations`)).toEqual([]);

    await db.runMigrations({ transaction: 'each' });
    expect(await tables(db)).toEqual(schema);
    expect(await db.showMigrations()).toBe(false);
  });
});
