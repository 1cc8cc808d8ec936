import { BadRequestException, ConflictException, ForbiddenException, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ANONYMOUS_ACTOR, AuditWriter, Env } from '@clockwork/server-core';
import type { AcceptedResponseDto, LoginDto, SignupDto, TokenResponseDto } from '@clockwork/shared-dto';
import { DataSource, EntityManager } from 'typeorm';
import type { User } from '@clockwork/shared-entities';
import { AccountMailer } from './account.mailer';
import { AccountTokensRepository } from './account-tokens.repository';
import { PasswordHasher } from './password-hasher.service';
import { PasswordStrength } from './password-strength.validator';
import { randomSecret, sha256 } from './secret-token.util';
import { TokensService } from './tokens.service';
import { toOrganizationDto, toUserDto } from './user.mapper';
import { UsersAuthRepository } from './users-auth.repository';

const BAD_CREDENTIALS = 'Invalid email or password';
const NOT_VERIFIED = 'This email address is not verified yet: follow the link we mailed when you signed up (or sign up again for a new link)';
/** How long a signup verification link works; then housekeeping deletes the pending signup. */
export const SIGNUP_VERIFICATION_TTL_MS = 24 * 3_600_000;

export const SIGNUP_ACCEPTED: AcceptedResponseDto = {
  status: 'verification_sent',
  message: 'Check your email: we sent a link to verify the address and finish signing up. It works for 24 hours.',
};

export const badToken = (message: string) => new BadRequestException({ message: `Validation failed: ${message}`, details: [{ field: 'token', errors: [message] }] });

/** Signup (with or without email verification), login, refresh and logout. */
@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersAuthRepository,
    private readonly accountTokens: AccountTokensRepository,
    private readonly hasher: PasswordHasher,
    private readonly strength: PasswordStrength,
    private readonly tokens: TokensService,
    private readonly mailer: AccountMailer,
    private readonly audit: AuditWriter,
    private readonly env: Env,
  ) {}

  get verifiesEmail(): boolean {
    return this.env.SIGNUP_VERIFY_EMAIL;
  }

  /**
   * Creates an organization and its first user, an admin. Without SIGNUP_VERIFY_EMAIL it signs
   * them in at once. With it, the answer is the same whatever the address (taken or not): the
   * address is mailed a verification link, or, when it already has an account, a notice.
   */
  async signup(dto: SignupDto): Promise<TokenResponseDto | AcceptedResponseDto> {
    if (!this.env.SIGNUP_ENABLED) throw new ForbiddenException('Signup is disabled on this server');
    this.strength.assertStrong('password', dto.password, [dto.email, dto.name, dto.organization_name]);
    const passwordHash = await this.hasher.hash(dto.password);
    if (this.env.SIGNUP_VERIFY_EMAIL) {
      this.mailer.later('Signup verification', () => this.startVerification(dto, passwordHash));
      return SIGNUP_ACCEPTED;
    }
    return this.dataSource.transaction(async (manager) => {
      if (await this.users.emailTaken(manager, dto.email)) throw new ConflictException('A user with this email already exists');
      const org = await this.users.createOrganization(manager, dto.organization_name);
      const user = await this.users.createUser(manager, { organizationId: org.id, name: dto.name, email: dto.email, passwordHash, role: 'admin' });
      await this.accountTokens.dropPendingSignupsOf(manager, dto.email);
      await this.audit.record(manager, { organizationId: org.id, actor: { type: 'user', id: user.id }, action: 'signup', objectType: 'organization', objectId: org.id, before: null, after: { name: org.name } });
      return this.session(manager, user);
    });
  }

  /** Finishes a verified signup: the organization gets its admin, who is signed in. The link works once. */
  async verifyEmail(token: string): Promise<TokenResponseDto> {
    return this.dataSource.transaction(async (manager) => {
      const pending = await this.accountTokens.spendPendingSignup(manager, sha256(token));
      if (!pending) throw badToken('This verification link is invalid, expired or already used: sign up again for a new one');
      if (await this.users.emailTaken(manager, pending.email)) throw badToken('This address already has an account: sign in, or reset its password');
      const user = await this.users.createUser(manager, { organizationId: pending.organization_id, name: pending.name, email: pending.email, passwordHash: pending.password_hash, role: 'admin' });
      await this.accountTokens.dropPendingSignupsOf(manager, pending.email);
      const org = await this.users.getOrganization(manager, pending.organization_id);
      await this.audit.record(manager, { organizationId: org.id, actor: { type: 'user', id: user.id }, action: 'signup', objectType: 'organization', objectId: org.id, before: null, after: { name: org.name }, details: { email_verified: true } });
      return this.session(manager, user);
    });
  }

  async login(dto: LoginDto): Promise<TokenResponseDto> {
    const user = await this.users.findForLogin(this.dataSource.manager, dto.email);
    const pending = user ? null : await this.accountTokens.findPendingSignupByEmail(this.dataSource.manager, dto.email);
    const ok = await this.hasher.verify(user?.passwordHash ?? pending?.password_hash, dto.password);
    if (!user && pending && ok) throw new ForbiddenException(NOT_VERIFIED);
    if (!user || !ok || !user.isActive) {
      await this.recordFailedLogin(user, !user ? 'unknown_email' : !ok ? 'bad_password' : 'inactive');
      throw new UnauthorizedException(BAD_CREDENTIALS);
    }
    return this.dataSource.transaction(async (manager) => {
      await this.users.touchLogin(manager, user);
      await this.audit.record(manager, { organizationId: user.organizationId, actor: { type: 'user', id: user.id }, action: 'login', objectType: 'user', objectId: user.id });
      return this.session(manager, user);
    });
  }

  /**
   * Signs in a user another authority vouched for (an organization's SSO provider), inside the
   * caller's transaction: the same tokens, refresh family and `login` audit as a password login.
   */
  async signInVerified(manager: EntityManager, user: User, details: Record<string, unknown>): Promise<TokenResponseDto> {
    await this.users.touchLogin(manager, user);
    await this.audit.record(manager, { organizationId: user.organizationId, actor: { type: 'user', id: user.id }, action: 'login', objectType: 'user', objectId: user.id, details });
    return this.session(manager, user);
  }

  async refresh(token: string): Promise<TokenResponseDto> {
    return this.tokens.rotate(token, async ({ organizationId, userId, familyId }, manager) => {
      const user = await this.users.findActive(manager, organizationId, userId);
      if (!user) throw new UnauthorizedException('The user of this session is deactivated');
      await this.audit.record(manager, { organizationId, actor: { type: 'user', id: userId }, action: 'token_refresh', objectType: 'session', objectId: familyId });
      return this.session(manager, user, familyId);
    });
  }

  logout(token: string): Promise<void> {
    return this.tokens.revoke(token);
  }

  /** A new session (or the next pair of one) for the user, as every sign-in answers; no audit row. */
  async session(manager: EntityManager, user: User, familyId?: string): Promise<TokenResponseDto> {
    const tokens = await this.tokens.issue(manager, user, familyId);
    const org = await this.users.getOrganization(manager, user.organizationId);
    return { ...tokens, user: toUserDto(user), organization: toOrganizationDto(org) };
  }

  /** After the 202: a verification link for a new address, a notice for one that has an account. */
  private async startVerification(dto: SignupDto, passwordHash: string): Promise<void> {
    const existing = await this.users.findForLogin(this.dataSource.manager, dto.email);
    if (existing) {
      await this.mailer.send({
        to: { name: existing.name, address: existing.email },
        subject: 'Someone tried to sign up to Clockwork CRM with your address',
        text: [
          'Someone (maybe you) tried to create a new Clockwork CRM organization with this email address, which already has an account.',
          'Nothing was created. If it was you, sign in instead, or use "Forgot password?" on the sign-in page.',
          `Sign in: ${this.env.WEB_APP_URL.replace(/\/+$/, '')}/login`,
        ].join('\n\n'),
      });
      return;
    }
    const token = `ev_${randomSecret()}`;
    await this.dataSource.transaction(async (manager) => {
      const org = await this.users.createOrganization(manager, dto.organization_name);
      await this.accountTokens.insertPendingSignup(manager, { organizationId: org.id, email: dto.email, name: dto.name, passwordHash, tokenHash: sha256(token), expiresAt: new Date(Date.now() + SIGNUP_VERIFICATION_TTL_MS) });
    });
    await this.mailer.send({
      to: { name: dto.name, address: dto.email },
      subject: 'Verify your email address for Clockwork CRM',
      text: [
        `Hello ${dto.name},`,
        `To finish creating ${dto.organization_name} on Clockwork CRM, verify your email address by opening this link (it works once, for 24 hours):`,
        this.mailer.link('verify-email', token),
        'If you did not sign up, ignore this email: nothing is kept after 24 hours.',
      ].join('\n\n'),
    });
  }

  /** Failed logins of a known user are audited in its organization; unknown addresses only counted (no address in the log). */
  private async recordFailedLogin(user: User | null, reason: string): Promise<void> {
    if (!user) {
      this.logger.warn({ reason }, 'Failed login');
      return;
    }
    await this.dataSource.transaction((manager) =>
      this.audit.recordAs(manager, user.organizationId, ANONYMOUS_ACTOR, { action: 'login_failed', objectType: 'user', objectId: user.id, details: { reason } }),
    );
  }
}
