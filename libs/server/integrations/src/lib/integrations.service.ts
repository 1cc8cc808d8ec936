import { Injectable } from '@nestjs/common';
import { AuditedRecord, Env, fieldAad, FieldCipher, RecordReads, RecordWriter } from '@clockwork/server-core';
import type { CreateIntegrationDto, IntegrationDto, IntegrationQueryDto, IntegrationWithSecretDto, PatchIntegrationDto, RotateIntegrationSecretDto } from '@clockwork/shared-dto';
import type { Integration } from '@clockwork/shared-entities';
import { v7 as uuidv7 } from 'uuid';
import { checkIntegrationBaseUrl } from './integration-base-url.validator';
import { auditSnapshot, toIntegrationDto } from './integration.mapper';
import { IntegrationsRepository } from './integrations.repository';
import { newSigningSecret } from './signing-secret.util';

/** The AAD binding an encrypted secret to its integration row and column. */
export const secretAad = (organizationId: string, id: string, column: 'signing_secret' | 'previous_signing_secret') => fieldAad('integrations', organizationId, id, column);

/** Audited as its snapshot: never a secret. */
const INTEGRATION: AuditedRecord<Integration> = { objectType: 'integration', view: auditSnapshot };

/**
 * Integrations with the productivity platform. The signing secret is made here, stored
 * encrypted (FieldCipher, bound to the row) and shown only in the answers of creation and
 * rotation; audit rows say that a secret was made or rotated, never what it is.
 */
@Injectable()
export class IntegrationsService extends RecordReads<Integration, IntegrationQueryDto, IntegrationDto> {
  constructor(
    private readonly records: RecordWriter,
    private readonly integrations: IntegrationsRepository,
    private readonly cipher: FieldCipher,
    private readonly env: Env,
  ) {
    super(integrations, toIntegrationDto);
  }

  async create(dto: CreateIntegrationDto): Promise<IntegrationWithSecretDto> {
    await checkIntegrationBaseUrl(dto.base_url, this.env.WEBHOOK_ALLOW_PRIVATE_TARGETS);
    const secret = newSigningSecret();
    return this.records.transaction(async (manager) => {
      const id = uuidv7();
      const organizationId = this.records.organizationId;
      const row = await this.integrations.insert(manager, {
        id,
        provider: dto.provider,
        name: dto.name,
        baseUrl: dto.base_url ?? null,
        signingSecret: this.cipher.encrypt(secret, secretAad(organizationId, id, 'signing_secret')),
      });
      await this.records.written(manager, INTEGRATION, 'create', null, row);
      return { ...toIntegrationDto(row), signing_secret: secret };
    });
  }

  async update(id: string, dto: PatchIntegrationDto, expectedVersion?: number): Promise<IntegrationDto> {
    await checkIntegrationBaseUrl(dto.base_url, this.env.WEBHOOK_ALLOW_PRIVATE_TARGETS);
    const values = Object.fromEntries(Object.entries({ name: dto.name, baseUrl: dto.base_url, enabled: dto.enabled }).filter(([, v]) => v !== undefined));
    return this.records.transaction(async (manager) => {
      const { before, after } = await this.records.updateVersioned(manager, this.integrations, id, expectedVersion, 'integration', () => values);
      await this.records.written(manager, INTEGRATION, 'update', before, after);
      return toIntegrationDto(after);
    });
  }

  remove(id: string): Promise<void> {
    return this.records.transaction(async (manager) => this.records.written(manager, INTEGRATION, 'delete', await this.records.deleteLocked(manager, this.integrations, id), null));
  }

  /**
   * A new signing secret; the current one becomes the previous one, accepted until the grace
   * period ends (0 hours: refused at once). A secret still in an earlier grace period is dropped.
   */
  rotateSecret(id: string, dto: RotateIntegrationSecretDto): Promise<IntegrationWithSecretDto> {
    const graceHours = dto.grace_period_hours ?? this.env.INTEGRATION_SECRET_GRACE_HOURS;
    const secret = newSigningSecret();
    return this.records.transaction(async (manager) => {
      await this.integrations.lockById(manager, id);
      const organizationId = this.records.organizationId;
      const current = this.cipher.decrypt((await this.integrations.secretsOf(manager, id)).signingSecret, secretAad(organizationId, id, 'signing_secret'));
      const expiresAt = graceHours > 0 ? new Date(Date.now() + graceHours * 3600_000) : null;
      const after = await this.integrations.updateById(manager, id, {
        signingSecret: this.cipher.encrypt(secret, secretAad(organizationId, id, 'signing_secret')),
        previousSigningSecret: expiresAt ? this.cipher.encrypt(current, secretAad(organizationId, id, 'previous_signing_secret')) : null,
        previousSecretExpiresAt: expiresAt,
        version: () => 'version + 1',
      });
      await this.records.audit(manager, {
        action: 'rotate_secret',
        objectType: 'integration',
        objectId: id,
        details: { grace_period_hours: graceHours, previous_secret_expires_at: expiresAt ? expiresAt.toISOString() : null },
      });
      return { ...toIntegrationDto(after), signing_secret: secret };
    });
  }
}
