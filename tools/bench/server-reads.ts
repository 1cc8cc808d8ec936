// With --replica: where each scenario's reads ran, from pg_stat_database of the bench's database
// on the primary and on the replica (asked through each server's `postgres` database, so the
// asking is not counted). Rows read = tup_returned + tup_fetched.
import { Client } from 'pg';
import { sleep } from '../dev/free-port';
import { ReplicaPair, replicaCaughtUp } from '../testing/replica-pair';

export interface ReadCounts {
  transactions: number;
  rowsRead: number;
}

export interface ServerReads {
  primary: ReadCounts;
  replica: ReadCounts;
  /** The replica's share of the rows read on both servers, in percent. */
  replicaShare: number | null;
}

async function countsOn(adminUrl: string, database: string): Promise<ReadCounts> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ transactions: string; rows_read: string }>(
      'SELECT xact_commit + xact_rollback AS transactions, tup_returned + tup_fetched AS rows_read FROM pg_stat_database WHERE datname = $1',
      [database],
    );
    return { transactions: Number(rows[0]?.transactions ?? 0), rowsRead: Number(rows[0]?.rows_read ?? 0) };
  } finally {
    await client.end();
  }
}

/**
 * Before a scenario: the replica has replayed everything written so far (the seed, the previous
 * scenario), as each scenario starts on a quiet stack; up to 30 s, then the run goes on (its
 * reads then go to the primary while the replica lags more than REPLICA_MAX_LAG_SECONDS).
 */
export async function replicaReady(pair: ReplicaPair, log: (m: string) => void): Promise<void> {
  const started = Date.now();
  await replicaCaughtUp(pair).then(
    () => log(`  replica caught up in ${((Date.now() - started) / 1000).toFixed(1)} s`),
    (e: Error) => log(`  replica still behind: ${e.message}`),
  );
}

/**
 * Both servers' counters, once the replica's have settled: a backend reports its statistics when
 * it goes idle, at most once a second and within 10 s, so this waits for two equal readings.
 */
export async function snapshot(pair: ReplicaPair, database: string): Promise<{ primary: ReadCounts; replica: ReadCounts }> {
  let replica = await countsOn(pair.replica.adminUrl, database);
  for (let i = 0; i < 12; i++) {
    await sleep(1000);
    const next = await countsOn(pair.replica.adminUrl, database);
    const settled = next.rowsRead === replica.rowsRead;
    replica = next;
    if (settled) break;
  }
  return { primary: await countsOn(pair.primary.adminUrl, database), replica };
}

export function readsBetween(before: { primary: ReadCounts; replica: ReadCounts }, after: { primary: ReadCounts; replica: ReadCounts }): ServerReads {
  const diff = (a: ReadCounts, b: ReadCounts): ReadCounts => ({ transactions: b.transactions - a.transactions, rowsRead: b.rowsRead - a.rowsRead });
  const primary = diff(before.primary, after.primary);
  const replica = diff(before.replica, after.replica);
  const total = primary.rowsRead + replica.rowsRead;
  return { primary, replica, replicaShare: total > 0 ? Math.round((replica.rowsRead / total) * 1000) / 10 : null };
}

/** The markdown table of where each scenario read. */
export function readsTable(outcomes: { id: string; reads?: ServerReads }[]): string {
  const n = (v: number) => v.toLocaleString('en-US');
  const lines = outcomes
    .filter((o) => o.reads)
    .map(({ id, reads }) => {
      const r = reads as ServerReads;
      return `| ${id} | ${n(r.replica.rowsRead)} | ${n(r.primary.rowsRead)} | ${r.replicaShare === null ? '-' : `${r.replicaShare}%`} | ${n(r.replica.transactions)} | ${n(r.primary.transactions)} |`;
    });
  return ['| Scenario | Rows read on the replica | Rows read on the primary | Replica share | Replica transactions | Primary transactions |', '| --- | --- | --- | --- | --- | --- |', ...lines].join('\n');
}
