/** Training of the win-probability models: nightly for every organization, or one on demand. */
export const INSIGHTS_TRAIN_JOB = 'train-win-models';

/** Optional scope of a run (the nightly job sends none: every organization). */
export interface InsightsTrainJobData {
  organizationId?: string;
}
