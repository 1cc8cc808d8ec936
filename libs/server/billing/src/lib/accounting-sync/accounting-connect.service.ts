import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { assertPublicUrl, AuditWriter, Env, RequestContext, UnsafeTargetError } from '@clockwork/server-core';
import type { AccountingConnectionDto, ConnectAccountingDto } from '@clockwork/shared-dto';
import { DataSource } from 'typeorm';
import { pkcePair, randomToken } from './accounting-provider.types';
import { AccountingConnectionRow, AccountingConnectionsRepository } from './accounting-connections.repository';
import { AccountingOAuthStateStore, sha256 } from './accounting-oauth-state.store';
import { AccountingTokens } from './accounting-tokens.store';

const URL_FIELDS = ['authorize_url', 'token_url', 'api_url', 'revoke_url'] as const;
const badField = (field: string, message: string) => new BadRequestException({ message: `Validation failed: ${message}`, details: [{ field, errors: [message] }] });

export function toConnectionDto(row: AccountingConnectionRow): AccountingConnectionDto {
  return {
    provider: row.provider as AccountingConnectionDto['provider'],
    status: row.status,
    authorize_url: row.authorize_url,
    token_url: row.token_url,
    api_url: row.api_url,
    revoke_url: row.revoke_url,
    client_id: row.client_id,
    scopes: row.scopes,
    token_expires_at: row.expires_at ? new Date(row.expires_at).toISOString() : null,
    connected_at: row.connected_at ? new Date(row.connected_at).toISOString() : null,
    connected_by: row.connected_by,
    last_error: row.last_error,
  };
}

/**
 * Connecting an accounting system by OAuth 2 (authorization code + PKCE): the start stores the
 * client (secret sealed) and, server-side, the state with the PKCE verifier, the user and the
 * hash of a browser binding; the callback takes the state once, checks the binding, exchanges
 * the code and seals the tokens. Disconnect revokes the tokens at the provider (best effort)
 * and deletes the connection with its push log. Connect and disconnect are audited.
 */
@Injectable()
export class AccountingConnectService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly connections: AccountingConnectionsRepository,
    private readonly tokens: AccountingTokens,
    private readonly states: AccountingOAuthStateStore,
    private readonly audit: AuditWriter,
    private readonly context: RequestContext,
    private readonly env: Env,
  ) {}

  redirectUri(provider: string): string {
    return `${this.env.API_PUBLIC_URL.replace(/\/+$/, '')}/api/v1/integrations/${provider}/oauth/callback`;
  }

  /** The authorization URL to send the browser to, and the binding its cookie carries back. */
  async start(provider: string, dto: ConnectAccountingDto): Promise<{ url: string; browser: string }> {
    for (const field of URL_FIELDS) {
      const value = dto[field];
      if (!value) continue;
      try {
        await assertPublicUrl(value, this.env.WEBHOOK_ALLOW_PRIVATE_TARGETS);
      } catch (e) {
        if (e instanceof UnsafeTargetError) throw badField(field, `${field} ${e.message}`);
        throw e;
      }
    }
    const organizationId = this.context.organizationId;
    const principal = this.context.principal;
    const row = await this.dataSource.transaction(async (manager) => {
      const before = await this.connections.byProvider(manager, organizationId, provider);
      const settings = { authorize_url: dto.authorize_url, token_url: dto.token_url, api_url: dto.api_url, revoke_url: dto.revoke_url ?? null, client_id: dto.client_id, scopes: dto.scopes?.trim() ?? '' };
      const after = await this.connections.upsertPending(manager, organizationId, provider, settings, (id) => this.tokens.sealSecret({ organization_id: organizationId, id }, dto.client_secret));
      await this.audit.record(manager, { action: 'connect_start', objectType: 'accounting_connection', objectId: after.id, before: before ? toConnectionDto(before) : null, after: toConnectionDto(after), details: { provider } });
      return after;
    });
    const state = randomToken();
    const browser = randomToken();
    const { verifier, challenge } = pkcePair();
    await this.states.put(state, { organizationId, userId: principal?.id ?? '', provider, connectionId: row.id, codeVerifier: verifier, browser: sha256(browser) });
    const url = this.tokens.provider.authorizeUrl(this.tokens.settings(row), { state, codeChallenge: challenge, redirectUri: this.redirectUri(provider) });
    return { url, browser };
  }

  /** The provider's redirect: the state taken once, the browser binding checked, the code exchanged with the PKCE verifier, the tokens sealed. */
  async callback(provider: string, query: Record<string, string | undefined>, browser: string | undefined): Promise<void> {
    if (!query['state']) throw badField('state', 'state is missing');
    const pending = await this.states.take(query['state']);
    if (!pending || pending.provider !== provider) throw badField('state', 'This connect is unknown, expired or was already used: start it again');
    if (!browser || sha256(browser) !== pending.browser) throw badField('state', 'This connect was started in another browser (or its cookie expired): start it again');
    if (query['error']) throw badField('code', `The accounting system refused the connection: ${query['error']}`);
    if (!query['code']) throw badField('code', 'code is missing');
    const row = await this.dataSource.transaction((m) => this.connections.byId(m, pending.organizationId, pending.connectionId));
    if (!row) throw badField('state', 'The connection was removed meanwhile: start again');
    const tokens = await this.tokens.provider.exchangeCode(this.tokens.settings(row), { code: query['code'], codeVerifier: pending.codeVerifier, redirectUri: this.redirectUri(provider) });
    await this.dataSource.transaction(async (manager) => {
      const after = await this.connections.saveTokens(manager, row, this.tokens.sealed(row, tokens), pending.userId);
      await this.audit.record(manager, {
        action: 'connect',
        objectType: 'accounting_connection',
        objectId: row.id,
        before: toConnectionDto(row),
        after: toConnectionDto(after),
        organizationId: pending.organizationId,
        actor: { type: 'user', id: pending.userId },
      });
    });
  }

  async get(provider: string): Promise<AccountingConnectionDto> {
    const row = await this.connections.byProvider(this.dataSource.manager, this.context.organizationId, provider);
    if (!row) throw new NotFoundException(`No ${provider} accounting connection`);
    return toConnectionDto(row);
  }

  /** Revokes the tokens at the provider when it has a revoke URL (a failure is logged in the audit row, not fatal) and deletes the connection. */
  async disconnect(provider: string): Promise<void> {
    const organizationId = this.context.organizationId;
    const row = await this.connections.byProvider(this.dataSource.manager, organizationId, provider);
    if (!row) throw new NotFoundException(`No ${provider} accounting connection`);
    let revoked: boolean | string = false;
    if (row.access_token && row.revoke_url) {
      try {
        await this.tokens.provider.revoke(this.tokens.settings(row), this.tokens.opened(row));
        revoked = true;
      } catch (e) {
        revoked = `failed: ${(e as Error).message}`;
      }
    }
    await this.dataSource.transaction(async (manager) => {
      await this.connections.remove(manager, row);
      await this.audit.record(manager, { action: 'disconnect', objectType: 'accounting_connection', objectId: row.id, before: toConnectionDto(row), after: null, details: { provider, revoked } });
    });
  }
}
