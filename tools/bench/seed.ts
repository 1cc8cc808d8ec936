// Seeds one organization with a year of realistic CRM data, generated server-side with
// INSERT ... SELECT FROM generate_series (no rows travel over the wire). Ids are derived
// from the organization id and a row number (md5 -> uuid), so every table can point at the
// right rows without lookups. Large tables are loaded the way a restore loads them: secondary
// indexes dropped and rebuilt afterwards, two chunks at a time, with session_replication_role
// = replica (no per-row foreign-key checks — the generated ids are consistent by construction —
// and no triggers, so no rollup deltas are parked and applied per chunk). The time rollups
// (daily, spans, prices, priced spans) are built once at the end, set-based, into empty tables
// with their indexes deferred (seed-rollups.ts), and below full scale checked against the
// product's own rollup check (`POST /reports/rollups/check`): no row may differ from what its
// repair would make. (The rebuild it replaces, a repair per month through that endpoint,
// upserts row by row against the key indexes with foreign-key checks: 110-120 s for 1M entries
// on the loaded 2-CPU machine, most of the ~45 minutes a full seed took.)
import type { Pool, PoolClient } from 'pg';
import type { Scale } from './args';
import { buildRollups, ROLLUP_TABLES } from './seed-rollups';

/**
 * The contacts' two custom fields, spread as a CRM's are (lists scenario: two `cf.<key>` filters).
 * `tier` (single select) by contact number: gold 1 in 10, silver 2, bronze 3, none 4. `region`
 * (text) from a hash of the number, so independent of the tier: `r<k>` for k = 49 - floor(sqrt(h)),
 * h uniform in 0..2499, so r0 is the commonest (3.96 %) and r49 the rarest (0.04 %), rK holding
 * (99 - 2K) / 2500; 1 contact in 8 has no region (the key is absent). `CONTACT_FILTERS` are the
 * measured pairs, with their exact share of the contacts.
 */
export const CONTACT_TIERS = ['gold', 'silver', 'bronze', 'none'];
export const CONTACT_REGIONS = 50;
const TIER_OF = `(ARRAY['gold','silver','silver','bronze','bronze','bronze','none','none','none','none'])[1 + g % 10]`;
const HASH = `(hashint4(g) & 2147483647)`;
const REGION_OF = `CASE WHEN (${HASH} / 2500) % 8 = 0 THEN NULL ELSE 'r' || (${CONTACT_REGIONS - 1} - floor(sqrt(${HASH} % 2500)))::int END`;
const CONTACT_CUSTOM_FIELDS_SQL = `jsonb_strip_nulls(jsonb_build_object('tier', ${TIER_OF}, 'region', ${REGION_OF}))`;
/** Share of contacts with `region` rK and tier gold: (99 - 2K) / 2500 × 7/8 × 1/10. */
const goldIn = (k: number) => ((99 - 2 * k) / 2500) * (7 / 8) * (1 / 10);
export const CONTACT_FILTERS = {
  /** gold in the 8th commonest region: about 1 contact in 340 (2,975 of 1M). */
  common: { filter: { tier: 'gold', region: 'r7' }, share: goldIn(7) },
  /** gold in a rare region: about 1 contact in 3,200 (315 of 1M), where walking the sort index would read 150 rows a match. */
  rare: { filter: { tier: 'gold', region: 'r45' }, share: goldIn(45) },
};

export interface SeedInfo {
  organizationId: string;
  /** Seeded users are linked to employees `emp-1..emp-<seededUsers>`. */
  seededUsers: number;
  /** Time entries fall in [yearStart, yearEnd) (UTC days). */
  yearStart: Date;
  yearEnd: Date;
  rows: Record<string, number>;
  seconds: number;
  /** Of which building the rollups (one repair over the year). */
  rollupSeconds: number;
  method: string;
}

const DAY = 86_400_000;
const CHUNK = 500_000;
/** Chunks loaded side by side (the machine's PostgreSQL has two CPUs to give). */
const PARALLEL = 2;
/** A valid version-4-shaped UUID from md5 (the api validates ids as UUIDs). */
const idOf = (kind: string, n: string) => `overlay(overlay(md5($1::uuid::text || ':${kind}:' || (${n})) placing '4' from 13) placing '8' from 17)::uuid`;
const at = (n: string, count: string) => `to_timestamp(($2::bigint + (${n})::bigint * ($3::bigint / greatest(${count}, 1))) / 1000.0)`;

const FIRST = `(ARRAY['Ada','Ben','Chloe','Dan','Eva','Femi','Gus','Hana','Ivan','Jade','Kai','Lena','Marc','Nina','Omar','Pia','Quinn','Rosa','Sam','Tara','Uma','Vik','Wren','Yara'])`;
const LAST = `(ARRAY['Adams','Baker','Chen','Diaz','Evans','Fischer','Garcia','Hughes','Ito','Jones','Khan','Lopez','Meyer','Novak','Okafor','Patel','Quist','Rossi','Silva','Tanaka','Ueda','Vogel','Weber','Young'])`;
const WORDS = `(ARRAY['Acme','Blue','Cedar','Delta','Echo','Falcon','Granite','Harbor','Iris','Juniper','Keystone','Lumen','Maple','Nimbus','Orbit','Pioneer','Quartz','Ridge','Summit','Tidal'])`;
const INDUSTRY = `(ARRAY['Software','Retail','Logistics','Finance','Healthcare','Manufacturing','Media','Education'])`;
const STAGES = `(ARRAY['prospecting','prospecting','prospecting','qualification','qualification','proposal','proposal','negotiation','won','lost'])`;
const PIPE = `ARRAY['prospecting','qualification','proposal','negotiation']`;

/** Runs `fill` with the tables' secondary indexes dropped, then rebuilds them from their definitions. */
async function withIndexesDeferred(pool: Pool, tables: string | string[], defer: boolean, fill: () => Promise<void>): Promise<void> {
  if (!defer) return fill();
  const { rows } = await pool.query<{ indexname: string; indexdef: string }>(
    `SELECT i.indexname, i.indexdef FROM pg_indexes i
      WHERE i.schemaname = current_schema() AND i.tablename = ANY($1::text[])
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
    [([] as string[]).concat(tables)],
  );
  for (const r of rows) await pool.query(`DROP INDEX "${r.indexname}"`);
  await fill();
  // Rebuilt side by side, each sorting in memory rather than in 64 MB runs on disk (the default).
  await Promise.all(rows.map(async (r) => {
    const client = await pool.connect();
    try {
      await client.query(`SET maintenance_work_mem = '256MB'`);
      await client.query(r.indexdef);
    } finally {
      await client.query(`RESET maintenance_work_mem`).catch(() => undefined);
      client.release();
    }
  }));
}

/** Runs `work` on a client in replica mode (no FK checks, no triggers) when the role may set it. */
async function asRestore<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(`SET session_replication_role = replica`).catch(() => undefined); // needs a superuser; otherwise a normal load
    return await work(client);
  } finally {
    await client.query(`RESET session_replication_role`).catch(() => undefined);
    client.release();
  }
}

async function inChunks(pool: Pool, total: number, sql: (lo: number, hi: number) => string, params: unknown[], log: (m: string) => void, what: string): Promise<void> {
  const chunks: [number, number][] = [];
  for (let lo = 1; lo <= total; lo += CHUNK) chunks.push([lo, Math.min(total, lo + CHUNK - 1)]);
  let done = 0;
  const lane = async () => {
    for (let next = chunks.shift(); next; next = chunks.shift()) {
      const [lo, hi] = next;
      await asRestore(pool, (client) => client.query(sql(lo, hi), params));
      done += hi - lo + 1;
      if (total > CHUNK) log(`  ${what}: ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')}`);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, lane));
}

/**
 * The product's rollup check (`POST /reports/rollups/check` without repair) of [from, to) (UTC
 * days): how many daily, span and priced rows differ from what a repair would make them.
 */
export type RollupCheck = (from: string, to: string) => Promise<{ differing_keys: number; span_differing_keys: number; price_differing_keys: number }>;

/** Whole UTC months (and the partial ones at the ends) covering [start, end), as date strings. */
export function monthsOf(start: Date, end: Date): { from: string; to: string }[] {
  const out: { from: string; to: string }[] = [];
  for (let at = start; at < end; ) {
    const next = new Date(Math.min(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1), end.getTime()));
    out.push({ from: at.toISOString().slice(0, 10), to: next.toISOString().slice(0, 10) });
    at = next;
  }
  return out;
}

export async function seed(
  pool: Pool,
  organizationId: string,
  adminId: string,
  scale: Scale,
  checkRollups: RollupCheck,
  log: (m: string) => void,
  /** Build the time rollups (the reports read them); a run of the lists scenario alone skips them. */
  rollups = true,
): Promise<SeedInfo> {
  const started = Date.now();
  const yearEnd = new Date(Math.floor(Date.now() / DAY) * DAY);
  const yearStart = new Date(yearEnd.getTime() - 365 * DAY);
  const span = yearEnd.getTime() - yearStart.getTime();
  const users = Math.max(1, scale.users - 1); // the admin who signed up is the first user
  const { deals, accounts, tasksPerDeal: tpd } = scale;
  const base = [organizationId, yearStart.getTime(), span];
  const user = (n: string) => idOf('user', `1 + (${n}) % ${users}`);
  const [{ password_hash: hash }] = (await pool.query(`SELECT password_hash FROM users WHERE id = $1`, [adminId])).rows;

  log(`seeding ${users} users, ${accounts} accounts, ${deals} deals, ${deals * tpd} tasks`);
  await pool.query(
    `INSERT INTO users (organization_id, id, name, email, password_hash, role, linked_employee_id, created_at, updated_at)
     SELECT $1::uuid, ${idOf('user', 'g')}, ${FIRST}[1 + g % 24] || ' ' || ${LAST}[1 + (g / 24) % 24] || ' ' || g,
            'user' || g || '@bench.clockwork.test', $4, (ARRAY['manager','sales','sales','support','sales'])[1 + g % 5], 'emp-' || g, ${at('g', String(users))}, ${at('g', String(users))}
       FROM generate_series(1, ${users}) g`,
    [...base, hash],
  );
  await pool.query(
    `INSERT INTO accounts (organization_id, id, name, industry, website, domain, phone, owner_id, created_at, updated_at)
     SELECT $1::uuid, ${idOf('account', 'g')}, ${WORDS}[1 + g % 20] || ' ' || ${WORDS}[1 + (g / 20) % 20] || ' ' || g, ${INDUSTRY}[1 + g % 8],
            'https://acct' || g || '.example.com', 'acct' || g || '.example.com', '+1-555-' || lpad((g % 10000)::text, 4, '0'),
            ${user('g')}, ${at('g', String(accounts))}, ${at('g', String(accounts))}
       FROM generate_series(1, ${accounts}) g`,
    base,
  );
  await pool.query(
    `INSERT INTO deals (organization_id, id, account_id, name, value, currency, stage, owner_id, start_date, closed_at, created_at, updated_at)
     SELECT $1::uuid, ${idOf('deal', 'g')}, ${idOf('account', `1 + g % ${accounts}`)}, 'Deal ' || g || ' ' || ${WORDS}[1 + g % 20],
            ((g::bigint * 7919) % 200000 + 1000 + (g % 100) / 100.0)::numeric(18, 2), CASE WHEN g % 10 = 0 THEN 'EUR' ELSE 'USD' END,
            s.stage, ${user('g')}, ${at('g', String(deals))}::date, CASE WHEN s.stage IN ('won', 'lost') THEN ${at('g', String(deals))} + interval '20 days' END,
            ${at('g', String(deals))}, ${at('g', String(deals))}
       FROM generate_series(1, ${deals}) g, LATERAL (SELECT ${STAGES}[1 + (g * 7) % 10] AS stage) s`,
    base,
  );
  await pool.query(
    `INSERT INTO deal_stage_history (organization_id, id, deal_id, from_stage, to_stage, changed_by, entered_at)
     SELECT d.organization_id, overlay(overlay(md5(d.id::text || ':' || k) placing '4' from 13) placing '8' from 17)::uuid, d.id, p.path[k - 1], p.path[k], d.owner_id, d.created_at + (k - 1) * interval '5 days'
       FROM deals d
       CROSS JOIN LATERAL (SELECT CASE WHEN d.stage IN ('won', 'lost') THEN ${PIPE} || d.stage
                                       ELSE (${PIPE})[1:array_position(${PIPE}, d.stage)] END AS path) p
       CROSS JOIN LATERAL generate_series(1, array_length(p.path, 1)) k
      WHERE d.organization_id = $1`,
    [organizationId],
  );
  await pool.query(
    `INSERT INTO tasks (organization_id, id, deal_id, title, assigned_to, status, priority, due_date, estimated_hours, created_by, created_at, updated_at)
     SELECT $1::uuid, ${idOf('task', 'g')}, ${idOf('deal', `1 + (g - 1) / ${tpd}`)}, 'Task ' || g, ${user('g')},
            (ARRAY['todo','in_progress','blocked','done'])[1 + g % 4], (ARRAY['low','medium','medium','high','urgent'])[1 + g % 5],
            ${at('g', String(deals * tpd))} + interval '14 days', (g % 40) / 2.0, ${user('g + 1')}, ${at('g', String(deals * tpd))}, ${at('g', String(deals * tpd))}
       FROM generate_series(1, ${deals * tpd}) g`,
    base,
  );

  // Hourly rates (organization, every 7th deal, every 5th person) and cost rates (per role, and
  // per person for every 3rd, changing halfway through the year), for the profitability report.
  const mid = `to_timestamp(($2::bigint + $3::bigint / 2) / 1000.0)::date`;
  await pool.query(
    `INSERT INTO billing_rates (organization_id, id, level, deal_id, user_id, hourly_rate, currency, valid_from)
     SELECT $1::uuid, gen_random_uuid(), 'organization', NULL::uuid, NULL::uuid, 100.00, 'USD', '2000-01-01'::date
     UNION ALL SELECT $1::uuid, gen_random_uuid(), 'deal', ${idOf('deal', 'g')}, NULL, 90 + g % 60 + 0.25, CASE WHEN g % 10 = 0 THEN 'EUR' ELSE 'USD' END, '2000-01-01'
       FROM generate_series(7, ${deals}, 7) g
     UNION ALL SELECT $1::uuid, gen_random_uuid(), 'user', NULL, ${idOf('user', 'g')}, 120.50, 'USD', ${mid} FROM generate_series(5, ${users}, 5) g`,
    base,
  );
  await pool.query(
    `INSERT INTO cost_rates (organization_id, id, level, user_id, role, hourly_cost, currency, valid_from, valid_to)
     SELECT $1::uuid, gen_random_uuid(), 'role', NULL::uuid, r.role, r.cost, 'USD', '2000-01-01'::date, NULL::date
       FROM (VALUES ('sales', 41.10), ('support', 33.33), ('manager', 58.00)) r(role, cost)
     UNION ALL SELECT $1::uuid, gen_random_uuid(), 'user', ${idOf('user', 'g')}, NULL, 45 + g % 20 + 0.07, 'USD', '2000-01-01', ${mid} - 1
       FROM generate_series(3, ${users}, 3) g
     UNION ALL SELECT $1::uuid, gen_random_uuid(), 'user', ${idOf('user', 'g')}, NULL, 50 + g % 20 + 0.49, 'USD', ${mid}, NULL
       FROM generate_series(3, ${users}, 3) g`,
    base,
  );

  // The contacts' custom fields (lists scenario: two cf.<key> filters), see CONTACT_CUSTOM_FIELDS_SQL.
  await pool.query(
    `INSERT INTO custom_field_definitions (organization_id, id, record_type, key, label, type, options)
     VALUES ($1::uuid, gen_random_uuid(), 'contact', 'tier', 'Tier', 'single_select', $2::jsonb),
            ($1::uuid, gen_random_uuid(), 'contact', 'region', 'Region', 'single_select', $3::jsonb)`,
    [organizationId, JSON.stringify(CONTACT_TIERS), JSON.stringify(Array.from({ length: CONTACT_REGIONS }, (_, i) => `r${i}`))],
  );
  log(`seeding ${scale.contacts.toLocaleString('en-US')} contacts`);
  await withIndexesDeferred(pool, 'contacts', scale.contacts >= CHUNK, () =>
    inChunks(pool, scale.contacts, (lo, hi) =>
      `INSERT INTO contacts (organization_id, id, account_id, first_name, last_name, email, phone, job_title, owner_id, tags, created_at, updated_at, custom_fields)
       SELECT $1::uuid, ${idOf('contact', 'g')}, ${idOf('account', `1 + g % ${accounts}`)}, ${FIRST}[1 + g % 24], ${LAST}[1 + (g / 24) % 24],
              'contact' || g || '@acct' || (1 + g % ${accounts}) || '.example.com', '+1-555-' || lpad((g % 10000)::text, 4, '0'),
              (ARRAY['CEO','CTO','Buyer','Engineer','Office manager','Head of sales'])[1 + g % 6], ${user('g')},
              CASE WHEN g % 7 = 0 THEN ARRAY['vip'] ELSE '{}'::text[] END, ${at('g', String(scale.contacts))}, ${at('g', String(scale.contacts))},
              ${CONTACT_CUSTOM_FIELDS_SQL}
         FROM generate_series(${lo}, ${hi}) g`, base, log, 'contacts'),
  );
  // The names search looks in (migration ContactSearchNames): its triggers do not fire in restore
  // mode, so the names are counted here, from scratch whether they fired or not.
  await pool.query(`DELETE FROM contact_search_names WHERE organization_id = $1`, [organizationId]);
  await pool.query(
    `INSERT INTO contact_search_names (organization_id, name, contacts)
     SELECT organization_id, coalesce(first_name, '') || ' ' || coalesce(last_name, ''), count(*) FROM contacts WHERE organization_id = $1 GROUP BY 1, 2`,
    [organizationId],
  );

  log(`seeding ${scale.timeEntries.toLocaleString('en-US')} time entries over one year`);
  // Entry g belongs to user u; each person works on 3 deals per fortnight (a fixed task of
  // theirs on each deal for half of the entries), 1 in 20 entries is unmapped, and whether
  // time is billable depends on the deal: a handful of rollup keys per person and day.
  const total = scale.timeEntries;
  const x = `SELECT ((g - 1)::bigint * 365 / ${total})::int AS day, 1 + g % ${users} AS u, (g / ${users}) AS k, 60 + (g::bigint * 7919) % 1440 AS seconds,
                    ${at('g - 1', String(total))} AS start`;
  const dealOf = `1 + ((x.u::bigint * 7919 + (x.day / 14) * 5 + x.k % 3) % ${deals})`;
  await withIndexesDeferred(pool, 'time_entries', total >= CHUNK, () =>
    inChunks(pool, total, (lo, hi) =>
      `INSERT INTO time_entries (organization_id, id, external_id, user_id, employee_id, deal_id, task_id, account_id, project_name, tags,
                                 start_time, end_time, duration_seconds, activity_type, productivity_score, source, mapping_status, mapping_rule,
                                 unmapped_reason, sync_status, billable, created_at, updated_at)
       SELECT $1::uuid, ${idOf('entry', 'g')}, 'seed-' || g, ${idOf('user', 'x.u')}, 'emp-' || x.u,
              CASE WHEN m.mapped THEN ${idOf('deal', 'd.deal')} END,
              CASE WHEN m.mapped AND x.k % 2 = 0 THEN ${idOf('task', `(d.deal - 1) * ${tpd} + 1 + x.u % ${tpd}`)} END,
              CASE WHEN m.mapped THEN ${idOf('account', `1 + d.deal % ${accounts}`)} END,
              'Project ' || d.deal, CASE WHEN g % 11 = 0 THEN ARRAY['client:' || d.deal] ELSE '{}'::text[] END,
              x.start, x.start + x.seconds * interval '1 second', x.seconds, (ARRAY['app','app','website','manual'])[1 + g % 4],
              ((g::bigint * 37) % 1001) / 1000.0, CASE WHEN g % 4 = 3 THEN 'manual' ELSE 'agent' END,
              CASE WHEN m.mapped THEN 'mapped' ELSE 'unmapped' END,
              CASE WHEN m.mapped THEN CASE WHEN x.k % 2 = 0 THEN 'explicit_task' ELSE 'explicit_deal' END END,
              CASE WHEN NOT m.mapped THEN 'no_match' END, 'synced', d.deal % 5 <> 0,
              x.start + x.seconds * interval '1 second', x.start + x.seconds * interval '1 second'
         FROM generate_series(${lo}, ${hi}) g
        CROSS JOIN LATERAL (${x}) x
        CROSS JOIN LATERAL (SELECT (${dealOf})::int AS deal) d
        CROSS JOIN LATERAL (SELECT g % 20 <> 0 AS mapped) m`, base, log, 'time entries'),
  );
  const rollupsStarted = Date.now();
  if (rollups) {
    log('building the time rollups once, set-based (daily from the entries, spans and prices from the daily rollups, priced spans from the prices)');
    await pool.query('ANALYZE'); // statistics of the loaded tables, for the plans of the build
    await withIndexesDeferred(pool, ROLLUP_TABLES, true, () => buildRollups(pool, organizationId, monthsOf(yearStart, yearEnd), PARALLEL, log));
    log(`  rollups built in ${((Date.now() - rollupsStarted) / 1000).toFixed(1)} s`);
  } else log('no time rollups: none of the selected scenarios reads them');
  const rollupSeconds = (Date.now() - rollupsStarted) / 1000;
  // The product's own check over the year (a full recomputation, as long as a repair of it): at
  // small and medium scale every run proves the build equals what a repair makes. At full scale
  // it is skipped for time; the reports scenario still compares every report with raw SQL.
  if (rollups && scale.name !== 'full') {
    const from = yearStart.toISOString().slice(0, 10);
    const to = yearEnd.toISOString().slice(0, 10);
    const checked = await checkRollups(from, to);
    const differing = checked.differing_keys + checked.span_differing_keys + checked.price_differing_keys;
    if (differing) throw new Error(`the seeded rollups differ from what the repair makes: ${JSON.stringify(checked)}`);
    log(`  POST /reports/rollups/check ${from} to ${to}: no differing rows`);
  }
  log('analyzing');
  await pool.query('ANALYZE');
  // A restore-mode load leaves the rollup tables without a visibility map, so the reports'
  // index-only scans would visit the heap for every row until autovacuum has seen them (which it
  // does on its own after such a load: autovacuum_vacuum_insert_threshold). The run measures the
  // tables as autovacuum leaves them.
  if (rollups) await pool.query(`VACUUM ${ROLLUP_TABLES.join(', ')}`);
  const counts = await pool.query<{ t: string; n: string }>(
    `SELECT 'users' t, count(*) n FROM users UNION ALL SELECT 'accounts', count(*) FROM accounts UNION ALL SELECT 'contacts', count(*) FROM contacts
     UNION ALL SELECT 'deals', count(*) FROM deals UNION ALL SELECT 'tasks', count(*) FROM tasks UNION ALL SELECT 'time_entries', count(*) FROM time_entries
     UNION ALL SELECT 'time_rollups', count(*) FROM time_rollups UNION ALL SELECT 'time_rollup_prices', count(*) FROM time_rollup_prices
     UNION ALL SELECT 'time_rollups_priced_by_deal', count(*) FROM time_rollups_priced_by_deal UNION ALL SELECT 'time_rollups_priced_by_user', count(*) FROM time_rollups_priced_by_user`,
  );
  return {
    organizationId,
    seededUsers: users,
    yearStart,
    yearEnd,
    rows: Object.fromEntries(counts.rows.map((r) => [r.t, Number(r.n)])),
    seconds: (Date.now() - started) / 1000,
    rollupSeconds,
    method: 'INSERT ... SELECT FROM generate_series (server-side, restore mode, secondary indexes rebuilt after bulk tables; rollups built once at the end by INSERT ... SELECT ... GROUP BY, checked by the rollup check endpoint below full scale)',
  };
}
