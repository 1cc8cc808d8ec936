import { Injectable } from '@nestjs/common';
import { TenantRepository } from '@clockwork/server-core';
import { ApiKey } from '@clockwork/shared-entities';

@Injectable()
export class ApiKeysRepository extends TenantRepository<ApiKey> {
  constructor() {
    super(ApiKey, 'API key');
  }

  /** Authentication looks keys up by their public prefix, before any organization is known. */
  findByPrefixForAuth(prefix: string): Promise<ApiKey | null> {
    return this.dataSource.getRepository(ApiKey).createQueryBuilder('k').addSelect('k.keyHash').where('k.prefix = :prefix', { prefix }).getOne();
  }

  listNewestFirst(): Promise<ApiKey[]> {
    return this.scoped('k').orderBy('k.created_at', 'DESC').addOrderBy('k.id', 'DESC').getMany();
  }

  async markUsed(key: ApiKey): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .update(ApiKey)
      .set({ lastUsedAt: () => 'now()' })
      .where('organization_id = :org AND id = :id', { org: key.organizationId, id: key.id })
      .andWhere("(last_used_at IS NULL OR last_used_at < now() - interval '1 minute')")
      .execute();
  }
}
