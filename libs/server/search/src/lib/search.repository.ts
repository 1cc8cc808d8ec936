import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RequestContext } from '@clockwork/server-core';
import type { SearchResultDto, SearchType } from '@clockwork/shared-dto';
import { DataSource } from 'typeorm';

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
}

const TARGETS: Record<SearchType, SearchTarget> = {
  // accounts_search_trgm_idx
  account: { table: 'accounts', text: `(r.name || ' ' || coalesce(r.domain, ''))`, scored: ['r.name', 'r.domain'], title: 'r.name', subtitle: 'coalesce(r.domain, r.industry)' },
  // contacts_search_trgm_idx
  contact: {
    table: 'contacts',
    text: `(coalesce(r.first_name, '') || ' ' || coalesce(r.last_name, '') || ' ' || coalesce(r.email, ''))`,
    scored: [`(coalesce(r.first_name, '') || ' ' || coalesce(r.last_name, '') || ' ' || coalesce(r.email, ''))`],
    title: `trim(r.first_name || ' ' || coalesce(r.last_name, ''))`,
    subtitle: 'coalesce(r.email, r.job_title)',
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
  return `SELECT '${type}'::text AS type, r.id, ${t.title} AS title, ${t.subtitle} AS subtitle,
      round(least(1, 0.75 * ${trigram} + 0.15 * ${fullText} + 0.10 * ${contains})::numeric, 4)::float8 AS score
    FROM ${t.table} r
    WHERE r.organization_id = $1 AND (${t.text} % $2 OR $2 <% ${t.text})
    ORDER BY score DESC, r.id
    LIMIT $5`;
}

/** `acme corp` -> `acme:* & corp:*` (letters and digits only, so the syntax cannot break); null without words. */
export function prefixTsQuery(q: string): string | null {
  const words = q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length > 0 ? words.slice(0, 32).map((w) => `${w}:*`).join(' & ') : null;
}

export const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Ranked, typo-tolerant search over the caller's organization. */
@Injectable()
export class SearchRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly context: RequestContext,
  ) {}

  async search(q: string, types: SearchType[], limit: number): Promise<SearchResultDto[]> {
    if (types.length === 0) return [];
    const sql = `SELECT type, id, title, subtitle, score FROM (${types.map((t) => `(${targetSql(t)})`).join('\nUNION ALL\n')}) hits
      ORDER BY score DESC, title, id LIMIT $5`;
    const params = [this.context.organizationId, q, likePattern(q), prefixTsQuery(q), limit];
    return this.dataSource.transaction(async (manager) => {
      // SET LOCAL: the thresholds hold for this transaction only, not for the pooled connection.
      await manager.query(`SELECT set_config('pg_trgm.similarity_threshold', $1, true), set_config('pg_trgm.word_similarity_threshold', $2, true)`, [
        String(SIMILARITY_THRESHOLD),
        String(WORD_SIMILARITY_THRESHOLD),
      ]);
      return manager.query(sql, params);
    });
  }
}
