// `npm run keys:status`: how many encrypted values are not yet under the current key (and
// blind indexes not under the index key), per column. Exit code 0 when none: every key but the
// first and the last listed in ENCRYPTION_KEYS may then be removed. `--json` prints the report.
import 'reflect-metadata';
import { applyEnvFiles, dataSourceOptions, EncryptedFields, FieldCipher, KeyRotationService, loadEnv } from '@clockwork/server-core';
import { DataSource } from 'typeorm';

async function main(): Promise<number> {
  applyEnvFiles();
  const env = loadEnv();
  const dataSource = new DataSource(dataSourceOptions(env, 'clockwork-keys-status'));
  await dataSource.initialize();
  try {
    const status = await new KeyRotationService(dataSource, new EncryptedFields(new FieldCipher(env), env)).status();
    if (process.argv.includes('--json')) console.log(JSON.stringify(status, null, 2));
    else {
      console.log(`Current key: ${status.current_key_id}   blind-index key: ${status.index_key_id}`);
      console.table(status.columns.map((c) => ({ column: `${c.table}.${c.column}`, remaining: c.remaining, 'of which plain': c.plaintext, 'stale indexes': c.stale_indexes })));
      console.log(status.remaining === 0 ? 'Nothing remaining: older keys may be removed.' : `${status.remaining} remaining: let the key-rotation job run (it runs at worker start and daily).`);
    }
    return status.remaining === 0 ? 0 : 3;
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (e: Error) => {
    console.error(`keys:status failed: ${e.message}`);
    process.exit(1);
  },
);
