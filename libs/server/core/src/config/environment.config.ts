import { plainToInstance, Transform } from 'class-transformer';
import { join } from 'node:path';
import { IsBoolean, IsIn, IsInt, IsNumber, IsString, IsUrl, Matches, Max, Min, ValidateIf, validateSync } from 'class-validator';

/** Local-development defaults that must never reach production (checked at boot). */
export const PLACEHOLDER_JWT_SECRET = 'dev-only-jwt-secret-change-me-0000000000000000';
export const PLACEHOLDER_ENCRYPTION_KEYS = 'dev:Y2xvY2t3b3JrLWRldi1vbmx5LWtleS1jaGFuZ2UtbWU=';

/** `user:password[,user:password...]` (empty: none). */
const BOARD_USERS = /^$|^[^:,\s]+:[^,]+(,[^:,\s]+:[^,]+)*$/;

/** The operators of QUEUE_BOARD_USERS. */
export function parseBoardUsers(spec: string): { user: string; password: string }[] {
  if (!spec) return [];
  return spec.split(',').map((entry) => {
    const at = entry.indexOf(':');
    return { user: entry.slice(0, at), password: entry.slice(at + 1) };
  });
}

/** Words that mark a board password as an example rather than a secret. */
const PLACEHOLDER_WORDS = /password|changeme|change-me|example|placeholder|secret|admin|letmein|qwerty|123456/i;

const toBool = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? ['1', 'true', 'yes', 'on'].includes(value.trim().toLowerCase()) : value;
const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value);

/**
 * Every environment variable the product reads, declared once, validated at boot.
 * README.md has the same table (a test keeps the two in step).
 */
export class Env {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  /** HTTP port of the api. */
  @Transform(toInt) @IsInt() @Min(0) @Max(65535)
  PORT = 3000;

  /** Port the web app is served on by `npm start`. */
  @Transform(toInt) @IsInt() @Min(1) @Max(65535)
  WEB_PORT = 4200;

  /** PostgreSQL connection string. `npm start` starts an embedded server when unset. */
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// connection string' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/clockwork';

  /**
   * PostgreSQL itself when DATABASE_URL points at a transaction pooler (PgBouncer): what needs a
   * session of its own (the principal cache's LISTEN, migrations) connects here. Empty: DATABASE_URL.
   */
  @ValidateIf((e: Env) => e.DATABASE_DIRECT_URL !== '')
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_DIRECT_URL must be a postgres:// connection string' })
  DATABASE_DIRECT_URL = '';

  /** Connections per process in the PostgreSQL pool. */
  @Transform(toInt) @IsInt() @Min(1) @Max(200)
  DATABASE_POOL_SIZE = 10;

  /**
   * Requests the api holds at once (per process); past it a request is answered 503 with
   * Retry-After at once, before its body is read, instead of queueing behind the others for a
   * pool connection. Bounds the memory and the latency of an overload. 0: no bound. Health and
   * metrics are never refused.
   */
  @Transform(toInt) @IsInt() @Min(0) @Max(100000)
  HTTP_MAX_IN_FLIGHT = 256;

  /**
   * Time-entry batches (up to 5,000 entries, ~2 MB of JSON each) the api parses and stores at once
   * per process; later ones wait their turn with their bodies unread. Bounds the memory batches
   * hold (tens of MB each once parsed); the database, not the api, sets ingestion's pace. 0: no bound.
   */
  @Transform(toInt) @IsInt() @Min(0) @Max(1000)
  TIME_ENTRY_BATCH_CONCURRENCY = 2;

  /**
   * Hot statements (time-entry ingestion) run as named prepared statements: parsed and planned
   * once per connection. Off behind a pooler that cannot keep them (PgBouncer before 1.21 in
   * transaction mode).
   */
  @Transform(toBool) @IsBoolean()
  DATABASE_PREPARED_STATEMENTS = true;

  /**
   * Streaming read replicas (comma-separated postgres:// URLs) that reports, report exports,
   * search and the main list pages read from (docs/scaling.md); empty: every read goes to
   * DATABASE_URL. A replica that is down or lags is skipped (reads go to the primary), and a
   * caller's reads right after its own write wait for the replica to replay that write or go to
   * the primary.
   */
  @Matches(/^$|^postgres(ql)?:\/\/[^,\s]+(,postgres(ql)?:\/\/[^,\s]+)*$/, { message: 'DATABASE_REPLICA_URLS must be postgres:// connection strings separated by commas' })
  DATABASE_REPLICA_URLS = '';

  /** A replica whose replay is further behind the primary than this many seconds is skipped until it catches up. */
  @Transform(toInt) @IsInt() @Min(1) @Max(3600)
  REPLICA_MAX_LAG_SECONDS = 10;

  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Prefix of every Bull key in Redis; lets several deployments or test runs share one Redis. */
  @Matches(/^[a-zA-Z0-9_:-]+$/)
  QUEUE_PREFIX = 'clockwork';

  /** HMAC secret of access tokens; at least 32 characters in production. */
  @IsString()
  JWT_SECRET = PLACEHOLDER_JWT_SECRET;

  /** `kid:base64key,...` with 32-byte keys; the first encrypts, all decrypt. */
  @Matches(/^[A-Za-z0-9_-]+:[A-Za-z0-9+/=]+(,[A-Za-z0-9_-]+:[A-Za-z0-9+/=]+)*$/, {
    message: 'ENCRYPTION_KEYS must be a comma-separated list of kid:base64key',
  })
  ENCRYPTION_KEYS = PLACEHOLDER_ENCRYPTION_KEYS;

  /**
   * Base64 of ≥ 32 random bytes: the master key of blind indexes (the email lookup hash), from
   * which each organization's index key is derived (HKDF). Required in production and not one of
   * the ENCRYPTION_KEYS; unset elsewhere, a development key is derived from ENCRYPTION_KEYS.
   */
  @ValidateIf((e: Env) => e.BLIND_INDEX_KEY !== '')
  @Matches(/^[A-Za-z0-9+/]+={0,2}$/, { message: 'BLIND_INDEX_KEY must be base64 (openssl rand -base64 32)' })
  BLIND_INDEX_KEY = '';

  /** Lifetime of an access token (JWT), in seconds. */
  @Transform(toInt) @IsInt() @Min(60) @Max(86400)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  /**
   * How long an api process may reuse who a token's user is (role, active) without asking
   * PostgreSQL again; changes are announced by the database and drop the entry at once, this is
   * the bound should an announcement be missed. 0 reads the user on every request.
   */
  @Transform(toInt) @IsInt() @Min(0) @Max(300)
  PRINCIPAL_CACHE_SECONDS = 30;

  /** Lifetime of a refresh-token family without use, in days. */
  @Transform(toInt) @IsInt() @Min(1) @Max(365)
  REFRESH_TOKEN_TTL_DAYS = 30;

  /** Login attempts per email address per minute. */
  @Transform(toInt) @IsInt() @Min(1)
  LOGIN_RATE_LIMIT_PER_EMAIL = 10;

  /** Login attempts per client IP per minute. */
  @Transform(toInt) @IsInt() @Min(1)
  LOGIN_RATE_LIMIT_PER_IP = 60;

  /** Requests per minute of an API key created without its own limit. */
  @Transform(toInt) @IsInt() @Min(1)
  API_KEY_DEFAULT_RATE_LIMIT = 600;

  @Transform(toBool) @IsBoolean()
  SIGNUP_ENABLED = true;

  /**
   * Self-signup mails a verification link and answers 202; the organization exists for its admin
   * once the link is followed (unverified signups expire after 24 h). Default: true when
   * NODE_ENV=production, false otherwise (signup answers 201 with tokens).
   */
  @Transform(toBool) @IsBoolean()
  SIGNUP_VERIFY_EMAIL = false;

  /** Signups per client IP per hour (then 429 with Retry-After). */
  @Transform(toInt) @IsInt() @Min(1)
  SIGNUP_RATE_LIMIT_PER_HOUR = 10;

  /** Password-reset requests per email address per hour (then 429 with Retry-After). */
  @Transform(toInt) @IsInt() @Min(1)
  PASSWORD_RESET_RATE_LIMIT_PER_EMAIL = 5;

  /** Password-reset requests per client IP per hour (then 429 with Retry-After). */
  @Transform(toInt) @IsInt() @Min(1)
  PASSWORD_RESET_RATE_LIMIT_PER_IP = 30;

  /** Days an invitation link works (then it is no longer pending and its link is refused). */
  @Transform(toInt) @IsInt() @Min(1) @Max(30)
  INVITATION_TTL_DAYS = 7;

  /** Lets webhook subscriptions and integrations reach loopback/private addresses (development, tests); never link-local/metadata. */
  @Transform(toBool) @IsBoolean()
  WEBHOOK_ALLOW_PRIVATE_TARGETS = false;

  /** Serve Swagger UI at /api/docs and the document at /api/docs-json. */
  @Transform(toBool) @IsBoolean()
  SWAGGER_ENABLED = true;

  /** When set, GET /metrics (api) and the worker's metrics port require `Authorization: Bearer <METRICS_TOKEN>`; required in production. */
  @IsString()
  METRICS_TOKEN = '';

  /** Port of the worker's own GET /metrics (the worker has no HTTP app); 0 turns it off. */
  @Transform(toInt) @IsInt() @Min(0) @Max(65535)
  WORKER_METRICS_PORT = 9465;

  /** Address the worker's metrics port listens on: loopback unless a scraper elsewhere needs it (e.g. 0.0.0.0 in a container). */
  @Matches(/^[0-9a-fA-F.:]+$|^localhost$/, { message: 'WORKER_METRICS_HOST must be an IP address (e.g. 127.0.0.1, 0.0.0.0, ::1) or localhost' })
  WORKER_METRICS_HOST = '127.0.0.1';

  /**
   * Operators who may open Bull Board at /admin/queues with HTTP Basic: `user:password` pairs,
   * comma-separated (user names without `:`, passwords without `,`). Empty: the board is off (404).
   */
  @Matches(BOARD_USERS, { message: 'QUEUE_BOARD_USERS must be user:password pairs separated by commas' })
  QUEUE_BOARD_USERS = '';

  /** Whether Bull Board only shows the queues (true) or may also pause, clean, retry, promote and add jobs (false). */
  @Transform(toBool) @IsBoolean()
  QUEUE_BOARD_READ_ONLY = true;

  /**
   * Whether `POST /demo-data` may load the sample data set. Outside production it always may;
   * with NODE_ENV=production the route answers 404 unless this is true.
   */
  @Transform(toBool) @IsBoolean()
  DEMO_DATA_ENABLED = false;

  /** Comma-separated origins allowed by CORS (the web app's origin). */
  @IsString()
  CORS_ORIGINS = 'http://localhost:4200,http://127.0.0.1:4200';

  /**
   * Which proxies in front of the api to trust for the client address (X-Forwarded-For), in
   * Express's `trust proxy` syntax: `false`, a hop count, or addresses/subnets such as
   * `loopback, uniquelocal`. Per-IP login limits and audit IPs depend on it behind a proxy.
   */
  @Matches(/^(false|true|\d+|[0-9a-zA-Z.:/_, -]+)$/, { message: 'TRUST_PROXY must be false, a hop count, or a list of addresses/subnets' })
  TRUST_PROXY = 'false';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent' = 'info';

  /** How often the worker's outbox relay looks for pending events, in milliseconds. */
  @Transform(toInt) @IsInt() @Min(10) @Max(60000)
  OUTBOX_POLL_MS = 200;

  /** A relayed event not processed after this many seconds is relayed again (Redis lost it). */
  @Transform(toInt) @IsInt() @Min(5)
  OUTBOX_REDISPATCH_SECONDS = 60;

  /** Largest CSV file `POST /imports` accepts, in bytes (413 beyond). */
  @Transform(toInt) @IsInt() @Min(1024)
  IMPORT_MAX_BYTES = 50 * 1024 * 1024;

  /** Where attachment bytes are kept: `local` (ATTACHMENTS_DIR) or `s3` (the S3_* settings). */
  @IsIn(['local', 's3'])
  STORAGE_DRIVER: 'local' | 's3' = 'local';

  /** Folder of the local storage driver; defaults to `<CLOCKWORK_DATA_DIR or .data>/attachments`. */
  @IsString()
  ATTACHMENTS_DIR = '.data/attachments';

  /** Largest accepted attachment, in bytes (larger uploads answer 413). */
  @Transform(toInt) @IsInt() @Min(1) @Max(5 * 1024 ** 3)
  ATTACHMENT_MAX_BYTES = 25 * 1024 * 1024;

  /** Bucket of the s3 storage driver (required when STORAGE_DRIVER=s3). */
  @IsString()
  S3_BUCKET = '';

  /** S3-compatible endpoint (MinIO, R2, ...); empty for AWS itself. */
  @ValidateIf((env: Env) => env.S3_ENDPOINT !== '')
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }, { message: 'S3_ENDPOINT must be an http(s) URL' })
  S3_ENDPOINT = '';

  /** Region of the bucket (required when STORAGE_DRIVER=s3). */
  @IsString()
  S3_REGION = '';

  /** Access key id; with S3_SECRET_ACCESS_KEY, or neither for the SDK's default credentials (IAM role). */
  @IsString()
  S3_ACCESS_KEY_ID = '';

  @IsString()
  S3_SECRET_ACCESS_KEY = '';

  /** Address buckets as `endpoint/bucket` instead of `bucket.endpoint` (MinIO and most S3-compatible servers). */
  @Transform(toBool) @IsBoolean()
  S3_FORCE_PATH_STYLE = false;

  /** Least pg_trgm similarity (0..1) of a time entry's project_name to a deal/account name for a fuzzy mapping. */
  @Transform(toInt) @IsNumber({}, { message: 'MAPPING_FUZZY_THRESHOLD must be a number' }) @Min(0) @Max(1)
  MAPPING_FUZZY_THRESHOLD = 0.45;

  /** How often the worker looks for overdue or idle high/urgent tasks to alert about, in seconds. */
  @Transform(toInt) @IsInt() @Min(1) @Max(86400)
  ALERTS_INTERVAL_SECONDS = 300;

  /** A high/urgent task with no status change and no time logged for this many hours is idle. */
  @Transform(toInt) @IsInt() @Min(1) @Max(8760)
  TASK_IDLE_HOURS = 48;

  /** Connected accounting: attempts of one invoice push (Bull retries the job with exponential backoff). */
  @Transform(toInt) @IsInt() @Min(1) @Max(20)
  ACCOUNTING_PUSH_ATTEMPTS = 6;

  /** Connected accounting: the first wait between push attempts in ms (doubling each time). */
  @Transform(toInt) @IsInt() @Min(10) @Max(3_600_000)
  ACCOUNTING_PUSH_BACKOFF_MS = 30_000;

  /** Connected accounting: how often the worker reads the paid status of pushed invoices back, in seconds. */
  @Transform(toInt) @IsInt() @Min(1) @Max(86400)
  ACCOUNTING_READ_INTERVAL_SECONDS = 900;

  /** How often the worker deletes expired records (Idempotency-Key responses), in seconds. */
  @Transform(toInt) @IsInt() @Min(1) @Max(86400)
  HOUSEKEEPING_INTERVAL_SECONDS = 3600;

  /** GDPR exports (and, separately, erasures) an organization may request per hour; then 429 + Retry-After. */
  @Transform(toInt) @IsInt() @Min(1) @Max(10000)
  GDPR_RATE_LIMIT_PER_HOUR = 10;

  /** How often the worker applies the organizations' retention policies, in seconds. */
  @Transform(toInt) @IsInt() @Min(1) @Max(2678400)
  RETENTION_INTERVAL_SECONDS = 86400;

  /**
   * Seconds a process takes at most to stop on SIGTERM: the api finishes its in-flight requests,
   * the worker its active jobs and relay passes; what is still running then is cut (exit code 1).
   */
  @Transform(toInt) @IsInt() @Min(1) @Max(600)
  SHUTDOWN_GRACE_SECONDS = 25;

  /** Rows the retention job deletes or anonymizes per transaction. */
  @Transform(toInt) @IsInt() @Min(1) @Max(100000)
  RETENTION_BATCH_SIZE = 1000;

  /** Days an inbound webhook-id is remembered for deduplication (receipts older than this are deleted). */
  @Transform(toInt) @IsInt() @Min(1) @Max(365)
  WEBHOOK_RECEIPT_RETENTION_DAYS = 7;

  /** Days a processed outbox event (and the copy of its record in the payload) is kept; then housekeeping deletes it. */
  @Transform(toInt) @IsInt() @Min(1) @Max(3650)
  OUTBOX_RETENTION_DAYS = 7;

  /** Days a finished webhook delivery (succeeded, or failed for good) and its attempts are kept; then housekeeping deletes them. */
  @Transform(toInt) @IsInt() @Min(1) @Max(3650)
  WEBHOOK_DELIVERY_RETENTION_DAYS = 30;

  /** SMTP server of notification emails; empty: emails are skipped (with a log line). */
  @IsString()
  SMTP_HOST = '';

  @Transform(toInt) @IsInt() @Min(1) @Max(65535)
  SMTP_PORT = 587;

  /** SMTP login; empty for a server without authentication. */
  @IsString()
  SMTP_USER = '';

  @IsString()
  SMTP_PASSWORD = '';

  /** Sender of notification emails. */
  @IsString()
  SMTP_FROM = 'Clockwork CRM <no-reply@clockwork.local>';

  /** true: TLS from the start (port 465); false: STARTTLS when the server offers it. */
  @Transform(toBool) @IsBoolean()
  SMTP_SECURE = false;

  /** Port of the worker's inbound SMTP listener for email logging; 0 (default): no listener. */
  @Transform(toInt) @IsInt() @Min(0) @Max(65535)
  SMTP_LISTEN_PORT = 0;

  /** Address the inbound SMTP listener binds to: loopback unless mail arrives from another host (e.g. 0.0.0.0 behind an MTA). */
  @Matches(/^[0-9a-fA-F.:]+$|^localhost$/, { message: 'SMTP_LISTEN_HOST must be an IP address (e.g. 127.0.0.1, 0.0.0.0, ::1) or localhost' })
  SMTP_LISTEN_HOST = '127.0.0.1';

  /** The domain of the organizations' inbound addresses (`<token>@<INBOUND_MAIL_DOMAIN>`), whose MX points at the listener. */
  @Matches(/^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/, { message: 'INBOUND_MAIL_DOMAIN must be a domain name, e.g. inbound.example.com' })
  INBOUND_MAIL_DOMAIN = 'inbound.clockwork.local';

  /** Largest message the inbound SMTP listener accepts, in bytes (a larger one is refused with 552). */
  @Transform(toInt) @IsInt() @Min(1024) @Max(52428800)
  SMTP_LISTEN_MAX_BYTES = 10485760;

  /** How long a report export's download link works, in seconds (then 410). */
  @Transform(toInt) @IsInt() @Min(1) @Max(604800)
  REPORT_EXPORT_LINK_TTL_SECONDS = 3600;

  /** Report export files (and their rows) older than this many hours are deleted by the worker. */
  @Transform(toInt) @IsInt() @Min(1) @Max(8760)
  REPORT_EXPORT_RETENTION_HOURS = 24;

  /** How often the worker looks for due scheduled email reports, in seconds. */
  @Transform(toInt) @IsInt() @Min(1) @Max(3600)
  REPORT_SCHEDULE_TICK_SECONDS = 60;

  /** Hours a rotated-out integration signing secret is still accepted (0: refused at once). */
  @Transform(toInt) @IsInt() @Min(0) @Max(720)
  INTEGRATION_SECRET_GRACE_HOURS = 24;

  /** Outbound webhook deliveries: how long to wait for the receiver's answer, in milliseconds. */
  @Transform(toInt) @IsInt() @Min(100) @Max(120000)
  WEBHOOK_TIMEOUT_MS = 10000;

  /** Delays between delivery attempts (`ms`, `s`, `m`, `h`, `d`), ±10% jitter; one attempt more than listed. */
  @Matches(/^\s*\d+(\.\d+)?\s*(ms|s|m|h|d)\s*(,\s*\d+(\.\d+)?\s*(ms|s|m|h|d)\s*)*$/, { message: 'WEBHOOK_RETRY_SCHEDULE must be durations like 5s,5m,30m,2h' })
  WEBHOOK_RETRY_SCHEDULE = '5s,5m,30m,2h,5h,10h,10h';

  /** After a secret rotation, deliveries are signed with the old secret too for this many hours. */
  @Transform(toInt) @IsInt() @Min(0) @Max(720)
  WEBHOOK_SECRET_OVERLAP_HOURS = 24;

  /** A subscription whose every attempt failed for this many hours is disabled and its admins notified. */
  @Transform(toInt) @IsNumber({}, { message: 'WEBHOOK_DISABLE_AFTER_HOURS must be a number' }) @Min(0) @Max(8760)
  WEBHOOK_DISABLE_AFTER_HOURS = 72;

  /** How often the worker looks for due webhook deliveries that are not in the queue, in milliseconds. */
  @Transform(toInt) @IsInt() @Min(10) @Max(60000)
  WEBHOOK_POLL_MS = 1000;

  /** Productivity sync pushes: how long to wait for the platform's answer, in milliseconds. */
  @Transform(toInt) @IsInt() @Min(100) @Max(120000)
  SYNC_TIMEOUT_MS = 10000;

  /** First wait before a failed productivity sync push is retried, in milliseconds; doubled per failure (±10% jitter). */
  @Transform(toInt) @IsInt() @Min(10) @Max(86400000)
  SYNC_RETRY_BASE_MS = 5000;

  /** Longest wait between productivity sync retries, in milliseconds (retries go on at this pace). */
  @Transform(toInt) @IsInt() @Min(10) @Max(86400000)
  SYNC_RETRY_MAX_MS = 3600000;

  /** How often the worker looks for due productivity sync pushes that are not in the queue, in milliseconds. */
  @Transform(toInt) @IsInt() @Min(10) @Max(60000)
  SYNC_POLL_MS = 1000;

  /** Requests an API key may make per UTC day unless the key sets its own `daily_quota`; then 429 until midnight UTC. */
  @Transform(toInt) @IsInt() @Min(1)
  API_KEY_DEFAULT_DAILY_QUOTA = 100000;

  /** The api's own base URL as browsers reach it (SSO redirect URI: <API_PUBLIC_URL>/api/v1/auth/sso/callback). */
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }, { message: 'API_PUBLIC_URL must be an http(s) URL' })
  API_PUBLIC_URL = 'http://localhost:3000';

  /** The web app's base URL: where an SSO login lands with its one-time code (<WEB_APP_URL>/sso#code=...), and the base of mailed links (password reset, invitation, email verification). */
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }, { message: 'WEB_APP_URL must be an http(s) URL' })
  WEB_APP_URL = 'http://localhost:4200';

  /**
   * How long the one-time code of a finished SSO login may be exchanged for tokens
   * (`POST /auth/sso/exchange`), in seconds: 60 at most. Tests lower it to see a code expire.
   */
  @Transform(toInt) @IsInt() @Min(1) @Max(60)
  SSO_CODE_TTL_SECONDS = 60;

  /** Sentry DSN for error reports of the api and worker (5xx errors, failed jobs); empty: off. */
  @IsString()
  SENTRY_DSN = '';
}

export class InvalidEnvironmentError extends Error {}

/** Validates raw variables into an Env; throws one error that names every bad variable. */
export function loadEnv(raw: NodeJS.ProcessEnv = process.env): Env {
  const present = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== ''));
  const env = plainToInstance(Env, present, { exposeDefaultValues: true });
  const problems = validateSync(env, { whitelist: false }).flatMap((e) =>
    Object.values(e.constraints ?? {}).map((m) => `${e.property}: ${m}`),
  );
  problems.push(...keyProblems(env.ENCRYPTION_KEYS));
  if (present.SIGNUP_VERIFY_EMAIL === undefined) env.SIGNUP_VERIFY_EMAIL = env.NODE_ENV === 'production';
  if (env.BLIND_INDEX_KEY && Buffer.from(env.BLIND_INDEX_KEY, 'base64').length < 32) problems.push('BLIND_INDEX_KEY: must decode to at least 32 bytes (openssl rand -base64 32)');
  if (present.ATTACHMENTS_DIR === undefined) env.ATTACHMENTS_DIR = join(raw.CLOCKWORK_DATA_DIR || '.data', 'attachments');
  if (env.STORAGE_DRIVER === 's3') problems.push(...s3Problems(env));
  if (env.NODE_ENV === 'production') problems.push(...productionProblems(env));
  if (problems.length) throw new InvalidEnvironmentError(`Invalid environment:\n  - ${problems.join('\n  - ')}`);
  return env;
}

function keyProblems(spec: string): string[] {
  return spec.split(',').flatMap((entry) => {
    const [kid, b64] = entry.split(':');
    return Buffer.from(b64 ?? '', 'base64').length === 32
      ? []
      : [`ENCRYPTION_KEYS: key "${kid}" must decode to 32 bytes (openssl rand -base64 32)`];
  });
}

function s3Problems(env: Env): string[] {
  const missing = (['S3_BUCKET', 'S3_REGION'] as const).filter((name) => env[name] === '');
  const problems = missing.map((name) => `${name}: required when STORAGE_DRIVER=s3`);
  if ((env.S3_ACCESS_KEY_ID === '') !== (env.S3_SECRET_ACCESS_KEY === '')) {
    const absent = env.S3_ACCESS_KEY_ID === '' ? 'S3_ACCESS_KEY_ID' : 'S3_SECRET_ACCESS_KEY';
    problems.push(`${absent}: required with ${absent === 'S3_ACCESS_KEY_ID' ? 'S3_SECRET_ACCESS_KEY' : 'S3_ACCESS_KEY_ID'} (set both, or neither for the default AWS credentials)`);
  }
  return problems;
}

function productionProblems(env: Env): string[] {
  const problems: string[] = [];
  if (env.JWT_SECRET === PLACEHOLDER_JWT_SECRET) problems.push('JWT_SECRET: still the development placeholder; set a random secret');
  else if (env.JWT_SECRET.length < 32) problems.push('JWT_SECRET: must be at least 32 characters in production');
  const placeholderKey = PLACEHOLDER_ENCRYPTION_KEYS.split(':')[1];
  if (env.ENCRYPTION_KEYS.split(',').some((e) => e.split(':')[1] === placeholderKey)) {
    problems.push('ENCRYPTION_KEYS: contains the development placeholder key; generate one with openssl rand -base64 32');
  }
  if (!env.BLIND_INDEX_KEY) problems.push('BLIND_INDEX_KEY: required in production (openssl rand -base64 32); it keys the email blind index');
  else {
    const index = Buffer.from(env.BLIND_INDEX_KEY, 'base64');
    const encryption = [placeholderKey, ...env.ENCRYPTION_KEYS.split(',').map((e) => e.split(':')[1])].map((b64) => Buffer.from(b64 ?? '', 'base64'));
    if (encryption.some((k) => k.equals(index))) problems.push('BLIND_INDEX_KEY: must be a key of its own (not a development placeholder, not one of ENCRYPTION_KEYS)');
  }
  if (env.METRICS_TOKEN.length < 32) {
    problems.push('METRICS_TOKEN: required in production (at least 32 characters, e.g. openssl rand -hex 32): /metrics and the worker\'s metrics port must not be open');
  }
  for (const { user, password } of parseBoardUsers(env.QUEUE_BOARD_USERS)) {
    const weak = password.length < 16 || new Set(password).size < 8 || password.toLowerCase().includes(user.toLowerCase()) || PLACEHOLDER_WORDS.test(password);
    if (weak) {
      problems.push(`QUEUE_BOARD_USERS: the password of "${user}" is weak; use at least 16 random characters (e.g. openssl rand -base64 24) without the user name or a placeholder word`);
    }
  }
  return problems;
}
