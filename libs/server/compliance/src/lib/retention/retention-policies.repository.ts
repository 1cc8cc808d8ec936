import { Injectable } from '@nestjs/common';
import { TenantRepository } from '@clockwork/server-core';
import type { RetentionKind } from '@clockwork/shared-dto';
import { RetentionPolicy } from '@clockwork/shared-entities';
import { EntityManager } from 'typeorm';

@Injectable()
export class RetentionPoliciesRepository extends TenantRepository<RetentionPolicy> {
  constructor() {
    super(RetentionPolicy, 'Retention policy');
  }

  /** The caller's policies, by kind. */
  listAll(): Promise<RetentionPolicy[]> {
    return this.scoped('p').orderBy('p.kind', 'ASC').getMany();
  }

  /** The policy of a kind, locked for the rest of the transaction; null when none is set. */
  lockByKind(manager: EntityManager, kind: RetentionKind): Promise<RetentionPolicy | null> {
    return this.scoped('p', manager).andWhere('p.kind = :kind', { kind }).setLock('pessimistic_write').getOne();
  }
}
