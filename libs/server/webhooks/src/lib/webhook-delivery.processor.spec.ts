import { newTestService } from '@clockwork/server-core/testing';
import type { WebhookDeliveryBatchJob, WebhookDeliveryJob } from '@clockwork/shared-jobs';
import type { Job } from 'bull';
import { DeliveryAttemptService } from './delivery-attempt.service';
import { WebhookDeliveryProcessor } from './webhook-delivery.processor';

const job = (data: WebhookDeliveryJob | WebhookDeliveryBatchJob) => ({ data }) as Job<WebhookDeliveryJob | WebhookDeliveryBatchJob>;

describe('WebhookDeliveryProcessor', () => {
  it('counts the attempts of each job in clockwork_webhook_deliveries_total by outcome (skipped ones were not attempted)', async () => {
    const { sut, mock, metrics } = newTestService(WebhookDeliveryProcessor);
    const attempts = mock(DeliveryAttemptService);
    attempts.attempt.mockResolvedValueOnce({ succeeded: 2, retrying: 1, failed: 0, skipped: 4 }).mockResolvedValueOnce({ succeeded: 1, retrying: 0, failed: 1, skipped: 0 });

    await sut.handle(job({ organizationId: 'o1', leaseToken: 't', deliveries: [{ deliveryId: 'd1', attempt: 1 }] }));
    // A job of one delivery (from before batches) is attempted as a batch of one.
    await sut.handle(job({ organizationId: 'o1', leaseToken: 't', deliveryId: 'd9', attempt: 3 } as WebhookDeliveryJob));
    expect(attempts.attempt.mock.calls[1][0]).toEqual({ organizationId: 'o1', leaseToken: 't', deliveries: [{ deliveryId: 'd9', attempt: 3 }] });

    const values = Object.fromEntries((await metrics.webhookDeliveries.get()).values.map((v) => [v.labels.outcome, v.value]));
    expect(values).toEqual({ succeeded: 3, retrying: 1, failed: 1 });
  });
});
