/** The daily rollup check: the last `days` UTC days (and today) of every organization. */
export interface RollupCheckJobData {
  days: number;
  repair: boolean;
}

export const ROLLUP_CHECK_JOB = 'rollup-drift-check';
