/** The repeatable retention run: every organization's policies, applied in bounded chunks. */
export const RETENTION_JOB = 'apply-retention-policies';

/** Optional scope of a run (the repeatable job sends none: every organization). */
export interface RetentionJobData {
  organizationId?: string;
}
