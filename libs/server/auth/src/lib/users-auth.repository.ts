import { Injectable } from '@nestjs/common';
import { DEFAULT_PIPELINE_NAME, DEFAULT_PIPELINE_STAGES } from '@clockwork/shared-dto';
import { Organization, Pipeline, PipelineStage, User } from '@clockwork/shared-entities';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/**
 * The few user queries that run before anyone is signed in (signup, login, token checks),
 * and so cannot be scoped by the caller's organization.
 */
@Injectable()
export class UsersAuthRepository {
  findForLogin(manager: EntityManager, email: string): Promise<User | null> {
    return manager
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.email) = lower(:email)', { email })
      .getOne();
  }

  findActive(manager: EntityManager, organizationId: string, id: string): Promise<User | null> {
    return manager.getRepository(User).findOneBy({ organizationId, id, isActive: true });
  }

  /**
   * Who an access token's subject is now (every authenticated request asks): a raw primary-key
   * read of the columns a principal needs, without building an entity. `tokensValidAfter`
   * (epoch ms) and `keptSession` say which of the user's access tokens a password change or reset ended.
   */
  async principalOf(manager: EntityManager, organizationId: string, id: string): Promise<{ id: string; organizationId: string; role: User['role']; tokensValidAfter: number | null; keptSession: string | null } | null> {
    const rows: { id: string; organization_id: string; role: User['role']; tokens_valid_after: Date | null; tokens_kept_session: string | null }[] = await manager.query(
      `SELECT id, organization_id, role, tokens_valid_after, tokens_kept_session FROM users WHERE organization_id = $1 AND id = $2 AND is_active`,
      [organizationId, id],
    );
    const row = rows[0];
    return row ? { id: row.id, organizationId: row.organization_id, role: row.role, tokensValidAfter: row.tokens_valid_after?.getTime() ?? null, keptSession: row.tokens_kept_session } : null;
  }

  emailTaken(manager: EntityManager, email: string): Promise<boolean> {
    return manager.getRepository(User).createQueryBuilder('u').where('lower(u.email) = lower(:email)', { email }).getExists();
  }

  async createOrganization(manager: EntityManager, name: string): Promise<Organization> {
    const org = manager.create(Organization, { name });
    await manager.insert(Organization, org);
    // Every organization starts with its default pipeline (docs/pipelines.md).
    const pipelineId = uuidv7();
    await manager.insert(Pipeline, { organizationId: org.id, id: pipelineId, name: DEFAULT_PIPELINE_NAME, isDefault: true });
    await manager.insert(
      PipelineStage,
      DEFAULT_PIPELINE_STAGES.map((s, position) => ({ organizationId: org.id, id: uuidv7(), pipelineId, key: s.key, name: s.name, position, probability: String(s.probability), kind: s.kind })),
    );
    return manager.findOneByOrFail(Organization, { id: org.id });
  }

  getOrganization(manager: EntityManager, id: string): Promise<Organization> {
    return manager.findOneByOrFail(Organization, { id });
  }

  async createUser(manager: EntityManager, values: QueryDeepPartialEntity<User> & { organizationId: string }): Promise<User> {
    const user = manager.create(User, values as User);
    await manager.insert(User, user as QueryDeepPartialEntity<User>);
    return manager.findOneByOrFail(User, { organizationId: values.organizationId, id: user.id });
  }

  /** The user with its password hash (password change). */
  findWithHash(manager: EntityManager, organizationId: string, id: string): Promise<User | null> {
    return manager
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.organization_id = :organizationId AND u.id = :id AND u.is_active', { organizationId, id })
      .getOne();
  }

  /**
   * Sets the password and ends the user's access tokens issued until now, but those of
   * `keepSession` (the caller's own session on a password change; null on a reset).
   */
  async setPassword(manager: EntityManager, organizationId: string, id: string, passwordHash: string, keepSession: string | null): Promise<void> {
    await manager.query(
      `UPDATE users SET password_hash = $3, tokens_valid_after = now(), tokens_kept_session = $4, version = version + 1, updated_at = now()
        WHERE organization_id = $1 AND id = $2`,
      [organizationId, id, passwordHash, keepSession],
    );
  }

  async touchLogin(manager: EntityManager, user: User): Promise<void> {
    await manager.update(User, { organizationId: user.organizationId, id: user.id }, { lastLoginAt: new Date() });
  }
}
