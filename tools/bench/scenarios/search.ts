// 9. Search: `GET /search` over the seeded accounts, contacts and deals (1M contacts, 10,000
// accounts, 1,000 deals at full scale), each query as typed and with a typo, one at a time. p95
// against the same statements run raw in the same run (the repository's own SQL, `searchSql`, in
// a transaction with its settings, `SEARCH_SETTINGS_SQL`):
// what the search costs beyond its query. Target (judged at full scale): p95 ≤ 50 ms. The seed
// gives its 1M contacts 576 full names (24 first × 24 last), so a name matches about 1,700
// contacts; the query ranks 100 matches of each type and, when there are more, the 100 nearest
// (RANKED_PER_TYPE).
import { likePattern, prefixTsQuery, SEARCH_SETTINGS_SQL, searchSql } from '@clockwork/server-search';
import { SEARCH_TYPES } from '@clockwork/shared-dto';
import { BenchContext, percentile, randomSource, ResultRow, round, Scenario, timed } from '../scenario';

/** Words the seed names records with (tools/bench/seed.ts): contacts' first and last names, accounts' words. */
const FIRST = ['Ada', 'Chloe', 'Femi', 'Hana', 'Lena', 'Omar', 'Rosa', 'Yara'];
const LAST = ['Fischer', 'Garcia', 'Hughes', 'Okafor', 'Patel', 'Tanaka', 'Vogel', 'Weber'];
const WORDS = ['Cedar', 'Falcon', 'Granite', 'Harbor', 'Juniper', 'Keystone', 'Nimbus', 'Pioneer'];
const TARGET_MS = 50;
const LIMIT = 20;

/** One letter dropped from the longest word, past its first two: "Okafor" → "Okafr". */
export function withTypo(q: string, random: () => number): string {
  const words = q.split(' ');
  const i = words.reduce((best, w, k) => (w.length > words[best].length ? k : best), 0);
  const w = words[i];
  const at = 2 + Math.floor(random() * Math.max(1, w.length - 2));
  words[i] = w.slice(0, at) + w.slice(at + 1);
  return words.join(' ');
}

/** The queries of a run: a contact's full name, an account's two words, a deal's "Deal N", each as typed and with a typo. */
export function searchQueries(count: number, deals: number, seed = 20261207): string[] {
  const random = randomSource(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  const typed = Array.from({ length: Math.ceil(count / 2) }, (_, k) =>
    k % 3 === 0 ? `${pick(FIRST)} ${pick(LAST)}` : k % 3 === 1 ? `${pick(WORDS)} ${pick(WORDS)}` : `Deal ${1 + Math.floor(random() * deals)}`,
  );
  return typed.flatMap((q) => [q, withTypo(q, random)]).slice(0, count);
}

async function rawSearch(ctx: BenchContext, q: string): Promise<number> {
  const client = await ctx.pool.connect();
  try {
    const { ms } = await timed(async () => {
      await client.query('BEGIN');
      await client.query(SEARCH_SETTINGS_SQL);
      await client.query(searchSql(SEARCH_TYPES), [ctx.seed.organizationId, q, likePattern(q), prefixTsQuery(q), LIMIT, null]);
      await client.query('COMMIT');
    });
    return ms;
  } finally {
    client.release();
  }
}

export const search: Scenario = {
  id: 'search',
  title: 'Typo-tolerant search over accounts, contacts and deals',
  async run(ctx) {
    const queries = searchQueries(ctx.scale.listCalls, ctx.scale.deals);
    const found = await ctx.api.ok<{ data: unknown[] }>('GET', `/api/v1/search?q=${encodeURIComponent(queries[0])}&limit=${LIMIT}`); // warm-up
    const apiMs: number[] = [];
    const rawMs: number[] = [];
    let empty = 0;
    let typedEmpty = 0;
    for (const [i, q] of queries.entries()) {
      // in turns, so both sides see the same machine
      const call = await timed(() => ctx.api.ok<{ data: unknown[] }>('GET', `/api/v1/search?q=${encodeURIComponent(q)}&limit=${LIMIT}`));
      apiMs.push(call.ms);
      if (call.value.body.data.length === 0) {
        empty++;
        if (i % 2 === 0) typedEmpty++;
      }
      rawMs.push(await rawSearch(ctx, q));
    }
    const [p95, rawP95] = [percentile(apiMs, 95), percentile(rawMs, 95)];
    const row: ResultRow = {
      scenario: 'search',
      metric: 'GET /search p95 (names as typed and with a typo)',
      unit: 'ms',
      measured: round(p95),
      baseline: round(rawP95),
      baselineLabel: 'the same SQL raw, p95',
      ratio: round(p95 / Math.max(rawP95, 0.01), 2),
      targets: [{ kind: 'max', value: TARGET_MS, of: 'measured' }],
      // every query as typed names seeded records: one that finds nothing means the search is broken
      pass: typedEmpty === 0 && found.body.data.length > 0 ? null : false,
      note: `${queries.length} queries (${queries.slice(0, 4).join(' / ')} …), ${empty} found nothing (${typedEmpty} as typed); p50 ${round(percentile(apiMs, 50))} ms, raw p50 ${round(percentile(rawMs, 50))} ms; ${ctx.seed.rows.contacts?.toLocaleString('en-US')} contacts, ${ctx.seed.rows.accounts?.toLocaleString('en-US')} accounts, ${ctx.seed.rows.deals?.toLocaleString('en-US')} deals`,
    };
    return [row];
  },
};
