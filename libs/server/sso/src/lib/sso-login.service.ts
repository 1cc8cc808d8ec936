import { BadRequestException, ForbiddenException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthService, PasswordHasher, UsersAuthRepository } from '@clockwork/server-auth';
import { assertPublicUrl, AuditWriter, Env, FieldCipher, UnsafeTargetError } from '@clockwork/server-core';
import type { TokenResponseDto } from '@clockwork/shared-dto';
import type { User } from '@clockwork/shared-entities';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { authorizationUrl, discover, exchangeCode, newChecks, VerifiedIdentity } from './oidc-client';
import { secretAad } from './sso-config.service';
import { SsoConfigRow, SsoConfigsRepository } from './sso-configs.repository';
import { SsoStateStore } from './sso-state.store';

export const CALLBACK_PATH = '/api/v1/auth/sso/callback';

/**
 * OpenID Connect login for an organization: authorization code with PKCE, state and nonce
 * (kept server-side, taken once), the ID token verified by openid-client, then the product's
 * own tokens, issued by the auth library exactly as a password login issues them.
 */
@Injectable()
export class SsoLoginService {
  private readonly log = new Logger(SsoLoginService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly configs: SsoConfigsRepository,
    private readonly states: SsoStateStore,
    private readonly cipher: FieldCipher,
    private readonly auth: AuthService,
    private readonly users: UsersAuthRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditWriter,
    private readonly env: Env,
  ) {}

  get callbackUrl(): string {
    return `${this.env.API_PUBLIC_URL.replace(/\/+$/, '')}${CALLBACK_PATH}`;
  }

  /** The provider's authorization URL for a new login of the organization (slug or id). */
  async start(organizationRef: string): Promise<string> {
    const config = await this.configs.findByOrganizationRef(this.dataSource.manager, organizationRef);
    if (!config?.enabled) throw new NotFoundException('No SSO login is configured for this organization');
    const provider = await this.discover(config);
    const checks = await newChecks();
    await this.states.put(checks.state, { organizationId: config.organization_id, configId: config.id, codeVerifier: checks.codeVerifier, nonce: checks.nonce });
    return authorizationUrl(provider, this.callbackUrl, checks.state, checks.nonce, checks.codeChallenge).href;
  }

  /** Completes a login from the provider's redirect (`query` is the callback's query string). */
  async callback(query: Record<string, unknown>): Promise<TokenResponseDto> {
    const state = typeof query['state'] === 'string' ? query['state'] : '';
    if (!state) throw new BadRequestException({ message: 'state is required', details: [{ field: 'state', errors: ['state is required'] }] });
    const pending = await this.states.take(state);
    if (!pending) throw new BadRequestException('Unknown, expired or already used SSO state: start the login again');
    const config = await this.configs.forOrganization(this.dataSource.manager, pending.organizationId);
    if (!config?.enabled || config.id !== pending.configId) throw new BadRequestException('The SSO configuration changed during the login: start again');
    const provider = await this.discover(config);
    const url = new URL(this.callbackUrl);
    for (const [k, v] of Object.entries(query)) if (typeof v === 'string') url.searchParams.set(k, v);
    const identity = await exchangeCode(provider, url, { codeVerifier: pending.codeVerifier, state, nonce: pending.nonce });
    return this.signIn(config, identity);
  }

  private async discover(config: SsoConfigRow) {
    try {
      await assertPublicUrl(config.issuer_url, this.env.WEBHOOK_ALLOW_PRIVATE_TARGETS);
    } catch (e) {
      if (e instanceof UnsafeTargetError) throw new BadRequestException(`The configured issuer_url is not allowed: ${e.message}`);
      throw e;
    }
    return discover(config.issuer_url, config.client_id, this.cipher.decrypt(config.client_secret, secretAad(config)));
  }

  private async signIn(config: SsoConfigRow, identity: VerifiedIdentity): Promise<TokenResponseDto> {
    const refuse = (reason: string, message: string) => this.refuse(config, identity, reason, message);
    if (!identity.email) return refuse('no_email', 'The identity provider did not share an email address');
    if (identity.emailVerified === false) return refuse('email_unverified', 'The identity provider has not verified this email address');
    const domain = identity.email.split('@')[1] ?? '';
    if (!config.allowed_domains.includes(domain)) return refuse('domain_not_allowed', `Email domain ${domain} is not allowed to sign in with this organization's SSO`);
    const details = { method: 'sso', issuer: identity.issuer, subject: identity.subject };
    return this.dataSource.transaction(async (manager) => {
      const existing = await this.users.findForLogin(manager, identity.email as string);
      if (existing && existing.organizationId !== config.organization_id) throw new ForbiddenException('This email belongs to a user of another organization');
      if (existing && !existing.isActive) throw new ForbiddenException('This user is deactivated');
      const user = existing ?? (await this.createUser(manager, config, identity));
      return this.auth.signInVerified(manager, user, details);
    });
  }

  /** A user first seen through SSO, with the configured default role and no usable password. */
  private async createUser(manager: EntityManager, config: SsoConfigRow, identity: VerifiedIdentity): Promise<User> {
    const email = identity.email as string;
    const user = await this.users.createUser(manager, {
      organizationId: config.organization_id,
      name: identity.name ?? email.split('@')[0],
      email,
      passwordHash: await this.hasher.hash(randomBytes(32).toString('base64url')),
      role: config.default_role,
    });
    await this.audit.record(manager, {
      organizationId: config.organization_id,
      actor: { type: 'user', id: user.id },
      action: 'create',
      objectType: 'user',
      objectId: user.id,
      before: null,
      after: { name: user.name, email: user.email, role: user.role },
      details: { source: 'sso' },
    });
    return user;
  }

  /** A refused SSO login, audited in the organization (the email's domain only) and answered 403. */
  private async refuse(config: SsoConfigRow, identity: VerifiedIdentity, reason: string, message: string): Promise<never> {
    await this.dataSource.transaction((manager) =>
      this.audit.record(manager, {
        organizationId: config.organization_id,
        actor: { type: 'anonymous', id: null },
        action: 'sso_login_refused',
        objectType: 'sso_config',
        objectId: config.id,
        details: { reason, email_domain: identity.email?.split('@')[1] ?? null },
      }),
    );
    this.log.warn({ organization: config.organization_id, reason }, 'SSO login refused');
    throw new ForbiddenException(message);
  }
}
