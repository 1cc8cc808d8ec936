import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditWriter, Env, RequestContext } from '@clockwork/server-core';
import { AccountMailer, AccountTokensRepository, AuthService, PasswordHasher, PasswordStrength, UsersAuthRepository } from '@clockwork/server-auth';
import type { AcceptInvitationDto, CreateInvitationDto, InvitationDto, InvitationListDto, TokenResponseDto } from '@clockwork/shared-dto';
import { BadRequestException } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { InvitationRow, InvitationsRepository } from './invitations.repository';
import { UsersRepository } from './users.repository';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const badToken = (message: string) => new BadRequestException({ message: `Validation failed: ${message}`, details: [{ field: 'token', errors: [message] }] });

function statusOf(row: InvitationRow): InvitationDto['status'] {
  if (row.accepted_at) return 'accepted';
  if (row.revoked_at) return 'revoked';
  return new Date(row.expires_at).getTime() <= Date.now() ? 'expired' : 'pending';
}

export function toInvitationDto(row: InvitationRow): InvitationDto {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    status: statusOf(row),
    invited_by: row.invited_by,
    expires_at: new Date(row.expires_at).toISOString(),
    created_at: new Date(row.created_at).toISOString(),
  };
}

/**
 * People join an organization by invitation: an admin names the address and role, the address
 * is mailed a single-use link (valid INVITATION_TTL_DAYS) with which the person sets their own
 * password. The answer is the same whether or not the address has an account elsewhere (that
 * address is mailed a notice instead of a link).
 */
@Injectable()
export class InvitationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly invitations: InvitationsRepository,
    private readonly users: UsersRepository,
    private readonly authUsers: UsersAuthRepository,
    private readonly accountTokens: AccountTokensRepository,
    private readonly auth: AuthService,
    private readonly hasher: PasswordHasher,
    private readonly strength: PasswordStrength,
    private readonly mailer: AccountMailer,
    private readonly audit: AuditWriter,
    private readonly context: RequestContext,
    private readonly env: Env,
  ) {}

  async create(dto: CreateInvitationDto): Promise<InvitationDto> {
    const token = `inv_${randomBytes(32).toString('base64url')}`;
    const inviterId = this.context.principal?.id ?? null;
    const row = await this.dataSource.transaction(async (manager) => {
      if (await this.users.emailInOrganization(manager, dto.email)) {
        const message = 'email already belongs to a user of this organization';
        throw new ConflictException({ message, details: [{ field: 'email', errors: [message] }] });
      }
      const created = await this.invitations.insert(manager, {
        email: dto.email,
        name: dto.name,
        role: dto.role,
        tokenHash: sha256(token),
        invitedBy: inviterId,
        expiresAt: new Date(Date.now() + this.env.INVITATION_TTL_DAYS * 86_400_000),
      });
      await this.audit.record(manager, { action: 'invite', objectType: 'invitation', objectId: created.id, before: null, after: { email: created.email, name: created.name, role: created.role } });
      return created;
    });
    this.mailer.later('Invitation', () => this.sendInvitation(row, token));
    return toInvitationDto(row);
  }

  async listPending(): Promise<InvitationListDto> {
    return { data: (await this.invitations.listPending()).map(toInvitationDto) };
  }

  async revoke(id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const row = await this.invitations.revokePending(manager, id);
      if (!row) throw new NotFoundException('Invitation not found (or no longer pending)');
      await this.audit.record(manager, { action: 'revoke', objectType: 'invitation', objectId: id, details: { email: row.email } });
    });
  }

  /** Creates the invited user with the password they chose and signs them in; the link works once. */
  async accept(dto: AcceptInvitationDto): Promise<TokenResponseDto> {
    const passwordHash = await this.hasher.hash(dto.password);
    return this.dataSource.transaction(async (manager) => {
      const row = await this.invitations.lockByTokenHash(manager, sha256(dto.token));
      if (!row) throw badToken('This invitation link is invalid');
      const status = statusOf(row);
      if (status === 'accepted') throw badToken('This invitation was already used: sign in instead');
      if (status === 'revoked') throw badToken('This invitation was withdrawn: ask for a new one');
      if (status === 'expired') throw badToken('This invitation has expired: ask for a new one');
      if (await this.authUsers.emailTaken(manager, row.email)) throw badToken('This address already has an account: sign in instead');
      const org = await this.authUsers.getOrganization(manager, row.organization_id);
      this.strength.assertStrong('password', dto.password, [row.email, row.name, org.name]);
      const user = await this.authUsers.createUser(manager, { organizationId: row.organization_id, name: row.name, email: row.email, passwordHash, role: row.role });
      await this.invitations.markAccepted(manager, row, user.id);
      // An unverified signup of the address can never be finished now.
      await this.accountTokens.dropPendingSignupsOf(manager, row.email);
      const after = { name: user.name, email: user.email, role: user.role, is_active: user.isActive };
      await this.audit.recordAs(manager, row.organization_id, { type: 'user', id: user.id }, { action: 'invitation_accept', objectType: 'user', objectId: user.id, before: null, after, details: { invitation_id: row.id } });
      return this.auth.session(manager, user);
    });
  }

  private async sendInvitation(row: InvitationRow, token: string): Promise<void> {
    const org = await this.authUsers.getOrganization(this.dataSource.manager, row.organization_id);
    const taken = await this.authUsers.emailTaken(this.dataSource.manager, row.email);
    const days = this.env.INVITATION_TTL_DAYS;
    await this.mailer.send({
      to: { name: row.name, address: row.email },
      subject: `You are invited to ${org.name} on Clockwork CRM`,
      text: taken
        ? [
            `Hello ${row.name},`,
            `${org.name} invited this address to Clockwork CRM, but it already has an account in another organization, and an address can belong to one account only.`,
            'Ask them to invite another address of yours. Nothing was changed.',
          ].join('\n\n')
        : [
            `Hello ${row.name},`,
            `You are invited to join ${org.name} on Clockwork CRM (role: ${row.role}). Open this link to choose your password and sign in (it works once, for ${days} day${days === 1 ? '' : 's'}):`,
            this.mailer.link('accept-invitation', token),
            'If you did not expect this, ignore this email.',
          ].join('\n\n'),
    });
  }
}
