interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

/**
 * Every row of a cursor-paginated list, page after page (`next_cursor`) until the last, so a
 * lookup of an organization with 1,000 deals holds all 1,000 rather than the first page.
 */
export async function fetchAllPages<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>): Promise<{ data: T[] }> {
  const data: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    data.push(...page.data);
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
  return { data };
}
