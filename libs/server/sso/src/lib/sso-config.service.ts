import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditWriter, Env, FieldCipher, fieldAad, RequestContext } from '@clockwork/server-core';
import type { PutSsoConfigDto, SsoConfigDto } from '@clockwork/shared-dto';
import { DataSource, QueryFailedError } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { SsoConfigRow, SsoConfigsRepository } from './sso-configs.repository';

export const secretAad = (row: Pick<SsoConfigRow, 'organization_id' | 'id'>) => fieldAad('sso_configs', row.organization_id, row.id, 'client_secret');

/** What the audit log keeps of a configuration: everything but the secret. */
const audited = (row: SsoConfigRow) => ({
  slug: row.slug,
  issuer_url: row.issuer_url,
  client_id: row.client_id,
  allowed_domains: row.allowed_domains,
  default_role: row.default_role,
  enabled: row.enabled,
});

/** The organization's OpenID Connect provider, set by its admins; the client secret is encrypted. */
@Injectable()
export class SsoConfigService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly configs: SsoConfigsRepository,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditWriter,
    private readonly context: RequestContext,
    private readonly env: Env,
  ) {}

  async get(): Promise<SsoConfigDto> {
    const row = await this.configs.forOrganization(this.dataSource.manager, this.context.organizationId);
    if (!row) throw new NotFoundException('This organization has no SSO configuration');
    return this.toDto(row);
  }

  async put(dto: PutSsoConfigDto): Promise<SsoConfigDto> {
    const org = this.context.organizationId;
    try {
      return await this.dataSource.transaction(async (manager) => {
        const before = await this.configs.forOrganization(manager, org, true);
        const id = before?.id ?? uuidv7();
        if (!before && !dto.client_secret) throw new BadRequestException({ message: 'client_secret is required for a new SSO configuration', details: [{ field: 'client_secret', errors: ['client_secret is required for a new SSO configuration'] }] });
        const values = {
          slug: dto.slug ?? null,
          issuer_url: dto.issuer_url,
          client_id: dto.client_id,
          client_secret: dto.client_secret ? this.cipher.encrypt(dto.client_secret, secretAad({ organization_id: org, id })) : (before as SsoConfigRow).client_secret,
          allowed_domains: [...new Set(dto.allowed_domains)],
          default_role: dto.default_role ?? 'sales',
          enabled: dto.enabled ?? true,
        };
        const row = before ? await this.configs.update(manager, org, id, values) : await this.configs.insert(manager, org, id, values);
        await this.audit.record(manager, {
          action: before ? 'update' : 'create',
          objectType: 'sso_config',
          objectId: id,
          before: before ? audited(before) : null,
          after: audited(row),
          details: dto.client_secret ? { client_secret_changed: true } : undefined,
        });
        return this.toDto(row);
      });
    } catch (e) {
      const code = e instanceof QueryFailedError ? (e.driverError as { code?: string }).code : undefined;
      if (code === '23505') throw new ConflictException({ message: 'slug is taken by another organization', details: [{ field: 'slug', errors: ['slug is taken by another organization'] }] });
      throw e;
    }
  }

  private toDto(row: SsoConfigRow): SsoConfigDto {
    const api = this.env.API_PUBLIC_URL.replace(/\/+$/, '');
    return {
      id: row.id,
      slug: row.slug,
      issuer_url: row.issuer_url,
      client_id: row.client_id,
      client_secret_set: Boolean(row.client_secret),
      allowed_domains: row.allowed_domains,
      default_role: row.default_role,
      enabled: row.enabled,
      redirect_uri: `${api}/api/v1/auth/sso/callback`,
      login_url: `${api}/api/v1/auth/sso/${row.slug ?? row.organization_id}/start`,
      created_at: new Date(row.created_at).toISOString(),
      updated_at: new Date(row.updated_at).toISOString(),
    };
  }
}
