import { RecordReads, type CsvExtraColumns, type RecordPage } from '@clockwork/server-core';
import type { CustomFieldRecordType } from '@clockwork/shared-entities';
import { CustomFieldsValidator } from './custom-fields.validator';

/** What a record type with custom fields reads through: its repository's list (which takes the jsonb of the `cf.<key>` filters) and get. */
export interface CustomFieldRecordRows<T, Q, D> {
  listPage(query: Q, map: (row: T) => D, customFields?: Record<string, unknown>): Promise<RecordPage<D>>;
  getById(id: string): Promise<T>;
}

/**
 * The reads of a record type with custom fields (accounts, contacts, deals, tasks): its list
 * narrowed by the query's `cf.<key>` filters (a filter on a key that is no live field is a 400
 * naming it), one record, and the custom-field columns its CSV export adds.
 */
export abstract class CustomFieldRecordReads<T, Q extends { cf?: Record<string, string> }, D extends { custom_fields?: Record<string, unknown> | null }> extends RecordReads<T, Q, D> {
  protected constructor(
    private readonly listed: CustomFieldRecordRows<T, Q, D>,
    dtoOf: (row: T) => D,
    protected readonly customFields: CustomFieldsValidator,
    private readonly recordType: CustomFieldRecordType,
  ) {
    super(listed, dtoOf);
  }

  /** The `cf.<key>` columns its CSV export adds (one per live custom field of the record type). */
  customFieldCsvColumns(): Promise<CsvExtraColumns<D>> {
    return this.customFields.csvColumns(this.recordType);
  }

  override async list(query: Q): Promise<RecordPage<D>> {
    return this.listed.listPage(query, this.dtoOf, await this.customFields.filterFor(this.recordType, query.cf));
  }
}
