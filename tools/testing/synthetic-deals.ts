import { randomUUID } from 'node:crypto';
import { prng } from '@clockwork/testing-support';

/**
 * Used by the insights e2e tests (apps/api-e2e/src/insights) and the bench's insights scenario.
 *
 * A synthetic organization where the truth is known: each deal's outcome is drawn from its
 * effort and recency (hours per entry, days since the last entry) with noise, through a
 * logistic link; `pattern: -1` flips the effect (an organization that wins its quiet deals).
 * Closed deals are closed in the past (their entries end before the close; won deals then get
 * project work after the close, which a model reading past the close would wrongly learn
 * from); open deals get the same kind of history up to now and a hidden outcome drawn the same
 * way, which only the test knows. Rows go straight into PostgreSQL in a few statements.
 */
export interface SyntheticDeal {
  id: string;
  closed: boolean;
  /** Drawn from the generator's logistic truth (for open deals: hidden). */
  won: boolean;
  stage: string;
  value: number;
  currency: string;
}

export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

export const OPEN_STAGES = ['prospecting', 'qualification', 'proposal', 'negotiation'] as const;
const DAY = 86_400_000;

/** The generator's truth: log-odds of winning from hours per entry and days since the last entry. */
export const truthLogit = (hoursPerEntry: number, daysSinceEntry: number, stageIndex: number, pattern: 1 | -1) => pattern * (0.9 * hoursPerEntry - 0.12 * daysSinceEntry + 0.2) + 0.15 * stageIndex - 0.2;

export async function generateDeals(
  db: Queryable,
  organizationId: string,
  options: { closed: number; open: number; seed: number; pattern?: 1 | -1; now?: Date; currencies?: string[] },
): Promise<SyntheticDeal[]> {
  const rand = prng(options.seed);
  const pattern = options.pattern ?? 1;
  const now = (options.now ?? new Date()).getTime();
  const currencies = options.currencies ?? ['USD'];
  const accounts = Array.from({ length: Math.max(3, Math.round((options.closed + options.open) / 20)) }, () => randomUUID());
  await db.query(`INSERT INTO accounts (organization_id, id, name) SELECT $1, id, 'Account ' || ord FROM unnest($2::uuid[]) WITH ORDINALITY AS a(id, ord)`, [organizationId, accounts]);

  const deals: SyntheticDeal[] = [];
  const d = { id: [] as string[], account: [] as string[], stage: [] as string[], value: [] as number[], currency: [] as string[], created: [] as string[], closed: [] as (string | null)[] };
  const h = { deal: [] as string[], from: [] as (string | null)[], to: [] as string[], at: [] as string[] };
  const e = { deal: [] as string[], start: [] as string[], seconds: [] as number[], employee: [] as string[] };
  const a = { deal: [] as string[], at: [] as string[] };

  for (let i = 0; i < options.closed + options.open; i++) {
    const closed = i < options.closed;
    const asOf = closed ? now - (20 + rand() * 500) * DAY : now;
    const age = 20 + rand() * 120;
    const created = asOf - age * DAY;
    const stageIndex = Math.floor(rand() * 4);
    const hoursPerEntry = 0.25 + rand() * 3.75;
    const since = rand() * Math.min(40, age - 1);
    const entries = 1 + Math.floor(rand() * 6);
    const won = rand() < 1 / (1 + Math.exp(-truthLogit(hoursPerEntry, since, stageIndex, pattern)));
    const id = randomUUID();
    const stage = closed ? (won ? 'won' : 'lost') : OPEN_STAGES[stageIndex];
    const value = Math.round((500 + rand() * 20_000) * 100) / 100;
    const currency = currencies[Math.floor(rand() * currencies.length)];
    deals.push({ id, closed, won, stage, value, currency });
    d.id.push(id);
    d.account.push(accounts[Math.floor(rand() * accounts.length)]);
    d.stage.push(stage);
    d.value.push(value);
    d.currency.push(currency);
    d.created.push(new Date(created).toISOString());
    d.closed.push(closed ? new Date(asOf).toISOString() : null);
    // History: created in prospecting, then the open stage (days before as_of), then the close.
    const entered = asOf - rand() * Math.min(30, age / 2) * DAY;
    const stageChange = (from: string | null, to: string, at: number) => {
      h.deal.push(id);
      h.from.push(from);
      h.to.push(to);
      h.at.push(new Date(at).toISOString());
    };
    const entry = (at: number, seconds: number, employee: string) => {
      e.deal.push(id);
      e.start.push(new Date(at).toISOString());
      e.seconds.push(seconds);
      e.employee.push(employee);
    };
    stageChange(null, 'prospecting', created);
    if (stageIndex > 0) stageChange('prospecting', OPEN_STAGES[stageIndex], entered);
    if (closed) stageChange(OPEN_STAGES[stageIndex], stage, asOf);
    // Time entries: the last `since` days before as_of, then every 2 to 4 days back.
    let start = asOf - since * DAY - hoursPerEntry * 3_600_000 - 60_000;
    for (let k = 0; k < entries && start > created; k++) {
      entry(start, Math.round(hoursPerEntry * 3600), `emp-${Math.floor(rand() * 5)}`);
      start -= (2 + rand() * 2) * DAY;
    }
    // Won deals are then delivered: heavy work after the close (must never reach the model).
    if (closed && won) for (let k = 1; k <= 5; k++) entry(asOf + k * DAY, 6 * 3600, 'emp-9');
    // An activity now and then (no signal).
    if (rand() < 0.5) {
      a.deal.push(id);
      a.at.push(new Date(asOf - rand() * age * DAY).toISOString());
    }
  }

  await db.query(
    `INSERT INTO deals (organization_id, id, name, account_id, stage, value, currency, created_at, updated_at, closed_at)
     SELECT $1, id, 'Deal ' || ord, account_id, stage, value, currency, created_at, coalesce(closed_at, created_at), closed_at
       FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::numeric[], $6::text[], $7::timestamptz[], $8::timestamptz[]) WITH ORDINALITY
         AS x(id, account_id, stage, value, currency, created_at, closed_at, ord)`,
    [organizationId, d.id, d.account, d.stage, d.value, d.currency, d.created, d.closed],
  );
  await db.query(
    `INSERT INTO deal_stage_history (organization_id, id, deal_id, from_stage, to_stage, entered_at)
     SELECT $1, gen_random_uuid(), deal_id, from_stage, to_stage, entered_at FROM unnest($2::uuid[], $3::text[], $4::text[], $5::timestamptz[]) AS x(deal_id, from_stage, to_stage, entered_at)`,
    [organizationId, h.deal, h.from, h.to, h.at],
  );
  await db.query(
    `INSERT INTO time_entries (organization_id, id, employee_id, deal_id, start_time, end_time, duration_seconds, activity_type, productivity_score, source, mapping_status)
     SELECT $1, gen_random_uuid(), employee_id, deal_id, start_time, start_time + make_interval(secs => seconds), seconds, 'manual', 0.5, 'manual', 'mapped'
       FROM unnest($2::uuid[], $3::timestamptz[], $4::int[], $5::text[]) AS x(deal_id, start_time, seconds, employee_id)`,
    [organizationId, e.deal, e.start, e.seconds, e.employee],
  );
  await db.query(
    `INSERT INTO activities (organization_id, id, type, subject, occurred_at, duration_minutes, outcome, deal_id)
     SELECT $1, gen_random_uuid(), 'call', 'Check-in', occurred_at, 15, 'done', deal_id FROM unnest($2::uuid[], $3::timestamptz[]) AS x(deal_id, occurred_at)`,
    [organizationId, a.deal, a.at],
  );
  return deals;
}

/**
 * Accounts where the truth of churning is known: each account gets a baseline of hours per 30
 * days, a recent ratio of it, a gap since its last time entry, unpaid invoices past their term,
 * open deals and recently lost deals, written as rows; whether it churns is then drawn from those
 * realised signals through a logistic link (`churnLogit`) with noise, and only the test knows it.
 * Time entries are on the account (no deal); some accounts also get paid or recent invoices,
 * which are not overdue (noise the score must ignore).
 */
export interface SyntheticAccount {
  id: string;
  churned: boolean;
}

/** The generator's churn truth, from the realised signals of an account. */
export const churnLogit = (s: { baseline30d: number; recent30d: number; daysSinceEntry: number; overdueInvoices: number; openDeals: number; lostDeals: number }) =>
  -2.2 + 1.1 * (Math.log1p(s.baseline30d) - Math.log1p(s.recent30d)) + 0.05 * s.daysSinceEntry + 0.8 * s.overdueInvoices + 1.0 * (s.openDeals === 0 ? 1 : 0) + 0.6 * s.lostDeals;

export async function generateChurnAccounts(db: Queryable, organizationId: string, options: { accounts: number; seed: number; now?: Date }): Promise<SyntheticAccount[]> {
  const rand = prng(options.seed);
  const now = (options.now ?? new Date()).getTime();
  const accounts: SyntheticAccount[] = [];
  const acc = { id: [] as string[], created: [] as string[] };
  const e = { account: [] as string[], start: [] as string[], seconds: [] as number[] };
  const d = { account: [] as string[], stage: [] as string[], closed: [] as (string | null)[] };
  const inv = { account: [] as string[], status: [] as string[], date: [] as string[] };
  const iso = (t: number) => new Date(t).toISOString();
  for (let i = 0; i < options.accounts; i++) {
    const id = randomUUID();
    acc.id.push(id);
    acc.created.push(iso(now - 400 * DAY));
    const baseline = 4 + rand() * 36;
    const ratio = rand() * 1.5;
    const gap = 0.5 + rand() * 45;
    // Entries every 3 days from `gap` days ago back to 120 days ago: the recent ones share baseline × ratio, the older ones 3 × baseline.
    const days: number[] = [];
    for (let day = gap; day < 120; day += 3) days.push(day);
    const recentDays = days.filter((x) => x < 30);
    const priorDays = days.filter((x) => x >= 30);
    let recent = 0;
    let prior = 0;
    for (const day of days) {
      const hours = day < 30 ? (baseline * ratio) / recentDays.length : (3 * baseline) / priorDays.length;
      const seconds = Math.max(60, Math.round(hours * 3600));
      if (day < 30) recent += seconds / 3600;
      else prior += seconds / 3600;
      e.account.push(id);
      e.start.push(iso(now - day * DAY - seconds * 1000));
      e.seconds.push(seconds);
    }
    const overdue = rand() < 0.25 ? 1 + Math.floor(rand() * 2) : 0;
    for (let k = 0; k < overdue; k++) {
      inv.account.push(id);
      inv.status.push('issued');
      inv.date.push(iso(now - (40 + rand() * 60) * DAY).slice(0, 10));
    }
    // Noise: a paid invoice, or one issued 10 days ago (inside its term).
    if (rand() < 0.3) {
      inv.account.push(id);
      const paid = rand() < 0.5;
      inv.status.push(paid ? 'paid' : 'issued');
      inv.date.push(iso(now - (paid ? 60 : 10) * DAY).slice(0, 10));
    }
    const open = Math.floor(rand() * 3);
    for (let k = 0; k < open; k++) {
      d.account.push(id);
      d.stage.push('proposal');
      d.closed.push(null);
    }
    const lost = rand() < 0.25 ? 1 : 0;
    if (lost) {
      d.account.push(id);
      d.stage.push('lost');
      d.closed.push(iso(now - (10 + rand() * 160) * DAY));
    }
    // An old won deal (beyond every window): history that says nothing now.
    d.account.push(id);
    d.stage.push('won');
    d.closed.push(iso(now - 300 * DAY));
    const logit = churnLogit({ baseline30d: prior / 3, recent30d: recent, daysSinceEntry: gap, overdueInvoices: overdue, openDeals: open, lostDeals: lost });
    accounts.push({ id, churned: rand() < 1 / (1 + Math.exp(-logit)) });
  }
  await db.query(`INSERT INTO accounts (organization_id, id, name, created_at) SELECT $1, id, 'Churn account ' || ord, created_at FROM unnest($2::uuid[], $3::timestamptz[]) WITH ORDINALITY AS a(id, created_at, ord)`, [
    organizationId,
    acc.id,
    acc.created,
  ]);
  await db.query(
    `INSERT INTO time_entries (organization_id, id, employee_id, account_id, start_time, end_time, duration_seconds, activity_type, productivity_score, source, mapping_status)
     SELECT $1, gen_random_uuid(), 'emp-1', account_id, start_time, start_time + make_interval(secs => seconds), seconds, 'manual', 0.5, 'manual', 'mapped'
       FROM unnest($2::uuid[], $3::timestamptz[], $4::int[]) AS x(account_id, start_time, seconds)`,
    [organizationId, e.account, e.start, e.seconds],
  );
  await db.query(
    `INSERT INTO deals (organization_id, id, name, account_id, stage, value, currency, created_at, updated_at, closed_at)
     SELECT $1, gen_random_uuid(), 'Deal ' || ord, account_id, stage, 1000, 'USD', $5::timestamptz, coalesce(closed_at, $5::timestamptz), closed_at
       FROM unnest($2::uuid[], $3::text[], $4::timestamptz[]) WITH ORDINALITY AS x(account_id, stage, closed_at, ord)`,
    [organizationId, d.account, d.stage, d.closed, iso(now - 350 * DAY)],
  );
  await db.query(
    `INSERT INTO invoices (organization_id, id, number, status, account_id, customer_name, period_from, period_to, invoice_date, currency, subtotal, tax_amount, total, issued_at, paid_at)
     SELECT $1::uuid, gen_random_uuid(), 'SYN-' || ord || '-' || left($1::uuid::text, 8), status, account_id, 'Customer', invoice_date - 30, invoice_date, invoice_date, 'USD', 1000, 0, 1000,
            invoice_date::timestamptz, CASE WHEN status = 'paid' THEN invoice_date::timestamptz + interval '20 days' END
       FROM unnest($2::uuid[], $3::text[], $4::date[]) WITH ORDINALITY AS x(account_id, status, invoice_date, ord)`,
    [organizationId, inv.account, inv.status, inv.date],
  );
  return accounts;
}

/**
 * Review decisions where the truth is known: `deals` open deals, each with its own vocabulary
 * (a client word and a project word in the name, a tag, a person); each entry draws the words of
 * its deal, but with `noise` probability each part comes from another deal instead. `decisions`
 * entries are written as mapped by hand to their deal (`mapping_rule = 'manual'`: the
 * reviewer's decision); `heldOut` more stay unmapped with their true deal known only to the test.
 * `swap` (two tenants of opposite patterns) gives deal k the vocabulary of deal (deals − 1 − k).
 */
export interface SyntheticReviewEntry {
  id: string;
  dealId: string;
}

export async function generateReviewDecisions(
  db: Queryable,
  organizationId: string,
  options: { deals: number; decisions: number; heldOut: number; seed: number; noise?: number; swap?: boolean; now?: Date },
): Promise<{ deals: string[]; decisions: SyntheticReviewEntry[]; heldOut: SyntheticReviewEntry[] }> {
  const rand = prng(options.seed);
  const noise = options.noise ?? 0.2;
  const now = (options.now ?? new Date()).getTime();
  const account = randomUUID();
  await db.query(`INSERT INTO accounts (organization_id, id, name) VALUES ($1, $2, 'Review account')`, [organizationId, account]);
  const deals = Array.from({ length: options.deals }, () => randomUUID());
  await db.query(
    `INSERT INTO deals (organization_id, id, name, account_id, stage, value, currency) SELECT $1, id, 'Review deal ' || ord, $3, 'proposal', 1000, 'USD' FROM unnest($2::uuid[]) WITH ORDINALITY AS x(id, ord)`,
    [organizationId, deals, account],
  );
  const vocab = (k: number) => {
    const v = options.swap ? options.deals - 1 - k : k;
    return { client: `client${v}`, project: `project${v}`, tag: `tag${v}`, person: `emp-${v}` };
  };
  const pick = (k: number) => (rand() < noise ? Math.floor(rand() * options.deals) : k);
  const rows = { id: [] as string[], deal: [] as (string | null)[], name: [] as string[], tags: [] as string[], employee: [] as string[], start: [] as string[], status: [] as string[] };
  const decisions: SyntheticReviewEntry[] = [];
  const heldOut: SyntheticReviewEntry[] = [];
  for (let i = 0; i < options.decisions + options.heldOut; i++) {
    const k = Math.floor(rand() * options.deals);
    const id = randomUUID();
    const decided = i < options.decisions;
    (decided ? decisions : heldOut).push({ id, dealId: deals[k] });
    rows.id.push(id);
    rows.deal.push(decided ? deals[k] : null);
    rows.name.push(`${vocab(pick(k)).client} ${vocab(pick(k)).project} ${rand() < 0.5 ? 'review' : 'call'}`);
    rows.tags.push(vocab(pick(k)).tag);
    rows.employee.push(vocab(pick(k)).person);
    rows.start.push(new Date(now - (1 + rand() * 60) * DAY).toISOString());
    rows.status.push(decided ? 'mapped' : 'unmapped');
  }
  await db.query(
    `INSERT INTO time_entries (organization_id, id, employee_id, deal_id, project_name, tags, start_time, end_time, duration_seconds, activity_type, productivity_score, source, mapping_status, mapping_rule, unmapped_reason)
     SELECT $1, id, employee_id, deal_id, project_name, ARRAY[tag], start_time, start_time + interval '1 hour', 3600, 'app', 0.5, 'agent', status,
            CASE WHEN status = 'mapped' THEN 'manual' END, CASE WHEN status = 'unmapped' THEN 'no_match' END
       FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::text[]) AS x(id, deal_id, project_name, tag, employee_id, start_time, status)`,
    [organizationId, rows.id, rows.deal, rows.name, rows.tags, rows.employee, rows.start, rows.status],
  );
  return { deals, decisions, heldOut };
}
