/** One page of a list route's answer. */
export interface RecordPage<D> {
  data: D[];
  next_cursor: string | null;
}

/** What a record service reads through: its repository's `listPage` and `getById` (TenantRepository). */
export interface ReadableRecords<T, Q, D> {
  listPage(query: Q, map: (row: T) => D): Promise<RecordPage<D>>;
  getById(id: string): Promise<T>;
}

/**
 * The list and get of a record service: a page of the caller's records and one of them (404 when
 * it is not the caller's), each as its DTO. A service extends it and adds its writes; one whose
 * single record shows more than its list rows (an invoice's lines) overrides `get`.
 */
export abstract class RecordReads<T, Q, D> {
  protected constructor(
    private readonly readable: ReadableRecords<T, Q, D>,
    protected readonly dtoOf: (row: T) => D,
  ) {}

  list(query: Q): Promise<RecordPage<D>> {
    return this.readable.listPage(query, this.dtoOf);
  }

  async get(id: string): Promise<D> {
    return this.dtoOf(await this.readable.getById(id));
  }
}
