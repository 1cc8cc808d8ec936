import { Injectable } from '@nestjs/common';
import { RequestContext } from '@clockwork/server-core';
import type { Role, SearchQueryDto, SearchResultsDto, SearchType } from '@clockwork/shared-dto';
import { SearchRepository } from './search.repository';

/** The record types each role may read (docs/permissions.md): search never shows the others. */
export const SEARCHABLE_BY_ROLE: Record<Role, readonly SearchType[]> = {
  admin: ['account', 'contact', 'deal'],
  manager: ['account', 'contact', 'deal'],
  sales: ['account', 'contact', 'deal'],
  support: ['contact'],
};

/** The types a search covers: those asked for (default: all) that the role may read. */
export function searchableTypes(role: Role | undefined, asked: readonly SearchType[] | undefined): SearchType[] {
  const allowed = role ? SEARCHABLE_BY_ROLE[role] : [];
  return asked && asked.length > 0 ? allowed.filter((t) => asked.includes(t)) : [...allowed];
}

@Injectable()
export class SearchService {
  constructor(
    private readonly search: SearchRepository,
    private readonly context: RequestContext,
  ) {}

  async find(query: SearchQueryDto): Promise<SearchResultsDto> {
    const types = searchableTypes(this.context.principal?.role, query.types);
    return { data: await this.search.search(query.q, types, query.limit ?? 20) };
  }
}
