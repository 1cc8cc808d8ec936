import { BadRequestException, Injectable, UnauthorizedException } from '@nestjs/common';
import { RecordWriter } from '@clockwork/server-core';
import type { AcceptedResponseDto, ChangePasswordDto, PasswordResetConfirmDto } from '@clockwork/shared-dto';
import { AccountMailer } from './account.mailer';
import { AccountTokensRepository } from './account-tokens.repository';
import { badToken } from './auth.service';
import { PasswordHasher } from './password-hasher.service';
import { PasswordStrength } from './password-strength.validator';
import { PrincipalCache } from './principal-cache.store';
import { randomSecret, sha256 } from './secret-token.util';
import { TokensService } from './tokens.service';
import { UsersAuthRepository } from './users-auth.repository';

/** How long a password-reset link works. */
export const PASSWORD_RESET_TTL_MS = 3_600_000;

export const RESET_ACCEPTED: AcceptedResponseDto = {
  status: 'reset_requested',
  message: 'If an account uses this address, we sent it a link to choose a new password. The link works once, for 1 hour.',
};

const fieldError = (field: string, message: string) => new BadRequestException({ message: `Validation failed: ${message}`, details: [{ field, errors: [message] }] });

/** A signed-in user's password change, and password reset by a mailed single-use link. */
@Injectable()
export class AccountService {
  constructor(
    private readonly records: RecordWriter,
    private readonly users: UsersAuthRepository,
    private readonly accountTokens: AccountTokensRepository,
    private readonly hasher: PasswordHasher,
    private readonly strength: PasswordStrength,
    private readonly tokens: TokensService,
    private readonly mailer: AccountMailer,
    private readonly principals: PrincipalCache,
  ) {}

  /**
   * Checks the current password, sets the new one and ends every other session of the user at
   * once: their refresh tokens are revoked and their access tokens refused (this session stays).
   */
  async changePassword(dto: ChangePasswordDto): Promise<void> {
    const principal = this.records.principal;
    if (!principal || principal.kind !== 'user') throw new UnauthorizedException('Sign in as a user to change a password');
    const user = await this.users.findWithHash(this.records.manager, principal.organizationId, principal.id);
    if (!user) throw new UnauthorizedException('The user of this token is deactivated or gone');
    if (!(await this.hasher.verify(user.passwordHash, dto.current_password))) throw fieldError('current_password', 'current_password is not your current password');
    if (dto.new_password === dto.current_password) throw fieldError('new_password', 'new_password must differ from the current password');
    const org = await this.users.getOrganization(this.records.manager, user.organizationId);
    this.strength.assertStrong('new_password', dto.new_password, [user.email, user.name, org.name]);
    const passwordHash = await this.hasher.hash(dto.new_password);
    await this.records.transaction(async (manager) => {
      await this.users.setPassword(manager, user.organizationId, user.id, passwordHash, principal.sessionId ?? null);
      const revoked = await this.tokens.revokeOtherSessions(manager, user.organizationId, user.id, principal.sessionId ?? null);
      await this.records.audit(manager, { action: 'password_change', objectType: 'user', objectId: user.id, details: { revoked_tokens: revoked } });
    });
    // PostgreSQL announces the change to every api process; this one need not wait for it.
    this.principals.forget(user.organizationId, user.id);
  }

  /**
   * Always the same 202 at once; the address is looked up afterwards, so neither the answer nor
   * its timing tells whether an account uses it. An active user gets a single-use link valid for
   * one hour; a newer request supersedes older links.
   */
  requestReset(email: string): AcceptedResponseDto {
    this.mailer.later('Password reset request', () => this.sendReset(email));
    return RESET_ACCEPTED;
  }

  /** Spends the link, sets the password and ends every session of the user (refresh and access tokens). */
  async confirmReset(dto: PasswordResetConfirmDto): Promise<void> {
    const passwordHash = await this.hasher.hash(dto.new_password);
    const user = await this.records.transaction(async (manager) => {
      const spent = await this.accountTokens.spendResetToken(manager, sha256(dto.token));
      if (!spent) throw badToken('This reset link is invalid, expired or already used: ask for a new one');
      const user = await this.users.findActive(manager, spent.organization_id, spent.user_id);
      if (!user) throw badToken('This reset link is invalid, expired or already used: ask for a new one');
      const org = await this.users.getOrganization(manager, user.organizationId);
      // A weak password throws here, and the rollback leaves the link usable for a better one.
      this.strength.assertStrong('new_password', dto.new_password, [user.email, user.name, org.name]);
      await this.users.setPassword(manager, user.organizationId, user.id, passwordHash, null);
      const revoked = await this.tokens.revokeAllOfUser(manager, user.organizationId, user.id);
      await this.records.audit(manager, { organizationId: user.organizationId, actor: { type: 'user', id: user.id }, action: 'password_reset', objectType: 'user', objectId: user.id, details: { revoked_tokens: revoked } });
      return user;
    });
    this.principals.forget(user.organizationId, user.id);
  }

  private async sendReset(email: string): Promise<void> {
    const user = await this.users.findForLogin(this.records.manager, email);
    if (!user?.isActive) return;
    const token = `pr_${randomSecret()}`;
    await this.records.transaction(async (manager) => {
      await this.accountTokens.insertResetToken(manager, { organizationId: user.organizationId, userId: user.id, tokenHash: sha256(token), expiresAt: new Date(Date.now() + PASSWORD_RESET_TTL_MS) });
      await this.records.audit(manager, { organizationId: user.organizationId, actor: { type: 'anonymous', id: null }, action: 'password_reset_request', objectType: 'user', objectId: user.id });
    });
    await this.mailer.send({
      to: { name: user.name, address: user.email },
      subject: 'Reset your Clockwork CRM password',
      text: [
        `Hello ${user.name},`,
        'Someone (hopefully you) asked to reset the password of your Clockwork CRM account. Choose a new one here (the link works once, for 1 hour):',
        this.mailer.link('reset-password', token),
        'If you did not ask for this, ignore this email: your password stays as it is.',
      ].join('\n\n'),
    });
  }
}
