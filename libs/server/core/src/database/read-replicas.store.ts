import { HttpException, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { RequestContext } from '../auth/request-context.store';
import { Env } from '../config/environment.config';
import { encryptedColumnsSubscriber } from '../crypto/encrypted-columns.subscriber';
import { EncryptedFields } from '../crypto/encrypted-fields.cipher';
import { Metrics } from '../metrics/metrics.service';
import { InjectRedis } from '../redis/redis.module';
import { dataSourceOptions } from './data-source.config';
import { parseLsn, replicaName, replicaUrls } from './replica-lsn.util';

/** How often each replica is asked for its replay position and lag. */
export const REPLICA_PROBE_MS = 1000;

/**
 * On a standby: the replayed WAL position and the replay lag in seconds. Lag is 0 while every
 * received record is replayed (an idle primary), else the age of the last replayed commit.
 */
const PROBE_SQL = `SELECT pg_last_wal_replay_lsn()::text AS replayed,
  CASE WHEN pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn() THEN 0
       ELSE coalesce(extract(epoch FROM now() - pg_last_xact_replay_timestamp()), 0) END::float8 AS lag`;

export type ReplicaState = 'connecting' | 'ready' | 'lagging' | 'down';

interface Replica {
  name: string;
  url: string;
  source: DataSource | null;
  state: ReplicaState;
  /** The replay position at the last probe. */
  replayed: bigint | null;
  /** When the last probe answered (ms). */
  probedAt: number;
  probing: boolean;
}

/** The primary's position after a caller's write is remembered this much longer than the lag limit. */
const REMEMBER_MARGIN_MS = 5000;

/**
 * Routes the reads that may run on a streaming replica (reports, report exports, search, the
 * list pages of deals, accounts, tasks and time entries) to one of DATABASE_REPLICA_URLS;
 * everything else stays on the primary (the injected DataSource).
 * Each replica is probed every second; one that is down, unprobed for 3 probes, or further
 * behind than REPLICA_MAX_LAG_SECONDS is skipped (metric `clockwork_replica_skipped_total`, a log
 * line when its state changes) and the read runs on the primary. A read that fails on a replica
 * runs again on the primary: a replica never turns into an error for the user.
 *
 * Read-after-write: after a caller's mutating request the primary's WAL position is remembered in
 * Redis (per principal, shared by every api and worker process) for REPLICA_MAX_LAG_SECONDS + 5 s;
 * the caller's reads use a replica only once it has replayed up to that position.
 */
@Injectable()
export class ReadReplicas implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReadReplicas.name);
  private readonly replicas: Replica[];
  private timer: NodeJS.Timeout | null = null;
  private turn = 0;
  /**
   * How long a read right after the caller's own write waits for a replica to replay it before it
   * goes to the primary: none in the api (the primary answers at once), up to the lag limit in the
   * worker, whose jobs (report exports) start right after the request that queued them.
   */
  private readonly catchUpWaitMs: number;

  constructor(
    @InjectDataSource() private readonly primary: DataSource,
    private readonly env: Env,
    private readonly fields: EncryptedFields,
    private readonly metrics: Metrics,
    private readonly context: RequestContext,
    @InjectRedis() private readonly redis: Redis,
  ) {
    this.catchUpWaitMs = (primary.options as PostgresConnectionOptions).applicationName === 'clockwork-worker' ? env.REPLICA_MAX_LAG_SECONDS * 1000 : 0;
    this.replicas = replicaUrls(env.DATABASE_REPLICA_URLS).map((url) => ({
      name: replicaName(url),
      url,
      source: null,
      state: 'connecting',
      replayed: null,
      probedAt: 0,
      probing: false,
    }));
  }

  /** Whether any replica is configured. */
  get enabled(): boolean {
    return this.replicas.length > 0;
  }

  onApplicationBootstrap(): void {
    if (!this.enabled) return;
    void this.probeAll();
    this.timer = setInterval(() => void this.probeAll(), REPLICA_PROBE_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await Promise.all(this.replicas.map((r) => (r.source?.isInitialized ? r.source.destroy().catch(() => undefined) : undefined)));
  }

  /** Each replica's name and state (ready, lagging, down, connecting) as of its last probe. */
  states(): { name: string; state: ReplicaState }[] {
    return this.replicas.map((r) => ({ name: r.name, state: r.state }));
  }

  /** `DataSource.query` on a replica when one may serve the caller, else on the primary. */
  query<T = unknown[]>(sql: string, params?: unknown[]): Promise<T> {
    return this.read((source) => source.query(sql, params));
  }

  /** Runs read-only `work` against a replica when one may serve the caller, else (or when it fails there) against the primary. */
  async read<T>(work: (source: DataSource) => Promise<T>): Promise<T> {
    const replica = await this.pick();
    if (replica?.source) {
      try {
        const result = await work(replica.source);
        this.metrics.replicaReads.inc({ target: 'replica' });
        return result;
      } catch (error) {
        if (error instanceof HttpException) throw error;
        this.metrics.replicaSkips.inc({ replica: replica.name, reason: 'failed' });
        this.logger.warn(`A read on replica ${replica.name} failed (${(error as Error).message}); it runs on the primary`);
        if (isConnectionError(error)) this.setState(replica, 'down', (error as Error).message);
      }
    }
    this.metrics.replicaReads.inc({ target: 'primary' });
    return work(this.primary);
  }

  /**
   * Remembers the primary's current WAL position for the caller, after its write committed: its
   * next reads wait for a replica to replay it (or go to the primary). Never fails the request.
   * The insert position, not the write position: with synchronous_commit off a commit record may
   * still be in the WAL buffers, behind pg_current_wal_lsn().
   */
  async rememberWrite(): Promise<void> {
    const key = this.writeKey();
    if (!this.enabled || !key) return;
    try {
      const [{ lsn }]: { lsn: string }[] = await this.primary.query('SELECT pg_current_wal_insert_lsn()::text AS lsn');
      await this.redis.set(key, lsn, 'PX', this.env.REPLICA_MAX_LAG_SECONDS * 1000 + REMEMBER_MARGIN_MS);
    } catch (error) {
      this.logger.warn(`Could not remember the position of a write for read-after-write (${(error as Error).message})`);
    }
  }

  private writeKey(): string | null {
    const principal = this.context.principal;
    return principal ? `${this.env.QUEUE_PREFIX}:written-lsn:${principal.kind}:${principal.id}` : null;
  }

  /** The position the caller's reads must see: null when none is remembered, 'unknown' when Redis cannot tell. */
  private async writtenLsn(): Promise<bigint | null | 'unknown'> {
    const key = this.writeKey();
    if (!key) return null;
    try {
      return parseLsn(await this.redis.get(key));
    } catch {
      return 'unknown';
    }
  }

  /** A replica that is ready and has replayed the caller's last write, in turn; null: read the primary. */
  private async pick(): Promise<Replica | null> {
    if (!this.enabled) return null;
    const needed = await this.writtenLsn();
    if (needed === 'unknown') return null;
    const start = this.turn++;
    for (let i = 0; i < this.replicas.length; i++) {
      const replica = this.replicas[(start + i) % this.replicas.length];
      if (replica.state === 'ready' && Date.now() - replica.probedAt > 3 * REPLICA_PROBE_MS) this.setState(replica, 'down', 'no answer to the last probes');
      if (replica.state !== 'ready') {
        this.metrics.replicaSkips.inc({ replica: replica.name, reason: replica.state === 'lagging' ? 'lagging' : 'down' });
        continue;
      }
      if (needed !== null && !(await this.caughtUp(replica, needed))) {
        this.metrics.replicaSkips.inc({ replica: replica.name, reason: 'behind_write' });
        continue;
      }
      return replica;
    }
    return null;
  }

  /** Whether the replica has replayed `lsn`, waiting up to catchUpWaitMs for it while it stays ready. */
  private async caughtUp(replica: Replica, lsn: bigint): Promise<boolean> {
    const deadline = Date.now() + this.catchUpWaitMs;
    for (;;) {
      if (await this.hasReplayed(replica, lsn)) return true;
      if (Date.now() >= deadline || replica.state !== 'ready') return false;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  private async hasReplayed(replica: Replica, lsn: bigint): Promise<boolean> {
    if (replica.replayed !== null && replica.replayed >= lsn) return true;
    try {
      const [row]: { replayed: string | null }[] = await (replica.source as DataSource).query('SELECT pg_last_wal_replay_lsn()::text AS replayed');
      const replayed = parseLsn(row.replayed);
      if (replayed !== null && (replica.replayed === null || replayed > replica.replayed)) replica.replayed = replayed;
      return replayed === null || replayed >= lsn;
    } catch (error) {
      if (isConnectionError(error)) this.setState(replica, 'down', (error as Error).message);
      return false;
    }
  }

  private async probeAll(): Promise<void> {
    await Promise.all(this.replicas.map((r) => this.probe(r)));
  }

  private async probe(replica: Replica): Promise<void> {
    if (replica.probing) return;
    replica.probing = true;
    try {
      replica.source ??= await this.connect(replica.url);
      const [row]: { replayed: string | null; lag: number }[] = await replica.source.query(PROBE_SQL);
      replica.replayed = parseLsn(row.replayed);
      replica.probedAt = Date.now();
      this.metrics.replicaLag.set({ replica: replica.name }, row.lag);
      const lagging = row.lag > this.env.REPLICA_MAX_LAG_SECONDS;
      this.setState(replica, lagging ? 'lagging' : 'ready', lagging ? `replay ${row.lag.toFixed(1)} s behind (limit ${this.env.REPLICA_MAX_LAG_SECONDS} s)` : undefined);
    } catch (error) {
      this.metrics.replicaLag.set({ replica: replica.name }, -1);
      this.setState(replica, 'down', (error as Error).message);
    } finally {
      replica.probing = false;
    }
  }

  /** A read-only pool on the replica (application_name `<primary's>-replica`), like the primary's. */
  private async connect(url: string): Promise<DataSource> {
    const base = dataSourceOptions({ DATABASE_URL: url, DATABASE_POOL_SIZE: this.env.DATABASE_POOL_SIZE }, `${(this.primary.options as PostgresConnectionOptions).applicationName ?? 'clockwork'}-replica`);
    const source = new DataSource({
      ...base,
      migrations: [],
      subscribers: [encryptedColumnsSubscriber(this.fields)],
      extra: { ...(base as PostgresConnectionOptions).extra, connectionTimeoutMillis: 2000 },
    } as PostgresConnectionOptions);
    await source.initialize();
    return source;
  }

  private setState(replica: Replica, state: ReplicaState, why?: string): void {
    if (replica.state === state) return;
    const before = replica.state;
    replica.state = state;
    if (state === 'ready') this.logger.log(`Read replica ${replica.name} is ready${before === 'connecting' ? '' : ` again (was ${before})`}: the routed reads (reports, exports, search, lists) use it`);
    else this.logger.warn(`Read replica ${replica.name} is ${state}${why ? ` (${why})` : ''}: its reads go to the primary`);
  }
}

/** Errors of the connection rather than of the statement: no SQLSTATE, or class 08 (connection) / 57P (shutdown). */
function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: string; driverError?: { code?: string } }).driverError?.code ?? (error as { code?: string }).code;
  return !code || /^(08|57P|E[A-Z]+)/.test(code);
}
