import { ConflictException, ForbiddenException, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditWriter, Env } from '@clockwork/server-core';
import type { LoginDto, SignupDto, TokenResponseDto } from '@clockwork/shared-dto';
import { DataSource, EntityManager } from 'typeorm';
import type { User } from '@clockwork/shared-entities';
import { PasswordHasher } from './password.hasher';
import { TokensService } from './tokens.service';
import { toOrganizationDto, toUserDto } from './user.mapper';
import { UsersAuthRepository } from './users-auth.repository';

const BAD_CREDENTIALS = 'Invalid email or password';

/** Signup, login, refresh and logout. */
@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersAuthRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokensService,
    private readonly audit: AuditWriter,
    private readonly env: Env,
  ) {}

  /** Creates an organization and its first user, an admin, and signs them in. */
  async signup(dto: SignupDto): Promise<TokenResponseDto> {
    if (!this.env.SIGNUP_ENABLED) throw new ForbiddenException('Signup is disabled on this server');
    const passwordHash = await this.hasher.hash(dto.password);
    return this.dataSource.transaction(async (manager) => {
      if (await this.users.emailTaken(manager, dto.email)) throw new ConflictException('A user with this email already exists');
      const org = await this.users.createOrganization(manager, dto.organization_name);
      const user = await this.users.createUser(manager, {
        organizationId: org.id,
        name: dto.name,
        email: dto.email,
        passwordHash,
        role: 'admin',
      });
      const actor = { type: 'user' as const, id: user.id };
      await this.audit.record(manager, { organizationId: org.id, actor, action: 'signup', objectType: 'organization', objectId: org.id, before: null, after: { name: org.name } });
      return this.respond(manager, user);
    });
  }

  async login(dto: LoginDto): Promise<TokenResponseDto> {
    const user = await this.users.findForLogin(this.dataSource.manager, dto.email);
    const ok = await this.hasher.verify(user?.passwordHash, dto.password);
    if (!user || !ok || !user.isActive) {
      await this.recordFailedLogin(user, !user ? 'unknown_email' : !ok ? 'bad_password' : 'inactive');
      throw new UnauthorizedException(BAD_CREDENTIALS);
    }
    return this.dataSource.transaction(async (manager) => {
      await this.users.touchLogin(manager, user);
      await this.audit.record(manager, { organizationId: user.organizationId, actor: { type: 'user', id: user.id }, action: 'login', objectType: 'user', objectId: user.id });
      return this.respond(manager, user);
    });
  }

  /**
   * Signs in a user another authority vouched for (an organization's SSO provider), inside the
   * caller's transaction: the same tokens, refresh family and `login` audit as a password login.
   */
  async signInVerified(manager: EntityManager, user: User, details: Record<string, unknown>): Promise<TokenResponseDto> {
    await this.users.touchLogin(manager, user);
    await this.audit.record(manager, { organizationId: user.organizationId, actor: { type: 'user', id: user.id }, action: 'login', objectType: 'user', objectId: user.id, details });
    return this.respond(manager, user);
  }

  async refresh(token: string): Promise<TokenResponseDto> {
    return this.tokens.rotate(token, async ({ organizationId, userId, familyId }, manager) => {
      const user = await this.users.findActive(manager, organizationId, userId);
      if (!user) throw new UnauthorizedException('The user of this session is deactivated');
      await this.audit.record(manager, { organizationId, actor: { type: 'user', id: userId }, action: 'token_refresh', objectType: 'session', objectId: familyId });
      return this.respond(manager, user, familyId);
    });
  }

  logout(token: string): Promise<void> {
    return this.tokens.revoke(token);
  }

  private async respond(manager: EntityManager, user: User, familyId?: string): Promise<TokenResponseDto> {
    const tokens = await this.tokens.issue(manager, user, familyId);
    const org = await this.users.getOrganization(manager, user.organizationId);
    return { ...tokens, user: toUserDto(user), organization: toOrganizationDto(org) };
  }

  /** Failed logins of a known user are audited in its organization; of an unknown email, only the reason is logged (never the address). */
  private async recordFailedLogin(user: User | null, reason: string): Promise<void> {
    if (!user) {
      this.logger.warn({ reason }, 'Failed login of an unknown email');
      return;
    }
    await this.dataSource.transaction((manager) =>
      this.audit.record(manager, {
        organizationId: user.organizationId,
        actor: { type: 'anonymous', id: null },
        action: 'login_failed',
        objectType: 'user',
        objectId: user.id,
        details: { reason },
      }),
    );
  }
}
