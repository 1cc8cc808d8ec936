/** The payload of a job on the bulk-edits queue (job id = bulk edit id). */
export interface BulkEditJobData {
  organizationId: string;
  bulkEditId: string;
}
