/** A job on the productivity-sync queue: a pointer to one push attempt of a sync record. */
export interface ProductivitySyncJob {
  organizationId: string;
  syncRecordId: string;
  /** The lease the sweeper gave this job; the row must still carry it (or its lease have expired). */
  leaseToken: string;
}
