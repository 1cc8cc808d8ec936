/** The payload of a job on the imports queue (job id = import id). */
export interface ImportJobData {
  organizationId: string;
  importId: string;
}
