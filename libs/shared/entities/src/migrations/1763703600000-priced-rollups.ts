import { MigrationInterface, QueryRunner } from 'typeorm';

/** The span levels of the span rollups (migration 1763701900000). */
const SPANS = '{1,4,16,64,256}';
const NO_ID = `'00000000-0000-0000-0000-000000000000'::uuid`;
/** The grain of time_rollup_prices: what the hourly rate and the cost rate of time depend on. */
const PRICE_KEYS = ['day', 'deal_id', 'user_id', 'account_id'];
const PRICED_FIGURES = ['billable_seconds', 'costed_seconds', 'value_rate_seconds', 'cost_rate_seconds'];

/** Equality of the price key of rows `a` and `b`, nulls equal (hash-joinable, unlike IS NOT DISTINCT FROM). */
const sameKey = (a: string, b: string) =>
  `${a}.organization_id = ${b}.organization_id AND ${a}.day = ${b}.day AND ${PRICE_KEYS.slice(1).map((k) => `coalesce(${a}.${k}, ${NO_ID}) = coalesce(${b}.${k}, ${NO_ID})`).join(' AND ')}`;

/**
 * The hourly rate and the cost rate of a row `k` (organization_id, day, deal_id, user_id,
 * account_id), as LATERAL joins exposing rate.hourly_rate, rate.currency, cost.hourly_cost and
 * cost.currency. The same resolution as the billing lib's RATE_ON_DAY and COST_RATE_ON_DAY
 * (rate-resolution.rules.ts, cost-rate-resolution.rules.ts); the rollup check compares the stored
 * rates with those, so a change to either shows as drift.
 */
const RESOLVE = (k: string) => `
  LEFT JOIN users ru ON ru.organization_id = ${k}.organization_id AND ru.id = ${k}.user_id
  LEFT JOIN LATERAL (
    SELECT r.hourly_rate, r.currency FROM billing_rates r
     WHERE r.organization_id = ${k}.organization_id AND r.valid_from <= ${k}.day AND (r.valid_to IS NULL OR r.valid_to >= ${k}.day)
       AND ((r.level = 'deal_user' AND r.deal_id = ${k}.deal_id AND r.user_id = ${k}.user_id)
         OR (r.level = 'deal' AND r.deal_id = ${k}.deal_id)
         OR (r.level = 'account' AND r.account_id = ${k}.account_id)
         OR (r.level = 'user' AND r.user_id = ${k}.user_id)
         OR r.level = 'organization')
     ORDER BY r.precedence LIMIT 1) rate ON true
  LEFT JOIN LATERAL (
    SELECT c.hourly_cost, c.currency FROM cost_rates c
     WHERE c.organization_id = ${k}.organization_id AND c.valid_from <= ${k}.day AND (c.valid_to IS NULL OR c.valid_to >= ${k}.day)
       AND ((c.level = 'user' AND c.user_id = ${k}.user_id) OR (c.level = 'role' AND c.role = ru.role))
     ORDER BY c.precedence LIMIT 1) cost ON true`;

/**
 * The priced contribution of `seconds` / `billable_seconds` at the given rates: one row in the
 * rate's currency (billable seconds and their value) and one in the cost rate's currency (seconds
 * and their cost), money as seconds × hourly amount (exact; the report divides by 3600 and rounds
 * once per key and currency). A missing rate is currency null and value 0.
 */
const priced = (seconds: string, billable: string, rate: string, rateCurrency: string, cost: string, costCurrency: string) => `
  CROSS JOIN LATERAL (VALUES (${rateCurrency}, ${billable}, 0::bigint, ${billable} * coalesce(${rate}, 0), 0::numeric),
                             (${costCurrency}, 0::bigint, ${seconds}, 0::numeric, ${seconds} * coalesce(${cost}, 0)))
                     AS x(currency, billable_seconds, costed_seconds, value_rate_seconds, cost_rate_seconds)`;

/** Adds day-level priced rows (`source`: organization_id, day, the keys, currency and the figures) to every span level of a priced table, in key order. */
const addToSpans = (table: string, keys: string[], source: string) => {
  const cols = [...keys, 'currency'];
  return `
  INSERT INTO ${table} AS t (organization_id, span, span_start, ${cols.join(', ')}, ${PRICED_FIGURES.join(', ')})
  SELECT d.organization_id, s.span, time_span_start(d.day, s.span), ${cols.map((k) => `d.${k}`).join(', ')}, ${PRICED_FIGURES.map((f) => `sum(d.${f})`).join(', ')}
    FROM ${source}
   CROSS JOIN unnest('${SPANS}'::smallint[]) s(span)
   GROUP BY 1, 2, 3, ${cols.map((_, i) => i + 4).join(', ')}
  HAVING ${PRICED_FIGURES.map((f) => `sum(d.${f}) <> 0`).join(' OR ')}
   ORDER BY 1, 2, 3, ${cols.map((_, i) => i + 4).join(', ')}
  ON CONFLICT (organization_id, span, span_start, ${cols.join(', ')}) DO UPDATE SET
    ${PRICED_FIGURES.map((f) => `${f} = t.${f} + EXCLUDED.${f}`).join(', ')}, updated_at = now()`;
};

/** Both priced span tables fed from the CTE `c` (organization_id, day, deal_id, account_id, user_id, currency, figures), as the tail of a WITH statement. */
const addToBothSpans = `
  by_deal AS (${addToSpans('time_rollups_priced_by_deal', ['deal_id', 'account_id'], 'c d')} RETURNING 1)
  ${addToSpans('time_rollups_priced_by_user', ['user_id'], 'c d')}`;

/** The rows the current transaction parked in time_rollup_pending (migration 1763701900000), summed per price key. */
const PARKED = `
  SELECT p.organization_id, u.day, u.deal_id, u.user_id, u.account_id, sum(u.seconds)::bigint AS seconds, sum(u.billable_seconds)::bigint AS billable_seconds
    FROM time_rollup_pending p
   CROSS JOIN LATERAL unnest(p.days, p.deal_ids, p.user_ids, p.account_ids, p.seconds, p.billable_seconds) AS u(day, deal_id, user_id, account_id, seconds, billable_seconds)
   WHERE p.tx = txid_current()
   GROUP BY 1, 2, 3, 4, 5`;

/**
 * At commit, the parked deltas: added to time_rollup_prices (a key new to it gets the rates in
 * effect for it now, an existing key keeps its stored rates), then priced with the key's stored
 * rates into both priced span tables. Pricing with the stored rates (never with the rates of the
 * moment) is what keeps subtraction exact: time leaves a key at the price it came in with,
 * whatever happened to the rates, deals or people since.
 */
const APPLY_PRICED = `
  WITH k AS (${PARKED}),
  up AS (
    INSERT INTO time_rollup_prices AS p (organization_id, ${PRICE_KEYS.join(', ')}, seconds, billable_seconds, hourly_rate, rate_currency, hourly_cost, cost_currency)
    SELECT k.organization_id, ${PRICE_KEYS.map((c) => `k.${c}`).join(', ')}, k.seconds, k.billable_seconds, rate.hourly_rate, rate.currency, cost.hourly_cost, cost.currency
      FROM k ${RESOLVE('k')}
     ORDER BY k.organization_id, ${PRICE_KEYS.map((c) => `k.${c}`).join(', ')}
    ON CONFLICT (organization_id, ${PRICE_KEYS.join(', ')}) DO UPDATE SET
      seconds = p.seconds + EXCLUDED.seconds, billable_seconds = p.billable_seconds + EXCLUDED.billable_seconds, updated_at = now()
    RETURNING p.organization_id, ${PRICE_KEYS.map((c) => `p.${c}`).join(', ')}, p.hourly_rate, p.rate_currency, p.hourly_cost, p.cost_currency),
  c AS (
    SELECT k.organization_id, k.day, k.deal_id, k.account_id, k.user_id, x.*
      FROM k JOIN up ON ${sameKey('up', 'k')}
      ${priced('k.seconds', 'k.billable_seconds', 'up.hourly_rate', 'up.rate_currency', 'up.hourly_cost', 'up.cost_currency')}),
  ${addToBothSpans}`;

/**
 * The repricing of the current transaction's dirty ranges (time_rollup_reprice): every stored
 * key in a range (and scope) whose rates now resolve differently gets the new rates, and its
 * time moves in the priced span tables from the old price to the new one (old subtracted, new
 * added). Keys are locked (FOR UPDATE) and read at their latest version, so a writer committing
 * meanwhile is repriced with them or, waiting on the lock, prices its delta at the new rates.
 */
const REPRICE = `
  WITH dirty AS (SELECT DISTINCT organization_id, day_from, day_to, deal_id, user_id, account_id FROM time_rollup_reprice WHERE tx = txid_current()),
  held AS (
    SELECT p.* FROM time_rollup_prices p
     WHERE EXISTS (SELECT 1 FROM dirty r WHERE r.organization_id = p.organization_id AND p.day BETWEEN r.day_from AND r.day_to
                      AND (r.deal_id IS NULL OR r.deal_id = p.deal_id) AND (r.user_id IS NULL OR r.user_id = p.user_id) AND (r.account_id IS NULL OR r.account_id = p.account_id))
     ORDER BY p.organization_id, ${PRICE_KEYS.map((c) => `p.${c}`).join(', ')}
       FOR UPDATE OF p),
  changed AS (
    SELECT k.organization_id, k.id, ${PRICE_KEYS.map((c) => `k.${c}`).join(', ')}, k.seconds, k.billable_seconds,
           k.hourly_rate AS old_rate, k.rate_currency AS old_rate_currency, k.hourly_cost AS old_cost, k.cost_currency AS old_cost_currency,
           rate.hourly_rate AS new_rate, rate.currency AS new_rate_currency, cost.hourly_cost AS new_cost, cost.currency AS new_cost_currency
      FROM held k ${RESOLVE('k')}
     WHERE (k.hourly_rate, k.rate_currency, k.hourly_cost, k.cost_currency) IS DISTINCT FROM (rate.hourly_rate, rate.currency, cost.hourly_cost, cost.currency)),
  updated AS (
    UPDATE time_rollup_prices p SET hourly_rate = ch.new_rate, rate_currency = ch.new_rate_currency, hourly_cost = ch.new_cost, cost_currency = ch.new_cost_currency, updated_at = now()
      FROM changed ch WHERE p.organization_id = ch.organization_id AND p.id = ch.id RETURNING 1),
  c AS (
    SELECT ch.organization_id, ch.day, ch.deal_id, ch.account_id, ch.user_id, x.*
      FROM changed ch ${priced('-ch.seconds', '-ch.billable_seconds', 'ch.old_rate', 'ch.old_rate_currency', 'ch.old_cost', 'ch.old_cost_currency')}
     WHERE ch.seconds <> 0 OR ch.billable_seconds <> 0
    UNION ALL
    SELECT ch.organization_id, ch.day, ch.deal_id, ch.account_id, ch.user_id, x.*
      FROM changed ch ${priced('ch.seconds', 'ch.billable_seconds', 'ch.new_rate', 'ch.new_rate_currency', 'ch.new_cost', 'ch.new_cost_currency')}
     WHERE ch.seconds <> 0 OR ch.billable_seconds <> 0),
  ${addToBothSpans}`;

const triggerFunction = (name: string, body: string) => `
  CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    ${body};
    RETURN NULL;
  END
  $fn$`;

/** Marks the days and scope of rate rows in a transition table as dirty (organizations being deleted skipped). */
const markDirty = (scope: { deal: string; user: string; account: string }, from: string) => `
  SELECT t.organization_id, t.valid_from, coalesce(t.valid_to, 'infinity'::date), ${scope.deal}, ${scope.user}, ${scope.account}
    FROM ${from} t JOIN organizations o ON o.id = t.organization_id`;
const RATE_SCOPE = {
  deal: `CASE WHEN t.level IN ('deal', 'deal_user') THEN t.deal_id END`,
  user: `CASE WHEN t.level IN ('user', 'deal_user') THEN t.user_id END`,
  account: `CASE WHEN t.level = 'account' THEN t.account_id END`,
};
const COST_SCOPE = { deal: 'NULL::uuid', user: `CASE WHEN t.level = 'user' THEN t.user_id END`, account: 'NULL::uuid' };
const insertDirty = (parts: string[]) => `
  INSERT INTO time_rollup_reprice (organization_id, day_from, day_to, deal_id, user_id, account_id)
  SELECT DISTINCT * FROM (${parts.join(' UNION ALL ')}) d`;

/**
 * Priced rollups, so that the profitability report reads a handful of span buckets instead of
 * pricing every day's time at query time:
 *
 * - time_rollup_prices: per organization, UTC day, deal, user and account (what a rate and a
 *   cost rate depend on) the seconds and billable seconds, and the hourly rate and cost rate
 *   (with their currencies) that price them, as resolved when the key first got time or when
 *   the rates last changed.
 * - time_rollups_priced_by_deal (per deal and account) and time_rollups_priced_by_user (per
 *   user), at the span levels of the time span rollups and per currency: billable seconds and
 *   their value, costed seconds and their cost. Money is kept as seconds × hourly amount
 *   (`*_rate_seconds`, exact numeric), so the report divides by 3600 and rounds once per key
 *   and currency, as its raw computation does; cents rounded per rollup row would not add up.
 *
 * Kept exact by PostgreSQL, in the transaction that changes anything:
 * - time: the deferred apply of time_rollup_pending (migration 1763701900000) also adds the
 *   parked deltas to the prices and, priced at each key's stored rates, to the priced spans;
 * - rates: statement triggers on billing_rates and cost_rates (insert, update, delete, and the
 *   cascades from deleting a deal, account or user) and a row trigger on a user's role mark the
 *   days and scope whose resolution may have changed (time_rollup_reprice); a deferred trigger
 *   reprices them at commit (old price out, new price in).
 * Existing entries are priced here (backfill).
 */
export class PricedRollups1763703600000 implements MigrationInterface {
  name = 'PricedRollups1763703600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE time_rollup_prices (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        day date NOT NULL,
        deal_id uuid,
        user_id uuid,
        account_id uuid,
        seconds bigint NOT NULL DEFAULT 0,
        billable_seconds bigint NOT NULL DEFAULT 0,
        hourly_rate numeric(14, 2),
        rate_currency text,
        hourly_cost numeric(14, 2),
        cost_currency text,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id)
      ) WITH (fillfactor = 80)`);
    // No foreign keys on deal/user/account: a deleted record's time moves to the null key.
    await q.query(`CREATE UNIQUE INDEX time_rollup_prices_key_idx ON time_rollup_prices (organization_id, ${PRICE_KEYS.join(', ')}) NULLS NOT DISTINCT`);
    await q.query(`CREATE INDEX time_rollup_prices_deal_idx ON time_rollup_prices (organization_id, deal_id, day)`);
    await q.query(`CREATE INDEX time_rollup_prices_user_idx ON time_rollup_prices (organization_id, user_id, day)`);
    const pricedTable = (table: string, keys: string) => `
      CREATE TABLE ${table} (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        span smallint NOT NULL CHECK (span IN (1, 4, 16, 64, 256)),
        span_start date NOT NULL CHECK (span_start = time_span_start(span_start, span)),
        ${keys},
        currency text,
        billable_seconds bigint NOT NULL DEFAULT 0,
        costed_seconds bigint NOT NULL DEFAULT 0,
        value_rate_seconds numeric NOT NULL DEFAULT 0,
        cost_rate_seconds numeric NOT NULL DEFAULT 0,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id)
      ) WITH (fillfactor = 80)`;
    await q.query(pricedTable('time_rollups_priced_by_deal', 'deal_id uuid,\n        account_id uuid'));
    await q.query(pricedTable('time_rollups_priced_by_user', 'user_id uuid'));
    await q.query(
      `CREATE UNIQUE INDEX time_rollups_priced_by_deal_key_idx ON time_rollups_priced_by_deal (organization_id, span, span_start, deal_id, account_id, currency) NULLS NOT DISTINCT`,
    );
    await q.query(`CREATE UNIQUE INDEX time_rollups_priced_by_user_key_idx ON time_rollups_priced_by_user (organization_id, span, span_start, user_id, currency) NULLS NOT DISTINCT`);
    await q.query(`
      CREATE TABLE time_rollup_reprice (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        tx bigint NOT NULL DEFAULT txid_current(),
        day_from date NOT NULL,
        day_to date NOT NULL,
        deal_id uuid,
        user_id uuid,
        account_id uuid,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id)
      )`);
    await q.query(`CREATE INDEX time_rollup_reprice_tx_idx ON time_rollup_reprice (tx)`);

    // At commit, just before time_rollup_pending_apply (1763701900000) applies and removes the
    // parked rows: the triggers of one row fire in the order of their names, so the first parked
    // row prices all of the transaction's rows and the later ones find them gone.
    await q.query(`
      CREATE FUNCTION time_rollup_pending_add_prices() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM time_rollup_pending WHERE organization_id = NEW.organization_id AND id = NEW.id) THEN
          RETURN NULL;
        END IF;
        ${APPLY_PRICED};
        RETURN NULL;
      END
      $fn$`);
    await q.query(
      `CREATE CONSTRAINT TRIGGER time_rollup_pending_add_prices AFTER INSERT ON time_rollup_pending DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION time_rollup_pending_add_prices()`,
    );

    await q.query(`
      CREATE FUNCTION time_rollup_reprice_apply() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM time_rollup_reprice WHERE organization_id = NEW.organization_id AND id = NEW.id) THEN
          RETURN NULL;
        END IF;
        ${REPRICE};
        DELETE FROM time_rollup_reprice WHERE tx = txid_current();
        RETURN NULL;
      END
      $fn$`);
    await q.query(
      `CREATE CONSTRAINT TRIGGER time_rollup_reprice_apply AFTER INSERT ON time_rollup_reprice DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION time_rollup_reprice_apply()`,
    );

    for (const [table, scope] of [['billing_rates', RATE_SCOPE], ['cost_rates', COST_SCOPE]] as const) {
      await q.query(triggerFunction(`${table}_reprice_on_insert`, insertDirty([markDirty(scope, 'new_rows')])));
      await q.query(triggerFunction(`${table}_reprice_on_update`, insertDirty([markDirty(scope, 'new_rows'), markDirty(scope, 'old_rows')])));
      await q.query(triggerFunction(`${table}_reprice_on_delete`, insertDirty([markDirty(scope, 'old_rows')])));
      await q.query(`CREATE TRIGGER ${table}_reprice_insert AFTER INSERT ON ${table} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${table}_reprice_on_insert()`);
      await q.query(
        `CREATE TRIGGER ${table}_reprice_update AFTER UPDATE ON ${table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${table}_reprice_on_update()`,
      );
      await q.query(`CREATE TRIGGER ${table}_reprice_delete AFTER DELETE ON ${table} REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ${table}_reprice_on_delete()`);
    }
    // A role prices a person's time through the role's cost rates, on every day.
    await q.query(
      triggerFunction(
        'users_reprice_on_role',
        `INSERT INTO time_rollup_reprice (organization_id, day_from, day_to, user_id)
         SELECT NEW.organization_id, '-infinity'::date, 'infinity'::date, NEW.id WHERE EXISTS (SELECT 1 FROM organizations o WHERE o.id = NEW.organization_id)`,
      ),
    );
    await q.query(`CREATE TRIGGER users_reprice_role AFTER UPDATE OF role ON users FOR EACH ROW WHEN (OLD.role IS DISTINCT FROM NEW.role) EXECUTE FUNCTION users_reprice_on_role()`);
    await q.query(
      triggerFunction('time_rollup_prices_on_truncate', 'DELETE FROM time_rollup_prices; DELETE FROM time_rollups_priced_by_deal; DELETE FROM time_rollups_priced_by_user'),
    );
    await q.query(`CREATE TRIGGER time_rollup_prices_truncate AFTER TRUNCATE ON time_entries FOR EACH STATEMENT EXECUTE FUNCTION time_rollup_prices_on_truncate()`);

    // Backfill from the daily rollups (exact, kept by their own triggers since 1763701000000).
    await q.query(`SET LOCAL work_mem = '256MB'`);
    await q.query(`
      INSERT INTO time_rollup_prices (organization_id, ${PRICE_KEYS.join(', ')}, seconds, billable_seconds, hourly_rate, rate_currency, hourly_cost, cost_currency)
      SELECT k.organization_id, ${PRICE_KEYS.map((c) => `k.${c}`).join(', ')}, k.seconds, k.billable_seconds, rate.hourly_rate, rate.currency, cost.hourly_cost, cost.currency
        FROM (SELECT organization_id, ${PRICE_KEYS.join(', ')}, sum(seconds)::bigint AS seconds, coalesce(sum(seconds) FILTER (WHERE billable), 0)::bigint AS billable_seconds
                FROM time_rollups GROUP BY organization_id, ${PRICE_KEYS.join(', ')} HAVING sum(entries) <> 0) k
        ${RESOLVE('k')}`);
    await q.query(`
      WITH c AS (
        SELECT p.organization_id, p.day, p.deal_id, p.account_id, p.user_id, x.*
          FROM time_rollup_prices p ${priced('p.seconds', 'p.billable_seconds', 'p.hourly_rate', 'p.rate_currency', 'p.hourly_cost', 'p.cost_currency')}),
      ${addToBothSpans}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER time_rollup_pending_add_prices ON time_rollup_pending`);
    await q.query(`DROP FUNCTION time_rollup_pending_add_prices()`);
    await q.query(`DROP TRIGGER time_rollup_prices_truncate ON time_entries`);
    await q.query(`DROP FUNCTION time_rollup_prices_on_truncate()`);
    await q.query(`DROP TRIGGER users_reprice_role ON users`);
    await q.query(`DROP FUNCTION users_reprice_on_role()`);
    for (const table of ['billing_rates', 'cost_rates']) {
      for (const t of ['insert', 'update', 'delete']) {
        await q.query(`DROP TRIGGER ${table}_reprice_${t} ON ${table}`);
        await q.query(`DROP FUNCTION ${table}_reprice_on_${t}()`);
      }
    }
    await q.query(`DROP TABLE time_rollup_reprice`);
    await q.query(`DROP FUNCTION time_rollup_reprice_apply()`);
    await q.query(`DROP TABLE time_rollups_priced_by_user`);
    await q.query(`DROP TABLE time_rollups_priced_by_deal`);
    await q.query(`DROP TABLE time_rollup_prices`);
  }
}
