/** The payload of a job on the time-remap queue: re-map this organization's unmapped time entries. */
export interface TimeRemapJobData {
  organizationId: string;
}
