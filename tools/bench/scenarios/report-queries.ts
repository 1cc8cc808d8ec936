// The reports of the contract and, for each, the raw SQL over the source rows that computes
// the same figures (time reports: GROUP BY over time_entries; pipeline: over deals), and how
// to read the comparable figures out of the api's answer.

/** Comparable figures per key (a deal, client, user, or stage/currency). */
export type Figures = Map<string, Record<string, number>>;

export interface ReportSpec {
  name: string;
  /** Query parameters the route needs besides the range (`group_by=deal&`). */
  params?: string;
  /** The figures of the api's JSON answer. */
  fromApi(body: ApiReport): Figures;
  /** SQL with $1 organization, $2 range start, $3 range end (timestamptz); columns key + figures. */
  rawSql: string;
}

type Row = Record<string, unknown>;
export interface ApiReport {
  rows: Row[];
}

const TIME_FIGURES = `count(*) AS entries, sum(te.duration_seconds) AS seconds, coalesce(sum(te.duration_seconds) FILTER (WHERE te.billable), 0) AS billable_seconds`;
const timeRaw = (key: string, where = '') => `
  SELECT te.${key}::text AS key, ${TIME_FIGURES}
    FROM time_entries te
   WHERE te.organization_id = $1 AND te.start_time >= $2::timestamptz AND te.start_time < $3::timestamptz ${where}
   GROUP BY te.${key}`;

const cents = (v: unknown) => Math.round(Number(v) * 100);

function figures(rows: Row[], key: (r: Row) => string, fields: Record<string, (r: Row) => number>): Figures {
  const out: Figures = new Map();
  for (const r of rows) {
    const values = Object.fromEntries(Object.entries(fields).map(([name, read]) => [name, read(r)]));
    if (values.entries === 0 || values.count === 0) continue; // keys whose time fell to zero are not rows
    out.set(key(r), values);
  }
  return out;
}

const PROFIT_FIELDS = {
  billable_seconds: (r: Row) => Number(r.billable_seconds),
  costed_seconds: (r: Row) => Number(r.costed_seconds),
  billable_value: (r: Row) => cents(r.billable_value),
  cost: (r: Row) => cents(r.cost),
  invoiced_value: (r: Row) => cents(r.invoiced_value),
};

const timeFields = { entries: (r: Row) => Number(r.entries), seconds: (r: Row) => Number(r.seconds), billable_seconds: (r: Row) => Number(r.billable_seconds) };
const byKey = (field: string) => (r: Row) => String(r[field] ?? r.key ?? null);

function timeReport(name: string, field: string): ReportSpec {
  return {
    name,
    fromApi: (b) => figures(b.rows, byKey(field), timeFields),
    rawSql: timeRaw(field),
  };
}

export const REPORTS: ReportSpec[] = [
  timeReport('time-per-deal', 'deal_id'),
  timeReport('time-per-client', 'account_id'),
  timeReport('time-per-user', 'user_id'),
  {
    name: 'productivity',
    fromApi: (b) => figures(b.rows, byKey('user_id'), { entries: timeFields.entries, seconds: timeFields.seconds }),
    rawSql: timeRaw('user_id'),
  },
  {
    name: 'revenue-vs-hours',
    fromApi: (b) => figures(b.rows, byKey('deal_id'), { ...timeFields, value: (r) => cents(r.value) }),
    rawSql: `
      SELECT te.deal_id::text AS key, d.value, ${TIME_FIGURES}
        FROM time_entries te JOIN deals d ON d.organization_id = te.organization_id AND d.id = te.deal_id
       WHERE te.organization_id = $1 AND te.start_time >= $2::timestamptz AND te.start_time < $3::timestamptz
       GROUP BY te.deal_id, d.value`,
  },
  {
    // Per deal and currency: billable seconds × the hourly rate of the day, seconds × the cost
    // rate of the person's day (own, else role), rounded once per row; issued/paid invoice lines.
    name: 'profitability',
    params: 'group_by=deal&',
    fromApi: (b) => figures(b.rows, (r) => `${r.key_id}/${r.currency}`, PROFIT_FIELDS),
    rawSql: `
      WITH e AS (SELECT te.*, (te.start_time AT TIME ZONE 'UTC')::date AS day FROM time_entries te
                  WHERE te.organization_id = $1 AND te.start_time >= $2::timestamptz AND te.start_time < $3::timestamptz),
           rate AS (SELECT DISTINCT ON (e.id) e.id, r.hourly_rate, r.currency FROM e JOIN billing_rates r ON r.organization_id = e.organization_id
                      AND e.day BETWEEN r.valid_from AND coalesce(r.valid_to, 'infinity') AND (r.level = 'organization' OR (r.level = 'user' AND r.user_id = e.user_id)
                       OR (r.level = 'account' AND r.account_id = e.account_id) OR (r.level = 'deal' AND r.deal_id = e.deal_id)
                       OR (r.level = 'deal_user' AND r.deal_id = e.deal_id AND r.user_id = e.user_id))
                     ORDER BY e.id, array_position(ARRAY['deal_user', 'deal', 'account', 'user', 'organization'], r.level)),
           cost AS (SELECT DISTINCT ON (e.id) e.id, c.hourly_cost, c.currency FROM e JOIN users u ON u.organization_id = e.organization_id AND u.id = e.user_id
                      JOIN cost_rates c ON c.organization_id = e.organization_id AND e.day BETWEEN c.valid_from AND coalesce(c.valid_to, 'infinity')
                       AND (c.user_id = e.user_id OR (c.user_id IS NULL AND c.role = u.role))
                     ORDER BY e.id, c.user_id IS NULL),
           parts AS (SELECT e.deal_id AS key, rate.currency, e.duration_seconds AS bs, 0 AS cs, e.duration_seconds * coalesce(rate.hourly_rate, 0) AS v, 0 AS c, 0 AS inv
                       FROM e LEFT JOIN rate ON rate.id = e.id WHERE e.billable
                     UNION ALL SELECT e.deal_id, cost.currency, 0, e.duration_seconds, 0, e.duration_seconds * coalesce(cost.hourly_cost, 0), 0 FROM e LEFT JOIN cost ON cost.id = e.id
                     UNION ALL SELECT l.deal_id, i.currency, 0, 0, 0, 0, l.amount FROM invoice_lines l JOIN invoices i ON i.organization_id = l.organization_id AND i.id = l.invoice_id
                      WHERE i.organization_id = $1 AND i.status IN ('issued', 'paid') AND i.invoice_date >= ($2::timestamptz AT TIME ZONE 'UTC')::date AND i.invoice_date < ($3::timestamptz AT TIME ZONE 'UTC')::date)
      SELECT coalesce(key::text, 'null') || '/' || coalesce(currency, 'null') AS key, sum(bs) AS billable_seconds, sum(cs) AS costed_seconds,
             round(sum(v) / 3600, 2) AS billable_value, round(sum(c) / 3600, 2) AS cost, sum(inv) AS invoiced_value
        FROM parts GROUP BY key, currency`,
  },
  {
    name: 'pipeline',
    fromApi: (b) => figures(b.rows, (r) => `${r.stage}/${r.currency}`, { count: (r) => Number(r.count), value: (r) => cents(r.value) }),
    rawSql: `
      SELECT stage || '/' || currency AS key, count(*) AS count, sum(value) AS value
        FROM deals WHERE organization_id = $1 AND created_at >= $2::timestamptz AND created_at < $3::timestamptz
       GROUP BY stage, currency`,
  },
];

/** The raw rows in the same shape as the api's figures. */
export function rawFigures(spec: ReportSpec, rows: Row[]): Figures {
  if (spec.name === 'pipeline') return figures(rows, byKey('key'), { count: (r) => Number(r.count), value: (r) => cents(r.value) });
  if (spec.name === 'profitability') return figures(rows, byKey('key'), PROFIT_FIELDS);
  const fields: Record<string, (r: Row) => number> =
    spec.name === 'productivity' ? { entries: timeFields.entries, seconds: timeFields.seconds } : { ...timeFields };
  if (spec.name === 'revenue-vs-hours') fields.value = (r) => cents(r.value);
  return figures(rows, (r) => String(r.key), fields);
}

/** The first difference between two sets of figures, or null when equal to the cent and second. */
export function firstDifference(api: Figures, raw: Figures): string | null {
  for (const key of new Set([...api.keys(), ...raw.keys()])) {
    const a = api.get(key);
    const r = raw.get(key);
    if (!a || !r) return `${key}: ${a ? 'only in the report' : 'missing from the report'} (${JSON.stringify(a ?? r)})`;
    for (const field of Object.keys(r)) if (a[field] !== r[field]) return `${key}.${field}: report ${a[field]}, raw ${r[field]}`;
  }
  return null;
}
