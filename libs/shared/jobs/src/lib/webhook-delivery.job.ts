/** A job on the webhook-deliveries queue: a pointer to one attempt of a delivery row. */
export interface WebhookDeliveryJob {
  organizationId: string;
  deliveryId: string;
  /** The attempt this job may make (the row's attempts + 1 when enqueued). */
  attempt: number;
  /** The lease the relay gave this job; the row must still carry it (or its lease have expired). */
  leaseToken: string;
}

/** A job on the webhook-deliveries queue for several deliveries of one subscription, all leased with the same token. */
export interface WebhookDeliveryBatchJob {
  organizationId: string;
  /** The lease the relay gave this job; each row must still carry it (or its lease have expired). */
  leaseToken: string;
  /** Each delivery with the attempt this job may make (the row's attempts + 1 when enqueued). */
  deliveries: { deliveryId: string; attempt: number }[];
}

export const isWebhookDeliveryBatchJob = (data: WebhookDeliveryJob | WebhookDeliveryBatchJob): data is WebhookDeliveryBatchJob =>
  Array.isArray((data as WebhookDeliveryBatchJob).deliveries);
