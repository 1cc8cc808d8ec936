import type { SearchResultDto } from '@clockwork/api-client';

export type RecordType = SearchResultDto['type'];

/** The palette's groups of records, in the order shown, with the page each record opens. */
export const RECORD_GROUPS: { type: RecordType; heading: string; path: (id: string) => string }[] = [
  { type: 'account', heading: 'Accounts', path: (id) => `/accounts/${id}` },
  { type: 'contact', heading: 'Contacts', path: (id) => `/contacts/${id}` },
  { type: 'deal', heading: 'Deals', path: (id) => `/deals/${id}` },
];

/** The hits of each group, keeping the API's best-first order within it; empty groups left out. */
export function groupResults(hits: readonly SearchResultDto[]) {
  return RECORD_GROUPS.map((group) => ({ ...group, hits: hits.filter((h) => h.type === group.type) })).filter((g) => g.hits.length > 0);
}

/** Page commands whose words all start a word of the label ("go dea" finds "Go to Deals"). */
export function matchesCommand(label: string, query: string): boolean {
  const words = label.toLowerCase().split(/\s+/);
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((q) => words.some((w) => w.startsWith(q)));
}
