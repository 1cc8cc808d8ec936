import type { RequestContext } from '@clockwork/server-core';
import type { Role } from '@clockwork/shared-dto';
import { likePattern, looksLikeEmail, prefixTsQuery, SearchRepository, targetSql } from './search.repository';
import { searchableTypes, SearchService } from './search.service';

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
  it('filters every type by the organization and matches with the indexed trigram operators', () => {
    for (const type of ['account', 'contact', 'deal'] as const) {
      const sql = targetSql(type);
      expect(sql).toMatch(/WHERE r\.organization_id = \$1 AND \(/);
      expect(sql).toContain('% $2 OR $2 <%');
    }
    // The exact expression of contacts_name_trgm_idx, or the planner cannot use it.
    expect(targetSql('contact')).toContain(`(coalesce(r.first_name, '') || ' ' || coalesce(r.last_name, '')) % $2`);
  });

  it('never matches encrypted emails by trigram, only a whole address through the blind index', () => {
    const sql = targetSql('contact');
    expect(sql).not.toMatch(/coalesce\(r\.email/);
    expect(sql).toContain('OR r.email_hash = $6::text)');
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
