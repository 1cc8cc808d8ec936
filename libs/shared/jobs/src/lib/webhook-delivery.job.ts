/** A job on the webhook-deliveries queue: a pointer to one attempt of a delivery row. */
export interface WebhookDeliveryJob {
  organizationId: string;
  deliveryId: string;
  /** The attempt this job may make (the row's attempts + 1 when enqueued). */
  attempt: number;
  /** The lease the relay gave this job; the row must still carry it (or its lease have expired). */
  leaseToken: string;
}
