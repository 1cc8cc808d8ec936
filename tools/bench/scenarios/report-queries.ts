// The reports of the contract and, for each, the raw SQL over the source rows that computes
// the same figures (time reports: GROUP BY over time_entries; pipeline: over deals), and how
// to read the comparable figures out of the api's answer.

/** Comparable figures per key (a deal, client, user, or stage/currency). */
export type Figures = Map<string, Record<string, number>>;

export interface ReportSpec {
  name: string;
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
