// Runs pending migrations (used by `npm start` and `.ci/run`); prints what it applied.
import dataSource from './data-source';

async function main(): Promise<void> {
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    console.log(applied.length ? `Applied ${applied.map((m) => m.name).join(', ')}` : 'Database schema is up to date');
  } finally {
    await dataSource.destroy();
  }
}

main().catch((e: Error) => {
  console.error(`Migration failed: ${e.message}`);
  process.exit(1);
});
