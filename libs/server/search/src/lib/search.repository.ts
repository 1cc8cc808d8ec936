import { Injectable } from '@nestjs/common';
import { EncryptedFields, ReadReplicas, RequestContext } from '@clockwork/server-core';
import type { SearchResultDto, SearchType } from '@clockwork/shared-dto';

/**
 * pg_trgm thresholds for this search: `%` (similarity of the whole text) and `<%` (similarity
 * to the best-matching part of it, so "acme" finds "Acme Corporation International").
 */
export const SIMILARITY_THRESHOLD = 0.3;
export const WORD_SIMILARITY_THRESHOLD = 0.5;

/** How one record type is searched: the text the trigram index covers and what a hit shows. */
interface SearchTarget {
  table: string;
  /** The text matched typo-tolerantly: exactly the expression of the table's GIN trigram index. */
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
  // accounts_search_trgm_idx
  account: { table: 'accounts', text: `(r.name || ' ' || coalesce(r.domain, ''))`, scored: ['r.name', 'r.domain'], title: 'r.name', subtitle: 'coalesce(r.domain, r.industry)' },
  // contacts_name_trgm_idx; emails are encrypted: a whole address is found through email_hash.
  contact: {
    table: 'contacts',
    text: `(coalesce(r.first_name, '') || ' ' || coalesce(r.last_name, ''))`,
    scored: [`(coalesce(r.first_name, '') || ' ' || coalesce(r.last_name, ''))`],
    title: `trim(r.first_name || ' ' || coalesce(r.last_name, ''))`,
    subtitle: 'r.job_title',
    email: 'r.email',
    exact: 'r.email_hash',
  },
  // deals_name_trgm_idx
  deal: { table: 'deals', text: 'r.name', scored: ['r.name'], title: 'r.name', subtitle: 'r.stage' },
};

/**
 * The SELECT of one type: rows whose text is trigram-similar to q ($2) as a whole (`%`) or in
 * part (`<%`): both are index conditions on the (organization_id, text gin_trgm_ops) index.
 * Ranked by 0.75 × the best trigram similarity + 0.15 when full-text search finds every word
 * of q as a word prefix ($4) + 0.10 when the text contains q as typed ($3, ILIKE; it only
 * ranks: as a third OR'ed condition it costs one more index scan per search for little recall).
 */
export function targetSql(type: SearchType): string {
  const t = TARGETS[type];
  const trigram = `greatest(${t.scored.flatMap((x) => [`coalesce(similarity(${x}, $2), 0)`, `coalesce(word_similarity($2, ${x}), 0)`]).join(', ')})`;
  const fullText = `CASE WHEN $4::text IS NOT NULL AND to_tsvector('simple', ${t.text}) @@ to_tsquery('simple', $4::text) THEN 1 ELSE 0 END`;
  const contains = `CASE WHEN ${t.text} ILIKE $3 THEN 1 ELSE 0 END`;
  const ranked = `least(1, 0.75 * ${trigram} + 0.15 * ${fullText} + 0.10 * ${contains})`;
  const exact = t.exact ? `${t.exact} = $6::text` : null;
  return `SELECT '${type}'::text AS type, r.id, ${t.title} AS title, ${t.subtitle} AS subtitle, ${t.email ?? 'NULL::text'} AS email,
      round(${exact ? `CASE WHEN ${exact} THEN 1 ELSE ${ranked} END` : ranked}::numeric, 4)::float8 AS score
    FROM ${t.table} r
    WHERE r.organization_id = $1 AND (${t.text} % $2 OR $2 <% ${t.text}${exact ? ` OR ${exact}` : ''})
    ORDER BY score DESC, r.id
    LIMIT $5`;
}

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
    const sql = `SELECT type, id, title, subtitle, email, score FROM (${types.map((t) => `(${targetSql(t)})`).join('\nUNION ALL\n')}) hits
      ORDER BY score DESC, title, id LIMIT $5`;
    const organizationId = this.context.organizationId;
    const emailIndex = looksLikeEmail(q) ? this.fields.lookupIndex('contacts', 'email', organizationId, q) : null;
    // $6 (the email's blind index) only where a branch uses it: PostgreSQL refuses unused parameters.
    const params = [organizationId, q, likePattern(q), prefixTsQuery(q), limit, ...(types.includes('contact') ? [emailIndex] : [])];
    const hits: (SearchResultDto & { email: string | null })[] = await this.replicas.read((source) => source.transaction(async (manager) => {
      // SET LOCAL: the thresholds hold for this transaction only, not for the pooled connection.
      await manager.query(`SELECT set_config('pg_trgm.similarity_threshold', $1, true), set_config('pg_trgm.word_similarity_threshold', $2, true)`, [
        String(SIMILARITY_THRESHOLD),
        String(WORD_SIMILARITY_THRESHOLD),
      ]);
      return manager.query(sql, params);
    }));
    // A contact's subtitle is its email (decrypted here), else its job title.
    return hits.map(({ email, ...hit }) => ({
      ...hit,
      subtitle: email ? this.fields.decryptRow('contacts', { organization_id: organizationId, id: hit.id, email }).email : hit.subtitle,
    }));
  }
}
