import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RequestContext } from '@clockwork/server-core';
import type { Role } from '@clockwork/shared-dto';
import { likePattern, looksLikeEmail, prefixTsQuery, RANKED_PER_TYPE, SEARCH_SETTINGS_SQL, SearchRepository, searchSql, targetSql, WORD_SIMILARITY_THRESHOLD } from './search.repository';
import { SEARCH_SQL_SNAPSHOTS } from './search-snapshots.sql';
import { searchableTypes, SearchService } from './search.service';

const ROOT = join(__dirname, '../../../../..');

describe('searchableTypes', () => {
  it('covers only the types the role may read, narrowed to those asked for', () => {
    expect(searchableTypes('admin', undefined)).toEqual(['account', 'contact', 'deal']);
    expect(searchableTypes('support', undefined)).toEqual(['contact']);
    expect(searchableTypes('support', ['deal', 'account'])).toEqual([]);
    expect(searchableTypes('sales', ['deal'])).toEqual(['deal']);
    expect(searchableTypes(undefined, undefined)).toEqual([]);
  });
});

describe('SearchService', () => {
  it('asks the repository for the readable types only, with the default limit', async () => {
    const search = { search: jest.fn(async () => []) } as unknown as jest.Mocked<SearchRepository>;
    const service = new SearchService(search, { principal: { kind: 'user', id: 'u', organizationId: 'o', role: 'support' as Role } } as unknown as RequestContext);
    await service.find({ q: 'acme' });
    expect(search.search).toHaveBeenCalledWith('acme', ['contact'], 20);
  });
});

describe('search SQL', () => {
  it.each(SEARCH_SQL_SNAPSHOTS)('is the committed snapshot $file (npm run sql:snapshots after a change)', ({ file, sql }) => {
    const path = join(ROOT, file);
    expect(existsSync(path)).toBe(true);
    expect(sql()).toBe(readFileSync(path, 'utf8'));
  });

  it('ranks the matches of each type in the caller\'s organization, and the nearest rows when there are more', () => {
    for (const type of ['account', 'deal'] as const) {
      const sql = targetSql(type);
      expect(sql).toMatch(new RegExp(`^WITH matched AS MATERIALIZED \\(SELECT r\\.id, .+ WHERE r\\.organization_id = \\$1 AND \\(.+ % \\$2 OR \\$2 <% .+\\) LIMIT ${RANKED_PER_TYPE}\\)`));
      expect(sql).toMatch(new RegExp(`WHERE r\\.organization_id = \\$1 AND \\(SELECT count\\(\\*\\) FROM matched\\) = ${RANKED_PER_TYPE}\\s+ORDER BY lower\\(.+\\) <-> \\$2 LIMIT ${RANKED_PER_TYPE}\\)`));
    }
    // Contacts: the same among their distinct names (contact_search_names' GIN and GiST indexes), then the best names' contacts
    // by the exact expression of contacts_search_name_idx.
    const contact = targetSql('contact');
    expect(contact).toMatch(new RegExp(`^WITH matched AS MATERIALIZED \\(SELECT n\\.name FROM contact_search_names n WHERE n\\.organization_id = \\$1 AND \\(n\\.name % \\$2 OR \\$2 <% n\\.name\\) LIMIT ${RANKED_PER_TYPE}\\)`));
    expect(contact).toMatch(new RegExp(`FROM contact_search_names n WHERE n\\.organization_id = \\$1 AND \\(SELECT count\\(\\*\\) FROM matched\\) = ${RANKED_PER_TYPE}\\s+ORDER BY lower\\(n\\.name\\) <-> \\$2 LIMIT ${RANKED_PER_TYPE}\\)`));
    const name = `(coalesce(r.first_name, '') || ' ' || coalesce(r.last_name, ''))`;
    expect(contact).toContain(`FROM contacts r WHERE r.organization_id = $1 AND ${name} = n.name ORDER BY r.id LIMIT $5`);
    expect(searchSql(['account', 'deal'])).toMatch(/^SELECT type, id, title, subtitle, email, score FROM \(\(WITH matched[\s\S]+SELECT 'account'[\s\S]+UNION ALL\n\(WITH matched[\s\S]+SELECT 'deal'[\s\S]+ORDER BY score DESC, title, id LIMIT \$5$/);
    expect(SEARCH_SETTINGS_SQL).toContain(`'pg_trgm.word_similarity_threshold', '${WORD_SIMILARITY_THRESHOLD}', true`);
  });

  it('never matches encrypted emails by trigram, only a whole address through the blind index', () => {
    const sql = targetSql('contact');
    expect(sql).not.toMatch(/coalesce\(r\.email/);
    expect(sql).toContain('CASE WHEN r.email_hash = $6::text THEN 1 ELSE n.score END');
    expect(sql).toContain('FROM contacts r WHERE r.organization_id = $1 AND r.email_hash = $6::text');
    expect(targetSql('account')).not.toContain('$6');
    expect(looksLikeEmail(' Ada@Engines.test ')).toBe(true);
    expect(looksLikeEmail('ada@')).toBe(false);
    expect(looksLikeEmail('ada lovelace')).toBe(false);
  });

  it('turns q into a prefix tsquery of its words only, and a LIKE pattern with wildcards escaped', () => {
    expect(prefixTsQuery('Acme  Corp!')).toBe('acme:* & corp:*');
    expect(prefixTsQuery("&|!:*()'")).toBeNull();
    expect(likePattern('50%_off\\')).toBe('%50\\%\\_off\\\\%');
  });
});
