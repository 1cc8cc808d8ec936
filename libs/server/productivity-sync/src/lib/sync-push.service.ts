import { Injectable } from '@nestjs/common';
import { assertPublicUrl, Env, fieldAad, FieldCipher, UnsafeTargetError } from '@clockwork/server-core';
import type { ProductivitySyncJob } from '@clockwork/shared-jobs';
import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { pushRetryDelay } from './push-backoff.rules';
import { dealValues, sameValues, SyncValues, taskValues } from './sync.fields';
import { putJson } from './sync-push.client';
import { ClaimedPush, SyncRecordsRepository } from './sync-records.repository';

export type PushOutcome = 'pushed' | 'in_sync' | 'dropped' | 'retrying' | 'not_claimed';

interface PushRequest {
  path: string;
  values: SyncValues;
  updatedAt: Date;
}

/** The answer the contract asks for: `{ id, updated_at }`. */
function parseAnswer(text: string): { id: string; updatedAt: Date | null } | null {
  try {
    const body = JSON.parse(text) as { id?: unknown; updated_at?: unknown };
    if ((typeof body.id !== 'string' && typeof body.id !== 'number') || String(body.id) === '') return null;
    const at = typeof body.updated_at === 'string' ? new Date(body.updated_at) : null;
    return { id: String(body.id), updatedAt: at && !Number.isNaN(at.getTime()) ? at : null };
  } catch {
    return null;
  }
}

/**
 * One push of a sync record to its integration's base_url (docs/productivity-sync.md, "What
 * the CRM sends"): the record's current values, signed per Standard Webhooks with the
 * integration's secret, `PUT {base_url}/projects/{deal id}` or `PUT {base_url}/tasks/{task id}`.
 * A 2xx answer `{ id, updated_at }` makes the pushed values the synced snapshot; anything else
 * is retried with exponential backoff. The record is re-read at push time, so a push always
 * sends the latest values and one push covers every change made before it.
 */
@Injectable()
export class SyncPushService {
  constructor(
    private readonly records: SyncRecordsRepository,
    private readonly cipher: FieldCipher,
    private readonly env: Env,
  ) {}

  async attempt(job: ProductivitySyncJob): Promise<PushOutcome> {
    const claimToken = randomUUID();
    const leaseSeconds = Math.ceil(this.env.SYNC_TIMEOUT_MS / 1000) + 30;
    const claimed = await this.records.claim(job.organizationId, job.syncRecordId, job.leaseToken, claimToken, leaseSeconds);
    if (!claimed) return 'not_claimed';
    if (!claimed.enabled || !claimed.base_url) return this.settle(claimed, claimToken, 'the integration is disabled or has no base_url');
    const push = await this.current(claimed);
    if (!push) return this.settle(claimed, claimToken, claimed.record_type === 'task' ? 'the task is gone or its assignee has no linked employee' : 'the deal is gone');
    if (sameValues(push.values, claimed.snapshot) && claimed.remote_id) return this.settle(claimed, claimToken, null, 'in_sync');

    const body = JSON.stringify({ crm_id: claimed.record_id, ...push.values, updated_at: push.updatedAt.toISOString() });
    const failure = await this.send(claimed, push, body);
    if ('error' in failure) {
      const delayMs = pushRetryDelay(claimed.attempts + 1, this.env.SYNC_RETRY_BASE_MS, this.env.SYNC_RETRY_MAX_MS);
      await this.records.failed(claimed, claimToken, { ...failure, delayMs });
      return 'retrying';
    }
    await this.records.pushed(claimed, claimToken, { remoteId: failure.id, snapshot: push.values, crmUpdatedAt: push.updatedAt, remoteUpdatedAt: failure.updatedAt, statusCode: failure.statusCode });
    return 'pushed';
  }

  private async settle(c: ClaimedPush, token: string, reason: string | null, outcome: PushOutcome = 'dropped'): Promise<PushOutcome> {
    await this.records.settled(c, token, reason);
    return outcome;
  }

  private async current(c: ClaimedPush): Promise<PushRequest | null> {
    return this.records.transaction(async (manager) => {
      if (c.record_type === 'deal') {
        const deal = await this.records.deal(manager, c.organization_id, c.record_id);
        return deal ? { path: `projects/${deal.id}`, values: dealValues(deal), updatedAt: deal.updated_at } : null;
      }
      const task = await this.records.task(manager, c.organization_id, c.record_id);
      return task?.assignee_employee_id ? { path: `tasks/${task.id}`, values: taskValues(task), updatedAt: task.updated_at } : null;
    });
  }

  private async send(c: ClaimedPush, push: PushRequest, body: string): Promise<{ statusCode: number | null; error: string } | { id: string; updatedAt: Date | null; statusCode: number }> {
    const url = `${(c.base_url as string).replace(/\/+$/, '')}/${push.path}`;
    try {
      await assertPublicUrl(url, this.env.WEBHOOK_ALLOW_PRIVATE_TARGETS);
    } catch (e) {
      if (e instanceof UnsafeTargetError) return { statusCode: null, error: `base_url ${e.message}` };
      throw e;
    }
    const secret = this.cipher.decrypt(c.signing_secret, fieldAad('integrations', c.organization_id, c.integration_id, 'signing_secret'));
    // Stable across retries of the same state of the record, new for each new state.
    const messageId = `msg_sync_${c.id}_${push.updatedAt.getTime()}`;
    const at = new Date();
    const headers = {
      'webhook-id': messageId,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': new Webhook(secret).sign(messageId, at, body),
    };
    const answer = await putJson(url, headers, body, { timeoutMs: this.env.SYNC_TIMEOUT_MS, allowPrivate: this.env.WEBHOOK_ALLOW_PRIVATE_TARGETS });
    if (answer.statusCode === null) return { statusCode: null, error: answer.error ?? 'no answer' };
    if (answer.statusCode < 200 || answer.statusCode >= 300) return { statusCode: answer.statusCode, error: `answered ${answer.statusCode}: ${answer.body.slice(0, 200)}` };
    const parsed = parseAnswer(answer.body);
    if (!parsed) return { statusCode: answer.statusCode, error: 'the answer is not JSON { id, updated_at }' };
    return { id: parsed.id, updatedAt: parsed.updatedAt, statusCode: answer.statusCode };
  }
}
