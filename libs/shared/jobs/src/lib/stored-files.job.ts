/** Removes the stored files of deleted attachments (queued in stored_file_deletions); repeatable sweep and per-deletion runs. */
export const STORED_FILE_CLEANUP_JOB = 'remove-deleted-files';

/** Optional scope of a run: one organization (after one of its deletes), or every organization (the sweep). */
export interface StoredFileCleanupJobData {
  organizationId?: string;
}
