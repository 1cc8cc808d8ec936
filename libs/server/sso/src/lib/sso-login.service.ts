import { BadRequestException, ForbiddenException, Injectable, Logger, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthService, PasswordHasher, UsersAuthRepository } from '@clockwork/server-auth';
import { ANONYMOUS_ACTOR, assertPublicUrl, AuditWriter, Env, FieldCipher, UnsafeTargetError } from '@clockwork/server-core';
import type { TokenResponseDto } from '@clockwork/shared-dto';
import type { User } from '@clockwork/shared-entities';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { authorizationUrl, discover, endpointsOf, exchangeCode, newChecks, VerifiedIdentity } from './oidc.client';
import { secretAad } from './sso-config.service';
import { SsoConfigRow, SsoConfigsRepository } from './sso-configs.repository';
import { SsoIdentitiesRepository } from './sso-identities.repository';
import { sha256, SsoStateStore } from './sso-state.store';

export const CALLBACK_PATH = '/api/v1/auth/sso/callback';

/** A login's start: where to send the browser, and the binding value its cookie must carry back. */
export interface StartedLogin {
  url: string;
  browser: string;
}

/** The email's user is linked to another subject of the issuer already. */
class SubjectMismatch extends Error {}

const random = () => randomBytes(32).toString('base64url');
const sameHash = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * OpenID Connect login for an organization: authorization code with PKCE, state and nonce
 * (kept server-side, taken once, the state bound to the browser that started the login by an
 * HttpOnly cookie), the ID token verified by openid-client. A user is found by (issuer, subject)
 * once linked; the first login links by a verified email. The web app then receives a one-time
 * code, never tokens in a URL, and exchanges it for the product's own tokens, issued by the auth
 * library exactly as a password login issues them.
 */
@Injectable()
export class SsoLoginService {
  private readonly log = new Logger(SsoLoginService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly configs: SsoConfigsRepository,
    private readonly identities: SsoIdentitiesRepository,
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

  /** The provider's authorization URL for a new login of the organization (slug or id), and the browser binding for its cookie. */
  async start(organizationRef: string): Promise<StartedLogin> {
    const config = await this.configs.findByOrganizationRef(this.dataSource.manager, organizationRef);
    if (!config?.enabled) throw new NotFoundException('No SSO login is configured for this organization');
    const provider = await this.discover(config);
    const checks = await newChecks();
    const browser = random();
    await this.states.put(checks.state, { organizationId: config.organization_id, configId: config.id, codeVerifier: checks.codeVerifier, nonce: checks.nonce, browser: sha256(browser) });
    return { url: authorizationUrl(provider, this.callbackUrl, checks.state, checks.nonce, checks.codeChallenge).href, browser };
  }

  /**
   * Completes a login from the provider's redirect (`query` is the callback's query string,
   * `browser` the start's cookie): the state is taken once and must have been started by this
   * browser. Returns the one-time code the web app exchanges for tokens.
   */
  async callback(query: Record<string, unknown>, browser: string | undefined): Promise<string> {
    const state = typeof query['state'] === 'string' ? query['state'] : '';
    if (!state) throw new BadRequestException({ message: 'state is required', details: [{ field: 'state', errors: ['state is required'] }], sso_error: 'expired' });
    const pending = await this.states.take(state);
    if (!pending) throw new BadRequestException({ message: 'Unknown, expired or already used SSO state: start the login again', sso_error: 'expired' });
    if (!browser || !sameHash(sha256(browser), pending.browser)) {
      throw new BadRequestException({
        message: 'This SSO login was started in another browser (or its cookie expired): start the login again from this browser',
        details: [{ field: 'state', errors: ['state does not belong to this browser'] }],
        sso_error: 'other_browser',
      });
    }
    const config = await this.configs.forOrganization(this.dataSource.manager, pending.organizationId);
    if (!config?.enabled || config.id !== pending.configId) throw new BadRequestException({ message: 'The SSO configuration changed during the login: start again', sso_error: 'expired' });
    const provider = await this.discover(config);
    const url = new URL(this.callbackUrl);
    for (const [k, v] of Object.entries(query)) if (typeof v === 'string') url.searchParams.set(k, v);
    const identity = await exchangeCode(provider, url, { codeVerifier: pending.codeVerifier, state, nonce: pending.nonce });
    const user = await this.resolveUser(config, identity);
    const code = random();
    await this.states.putCode(code, { organizationId: user.organizationId, userId: user.id, details: { method: 'sso', issuer: identity.issuer, subject: identity.subject } });
    return code;
  }

  /** The web app's exchange of a login's one-time code for tokens: single use, SSO_CODE_TTL_SECONDS. */
  async exchange(code: string): Promise<TokenResponseDto> {
    const login = await this.states.takeCode(code);
    if (!login) {
      throw new BadRequestException({ message: 'code is unknown, expired or already used: sign in again', details: [{ field: 'code', errors: ['code is unknown, expired or already used'] }] });
    }
    return this.dataSource.transaction(async (manager) => {
      const user = await this.users.findActive(manager, login.organizationId, login.userId);
      if (!user) throw new UnauthorizedException('The user of this SSO login is deactivated');
      return this.auth.signInVerified(manager, user, login.details);
    });
  }

  /** The provider's configuration; its issuer and every endpoint it names pass the SSRF guard and share the issuer's origin. */
  private async discover(config: SsoConfigRow) {
    const guard = async (url: string, what: string) => {
      try {
        await assertPublicUrl(url, this.env.WEBHOOK_ALLOW_PRIVATE_TARGETS);
      } catch (e) {
        if (e instanceof UnsafeTargetError) throw new BadRequestException(`The ${what} is not allowed: ${e.message}`);
        throw e;
      }
    };
    await guard(config.issuer_url, 'configured issuer_url');
    const provider = await discover(config.issuer_url, config.client_id, this.cipher.decrypt(config.client_secret, secretAad(config)));
    for (const endpoint of endpointsOf(provider, config.issuer_url)) await guard(endpoint.href, `identity provider endpoint ${endpoint.origin}${endpoint.pathname}`);
    return provider;
  }

  /**
   * Who the verified identity is: the user linked to its (issuer, subject), whatever its email
   * says now; otherwise, on a first login, the user of its verified email of an allowed domain
   * (or a new user), then linked. A subject other than the one a user is linked with is refused.
   */
  private async resolveUser(config: SsoConfigRow, identity: VerifiedIdentity): Promise<User> {
    const refuse = (reason: string, message: string) => this.refuse(config, identity, reason, message);
    const org = config.organization_id;
    const linked = await this.identities.bySubject(this.dataSource.manager, org, identity.issuer, identity.subject);
    if (linked) {
      const user = await this.users.findActive(this.dataSource.manager, org, linked.user_id);
      if (!user) return refuse('user_inactive', 'This user is deactivated');
      await this.identities.touch(this.dataSource.manager, org, linked.id);
      return user;
    }
    if (!identity.email) return refuse('no_email', 'The identity provider did not share an email address');
    if (identity.emailVerified !== true) return refuse('email_unverified', 'The identity provider has not verified this email address (email_verified must be true to link an account)');
    const domain = identity.email.split('@')[1] ?? '';
    if (!config.allowed_domains.includes(domain)) return refuse('domain_not_allowed', `Email domain ${domain} is not allowed to sign in with this organization's SSO`);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const existing = await this.users.findForLogin(manager, identity.email as string);
        if (existing && existing.organizationId !== org) throw new ForbiddenException('This email belongs to a user of another organization');
        if (existing && !existing.isActive) throw new ForbiddenException('This user is deactivated');
        if (existing && (await this.identities.ofUser(manager, org, identity.issuer, existing.id))) throw new SubjectMismatch();
        const user = existing ?? (await this.createUser(manager, config, identity));
        // Losing a race with a concurrent first login rolls the new user back too.
        if (!(await this.identities.link(manager, org, user.id, identity.issuer, identity.subject))) throw new SubjectMismatch();
        return user;
      });
    } catch (e) {
      if (e instanceof SubjectMismatch) return refuse('subject_mismatch', 'This email is linked to another identity at the provider: sign in with that account');
      throw e;
    }
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
    const after = { name: user.name, email: user.email, role: user.role };
    await this.audit.recordAs(manager, config.organization_id, { type: 'user', id: user.id }, { action: 'create', objectType: 'user', objectId: user.id, before: null, after, details: { source: 'sso' } });
    return user;
  }

  /** A refused SSO login, audited in the organization (the email's domain only) and answered 403. */
  private async refuse(config: SsoConfigRow, identity: VerifiedIdentity, reason: string, message: string): Promise<never> {
    await this.dataSource.transaction((manager) =>
      this.audit.recordAs(manager, config.organization_id, ANONYMOUS_ACTOR, {
        action: 'sso_login_refused',
        objectType: 'sso_config',
        objectId: config.id,
        details: { reason, email_domain: identity.email?.split('@')[1] ?? null },
      }),
    );
    this.log.warn({ organization_id: config.organization_id, reason }, 'SSO login refused');
    throw new ForbiddenException(message);
  }
}
