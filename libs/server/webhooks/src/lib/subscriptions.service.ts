import { BadRequestException, Injectable } from '@nestjs/common';
import { assertPublicUrl, AuditedRecord, Env, RecordReads, RecordWriter, UnsafeTargetError } from '@clockwork/server-core';
import type {
  CreateWebhookSubscriptionDto,
  PageQueryDto,
  PatchWebhookSubscriptionDto,
  WebhookSubscriptionDto,
  WebhookSubscriptionWithSecretDto,
} from '@clockwork/shared-dto';
import type { WebhookSubscription } from '@clockwork/shared-entities';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { v7 as uuidv7 } from 'uuid';
import { SecretBox } from './secret-box.cipher';
import { SubscriptionsRepository } from './subscriptions.repository';
import { toSubscriptionDto } from './webhook.mapper';
import { newWebhookSecret } from './outbound-signature.builder';

const SUBSCRIPTION: AuditedRecord<WebhookSubscription> = { objectType: 'webhook_subscription', view: toSubscriptionDto };

/**
 * Webhook subscriptions: URLs pass the SSRF guard, the `whsec_` secret is shown only on creation
 * and rotation (stored encrypted), a rotation keeps signing with the old secret too for
 * WEBHOOK_SECRET_OVERLAP_HOURS. Every change is audited in its transaction.
 */
@Injectable()
export class SubscriptionsService extends RecordReads<WebhookSubscription, PageQueryDto, WebhookSubscriptionDto> {
  constructor(
    private readonly records: RecordWriter,
    private readonly subscriptions: SubscriptionsRepository,
    private readonly secrets: SecretBox,
    private readonly env: Env,
  ) {
    super(subscriptions, toSubscriptionDto);
  }

  async create(dto: CreateWebhookSubscriptionDto): Promise<WebhookSubscriptionWithSecretDto> {
    const url = await this.checkedUrl(dto.url);
    return this.records.transaction(async (manager) => {
      const id = uuidv7();
      const secret = newWebhookSecret();
      const enabled = dto.enabled ?? true;
      const row = await this.subscriptions.insert(manager, {
        id,
        url,
        events: [...new Set(dto.events)],
        description: dto.description ?? null,
        enabled,
        disabledAt: enabled ? null : new Date(),
        disabledReason: enabled ? null : 'manual',
        secret: this.secrets.seal(this.records.organizationId, id, 'secret', secret),
      } as QueryDeepPartialEntity<WebhookSubscription>);
      await this.records.written(manager, SUBSCRIPTION, 'create', null, row);
      return { ...toSubscriptionDto(row), secret };
    });
  }

  async update(id: string, dto: PatchWebhookSubscriptionDto): Promise<WebhookSubscriptionDto> {
    const url = dto.url !== undefined ? await this.checkedUrl(dto.url) : undefined;
    const change = (stored: WebhookSubscription) => {
      const values: QueryDeepPartialEntity<WebhookSubscription> = {};
      if (url !== undefined) values.url = url;
      if (dto.events !== undefined) values.events = [...new Set(dto.events)];
      if (dto.description !== undefined) values.description = dto.description;
      if (dto.enabled === true && !stored.enabled) Object.assign(values, { enabled: true, disabledAt: null, disabledReason: null, failingSince: null });
      if (dto.enabled === false && stored.enabled) Object.assign(values, { enabled: false, disabledAt: new Date(), disabledReason: 'manual' });
      return values;
    };
    return this.records.transaction(async (manager) => {
      // No If-Match here: the last write wins, versioned all the same.
      const { before, after } = await this.records.updateVersioned(manager, this.subscriptions, id, undefined, 'webhook subscription', change);
      await this.records.written(manager, SUBSCRIPTION, 'update', before, after);
      return toSubscriptionDto(after);
    });
  }

  remove(id: string): Promise<void> {
    return this.records.transaction(async (manager) => this.records.written(manager, SUBSCRIPTION, 'delete', await this.records.deleteLocked(manager, this.subscriptions, id), null));
  }

  /** A new secret; the old one keeps signing (alongside) until the overlap ends. */
  rotateSecret(id: string): Promise<WebhookSubscriptionWithSecretDto> {
    return this.records.transaction(async (manager) => {
      const before = await this.subscriptions.lockById(manager, id);
      const org = this.records.organizationId;
      const old = this.secrets.open(org, id, 'secret', (await this.subscriptions.secretsOf(manager, id)).secret);
      const secret = newWebhookSecret();
      const overlapMs = this.env.WEBHOOK_SECRET_OVERLAP_HOURS * 3_600_000;
      const after = await this.subscriptions.updateById(manager, id, {
        secret: this.secrets.seal(org, id, 'secret', secret),
        previousSecret: overlapMs > 0 ? this.secrets.seal(org, id, 'previous_secret', old) : null,
        previousSecretExpiresAt: overlapMs > 0 ? new Date(Date.now() + overlapMs) : null,
        version: () => 'version + 1',
      });
      await this.records.audit(manager, {
        action: 'rotate_secret',
        objectType: 'webhook_subscription',
        objectId: id,
        before: { previous_secret_expires_at: toSubscriptionDto(before).previous_secret_expires_at },
        after: { previous_secret_expires_at: toSubscriptionDto(after).previous_secret_expires_at },
      });
      return { ...toSubscriptionDto(after), secret };
    });
  }

  /** The SSRF guard at creation and update: 400 naming `url`. */
  private async checkedUrl(raw: string): Promise<string> {
    try {
      return (await assertPublicUrl(raw, this.env.WEBHOOK_ALLOW_PRIVATE_TARGETS)).toString();
    } catch (e) {
      if (!(e instanceof UnsafeTargetError)) throw e;
      const message = `url ${e.message}`;
      throw new BadRequestException({ message, details: [{ field: 'url', errors: [message] }] });
    }
  }
}
