import { Injectable } from '@nestjs/common';
import { EncryptedFields, ReadReplicas, RequestContext } from '@clockwork/server-core';
import type { SearchResultDto, SearchType } from '@clockwork/shared-dto';

/**
 * pg_trgm thresholds for this search: `%` (similarity of the whole text) and `<%` (similarity
 * to the best-matching part of it, so "acme" finds "Acme Corporation International").
 */
export const SIMILARITY_THRESHOLD = 0.3;
export const WORD_SIMILARITY_THRESHOLD = 0.5;
/**
 * Matches of one type a search ranks in full. When a type has more, the search ranks the first
 * this many found plus as many rows nearest to q by trigram distance (migration SearchNearest).
 */
export const RANKED_PER_TYPE = 100;

/** How one record type is searched: the text its trigram indexes cover and what a hit shows. */
interface SearchTarget {
  table: string;
  /** The columns a hit is ranked and shown from. */
  columns: string[];
  /** The text matched typo-tolerantly: exactly the expression of the table's GIN trigram index (and, lower-cased, of its GiST one). */
  text: string;
  /** The texts a hit is scored on (the best of them counts). */
  scored: string[];
  title: string;
  subtitle: string;
  /** An encrypted email shown as the subtitle when there is one (decrypted after the query). */
  email?: string;
  /** A blind-indexed column: a hit when it equals the index of q ($6), scored 1. */
  exact?: string;
}

const TARGETS: Record<SearchType, SearchTarget> = {
  // accounts_search_trgm_idx, accounts_search_knn_idx
  account: { table: 'accounts', columns: ['name', 'domain', 'industry'], text: `(r.name || ' ' || coalesce(r.domain, ''))`, scored: ['r.name', 'r.domain'], title: 'r.name', subtitle: 'coalesce(r.domain, r.industry)' },
  // searched by name in contact_search_names (its trgm and knn indexes), a name's contacts by contacts_search_name_idx;
  // emails are encrypted: a whole address is found through email_hash.
  contact: {
    table: 'contacts',
    columns: ['first_name', 'last_name', 'job_title', 'email', 'email_hash'],
    text: `(coalesce(r.first_name, '') || ' ' || coalesce(r.last_name, ''))`,
    scored: [`(coalesce(r.first_name, '') || ' ' || coalesce(r.last_name, ''))`],
    title: `trim(r.first_name || ' ' || coalesce(r.last_name, ''))`,
    subtitle: 'r.job_title',
    email: 'r.email',
    exact: 'r.email_hash',
  },
  // deals_name_trgm_idx, deals_name_knn_idx
  deal: { table: 'deals', columns: ['name', 'stage'], text: 'r.name', scored: ['r.name'], title: 'r.name', subtitle: 'r.stage' },
};

/**
 * The SELECT of one type. Its candidates:
 * - `matched`: up to RANKED_PER_TYPE rows whose text is trigram-similar to q ($2) as a whole (`%`)
 *   or in part (`<%`), through the GIN index (or, where the planner expects matches to be dense,
 *   a scan that stops at the limit);
 * - only when that limit is reached (so every match is ranked whenever there are fewer): as many
 *   rows nearest to q, walked in order of trigram distance on the GiST index, which stops there.
 *   The GiST index is on the lower-cased text (trigrams are case-blind, so distances are the
 *   same): the `%` and `<%` conditions, written on the text itself, cannot be planned on it, and
 *   a GiST filter is many times slower than the GIN one when nothing matches.
 * Contacts are searched among their distinct names (contactTargetSql).
 * Ranked by 0.75 × the best trigram similarity + 0.15 when full-text search finds every word of q
 * as a word prefix ($4) + 0.10 when the text contains q as typed ($3, ILIKE).
 * So a search costs about the same whether q matches ten rows or ten thousand; with more than
 * RANKED_PER_TYPE matches, a match that is neither among the first found nor among the nearest
 * by whole-text distance (one similar to q only in part) can be left out.
 */
export function targetSql(type: SearchType): string {
  if (type === 'contact') return contactTargetSql();
  const t = TARGETS[type];
  const columns = ['r.id', ...t.columns.map((c) => `r.${c}`)].join(', ');
  const matching = `(${t.text} % $2 OR $2 <% ${t.text})`;
  return `WITH matched AS MATERIALIZED (SELECT ${columns} FROM ${t.table} r WHERE r.organization_id = $1 AND ${matching} LIMIT ${RANKED_PER_TYPE})
    SELECT '${type}'::text AS type, r.id, ${t.title} AS title, ${t.subtitle} AS subtitle, NULL::text AS email,
      round(${rankedSql(t.text, t.scored)}::numeric, 4)::float8 AS score
    FROM (SELECT ${columns} FROM matched r
      UNION (SELECT ${columns} FROM ${t.table} r WHERE r.organization_id = $1 AND (SELECT count(*) FROM matched) = ${RANKED_PER_TYPE}
        ORDER BY lower(${t.text}) <-> $2 LIMIT ${RANKED_PER_TYPE})) r
    WHERE ${matching}
    ORDER BY score DESC, r.id
    LIMIT $5`;
}

/** 0.75 × the best trigram similarity of `scored` to q + 0.15 when full-text search finds every word of q as a prefix in `text` + 0.10 when `text` contains q. */
function rankedSql(text: string, scored: string[]): string {
  const trigram = `greatest(${scored.flatMap((x) => [`coalesce(similarity(${x}, $2), 0)`, `coalesce(word_similarity($2, ${x}), 0)`]).join(', ')})`;
  const fullText = `CASE WHEN $4::text IS NOT NULL AND to_tsvector('simple', ${text}) @@ to_tsquery('simple', $4::text) THEN 1 ELSE 0 END`;
  const contains = `CASE WHEN ${text} ILIKE $3 THEN 1 ELSE 0 END`;
  return `least(1, 0.75 * ${trigram} + 0.15 * ${fullText} + 0.10 * ${contains})`;
}

/**
 * Contacts are searched by name among the distinct names of the organization's contacts
 * (contact_search_names, kept by triggers with each name's count; migration ContactSearchNames):
 * the same `matched` and nearest candidates as the other types, but of names, each scored once;
 * then the best $5 names' contacts, found by contacts_search_name_idx (a name's contacts share
 * its score, so the best $5 contacts are among them), and a contact whose email is q exactly
 * ($6, the blind index), scored 1. With 1M contacts of 576 names, a typo's probe reads the
 * trigram posting lists of a few hundred names instead of a million contacts.
 */
function contactTargetSql(): string {
  const t = TARGETS.contact;
  const columns = ['r.id', ...t.columns.map((c) => `r.${c}`)].join(', ');
  const matching = `(n.name % $2 OR $2 <% n.name)`;
  return `WITH matched AS MATERIALIZED (SELECT n.name FROM contact_search_names n WHERE n.organization_id = $1 AND ${matching} LIMIT ${RANKED_PER_TYPE}),
    names AS MATERIALIZED (SELECT n.name, round(${rankedSql('n.name', ['n.name'])}::numeric, 4)::float8 AS score
      FROM (SELECT name FROM matched
        UNION (SELECT n.name FROM contact_search_names n WHERE n.organization_id = $1 AND (SELECT count(*) FROM matched) = ${RANKED_PER_TYPE}
          ORDER BY lower(n.name) <-> $2 LIMIT ${RANKED_PER_TYPE})) n
      WHERE ${matching}
      ORDER BY score DESC, trim(n.name), n.name
      LIMIT $5)
    SELECT 'contact'::text AS type, r.id, ${t.title} AS title, ${t.subtitle} AS subtitle, ${t.email} AS email, r.score
    FROM (SELECT ${columns}, CASE WHEN ${t.exact} = $6::text THEN 1 ELSE n.score END AS score
        FROM names n CROSS JOIN LATERAL (SELECT ${columns} FROM contacts r WHERE r.organization_id = $1 AND ${t.text} = n.name ORDER BY r.id LIMIT $5) r
      UNION SELECT ${columns}, 1::float8 AS score FROM contacts r WHERE r.organization_id = $1 AND ${t.exact} = $6::text) r
    ORDER BY score DESC, title, r.id
    LIMIT $5`;
}

/** The whole search: every type's hits, best first ($1 organization, $2 q, $3 LIKE pattern, $4 prefix tsquery, $5 limit, $6 email's blind index with contacts). */
export function searchSql(types: readonly SearchType[]): string {
  return `SELECT type, id, title, subtitle, email, score FROM (${types.map((t) => `(${targetSql(t)})`).join('\nUNION ALL\n')}) hits
      ORDER BY score DESC, title, id LIMIT $5`;
}

/**
 * What a search sets for the rest of its transaction only (not for the pooled connection): the
 * thresholds of `%` and `<%`, and the planner's cost of an operator call, 100× its default. The
 * trigram operators are declared as cheap as `=`, but each call takes microseconds: left so, the
 * planner filters all 10,000 accounts one by one rather than ask their GIN index.
 */
export const SEARCH_SETTINGS_SQL = `SELECT set_config('pg_trgm.similarity_threshold', '${SIMILARITY_THRESHOLD}', true),
  set_config('pg_trgm.word_similarity_threshold', '${WORD_SIMILARITY_THRESHOLD}', true), set_config('cpu_operator_cost', '0.25', true)`;

/** `acme corp` -> `acme:* & corp:*` (letters and digits only, so the syntax cannot break); null without words. */
export function prefixTsQuery(q: string): string | null {
  const words = q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length > 0 ? words.slice(0, 32).map((w) => `${w}:*`).join(' & ') : null;
}

export const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** A q shaped like a whole email address is also looked up exactly, through the blind index. */
export const looksLikeEmail = (q: string) => /^[^\s@]+@[^\s@]+$/.test(q.trim());

/** Ranked, typo-tolerant search over the caller's organization (on a read replica when one is up to date). */
@Injectable()
export class SearchRepository {
  constructor(
    private readonly replicas: ReadReplicas,
    private readonly context: RequestContext,
    private readonly fields: EncryptedFields,
  ) {}

  async search(q: string, types: SearchType[], limit: number): Promise<SearchResultDto[]> {
    if (types.length === 0) return [];
    const organizationId = this.context.organizationId;
    const emailIndex = looksLikeEmail(q) ? this.fields.lookupIndex('contacts', 'email', organizationId, q) : null;
    // $6 (the email's blind index) only where a branch uses it: PostgreSQL refuses unused parameters.
    const params = [organizationId, q, likePattern(q), prefixTsQuery(q), limit, ...(types.includes('contact') ? [emailIndex] : [])];
    const hits: (SearchResultDto & { email: string | null })[] = await this.replicas.read((source) => source.transaction(async (manager) => {
      await manager.query(SEARCH_SETTINGS_SQL);
      return manager.query(searchSql(types), params);
    }));
    // A contact's subtitle is its email (decrypted here), else its job title.
    return hits.map(({ email, ...hit }) => ({
      ...hit,
      subtitle: email ? this.fields.decryptRow('contacts', { organization_id: organizationId, id: hit.id, email }).email : hit.subtitle,
    }));
  }
}
