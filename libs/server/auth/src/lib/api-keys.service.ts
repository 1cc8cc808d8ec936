import { Injectable, UnauthorizedException } from '@nestjs/common';
import { Env, isoOrNull, Principal, RecordWriter } from '@clockwork/server-core';
import type { ApiKeyDto, CreateApiKeyDto, CreatedApiKeyDto } from '@clockwork/shared-dto';
import type { ApiKey } from '@clockwork/shared-entities';
import { randomBytes } from 'node:crypto';
import { ApiKeysRepository } from './api-keys.repository';
import { randomSecret, sameHash, sha256 } from './secret-token.util';

const KEY = /^ck_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

/** API keys: `ck_<12 hex prefix>_<secret>`, shown once, stored as SHA-256, revocable. */
@Injectable()
export class ApiKeysService {
  constructor(
    private readonly records: RecordWriter,
    private readonly keys: ApiKeysRepository,
    private readonly env: Env,
  ) {}

  async create(dto: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    const prefix = randomBytes(6).toString('hex');
    const key = `ck_${prefix}_${randomSecret()}`;
    return this.records.transaction(async (manager) => {
      const row = await this.keys.insert(manager, {
        name: dto.name,
        prefix,
        keyHash: sha256(key),
        role: dto.role,
        rateLimitPerMinute: dto.rate_limit_per_minute ?? null,
        dailyQuota: dto.daily_quota ?? null,
        expiresAt: dto.expires_at ?? null,
        createdBy: this.records.principal?.id ?? null,
      });
      const shown = this.toDto(row);
      await this.records.audit(manager, { action: 'create', objectType: 'api_key', objectId: row.id, before: null, after: { name: row.name, role: row.role, prefix: shown.prefix, rate_limit_per_minute: shown.rate_limit_per_minute, daily_quota: shown.daily_quota, expires_at: shown.expires_at } });
      return { ...shown, key };
    });
  }

  async list(): Promise<ApiKeyDto[]> {
    return (await this.keys.listNewestFirst()).map((k) => this.toDto(k));
  }

  async revoke(id: string): Promise<void> {
    await this.records.transaction(async (manager) => {
      const key = await this.keys.lockById(manager, id);
      if (key.revokedAt) return;
      const revoked = await this.keys.updateById(manager, id, { revokedAt: new Date() });
      await this.records.audit(manager, { action: 'revoke', objectType: 'api_key', objectId: id, before: { revoked_at: null }, after: { revoked_at: isoOrNull(revoked.revokedAt) } });
    });
  }

  /** The principal of a presented key, or 401 for a malformed, unknown, revoked or expired one. */
  async authenticate(presented: string): Promise<Principal> {
    const match = KEY.exec(presented);
    const key = match ? await this.keys.findByPrefixForAuth(match[1]) : null;
    if (!key || !sameHash(key.keyHash, sha256(presented))) throw new UnauthorizedException('Invalid API key');
    if (key.revokedAt) throw new UnauthorizedException('This API key has been revoked');
    if (key.expiresAt && key.expiresAt.getTime() <= Date.now()) throw new UnauthorizedException('This API key has expired');
    await this.keys.markUsed(key);
    return { kind: 'api_key', id: key.id, organizationId: key.organizationId, role: key.role, rateLimitPerMinute: this.limitOf(key), dailyQuota: this.quotaOf(key) };
  }

  private limitOf(key: ApiKey): number {
    return key.rateLimitPerMinute ?? this.env.API_KEY_DEFAULT_RATE_LIMIT;
  }

  private quotaOf(key: ApiKey): number {
    return key.dailyQuota ?? this.env.API_KEY_DEFAULT_DAILY_QUOTA;
  }

  private toDto(key: ApiKey): ApiKeyDto {
    return {
      id: key.id,
      name: key.name,
      prefix: `ck_${key.prefix}`,
      role: key.role,
      rate_limit_per_minute: this.limitOf(key),
      daily_quota: this.quotaOf(key),
      expires_at: isoOrNull(key.expiresAt),
      revoked_at: isoOrNull(key.revokedAt),
      last_used_at: isoOrNull(key.lastUsedAt),
      created_at: key.createdAt.toISOString(),
    };
  }
}
