import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { fieldAad, FieldCipher } from '@clockwork/server-core';
import { DataSource } from 'typeorm';
import { ProviderSettings, ProviderTokens } from './accounting-provider.types';
import { AccountingConnectionRow, AccountingConnectionsRepository } from './accounting-connections.repository';
import { GenericOAuthProvider } from './generic-oauth.client';

/** A token is refreshed when it expires within this margin. */
export const REFRESH_MARGIN_MS = 60_000;

const aad = (row: Pick<AccountingConnectionRow, 'organization_id' | 'id'>, column: string) => fieldAad('accounting_connections', row.organization_id, row.id, column);

/**
 * The sealed side of a connection: its client secret and tokens encrypted with FieldCipher
 * (bound to the row and column), opened only to talk to the provider; an access token that
 * expires within a minute is refreshed first (under the row lock, so two workers refresh once).
 */
@Injectable()
export class AccountingTokens {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
    private readonly connections: AccountingConnectionsRepository,
    readonly provider: GenericOAuthProvider,
  ) {}

  sealSecret(row: Pick<AccountingConnectionRow, 'organization_id' | 'id'>, secret: string): string {
    return this.cipher.encrypt(secret, aad(row, 'client_secret'));
  }

  settings(row: AccountingConnectionRow): ProviderSettings {
    return {
      authorizeUrl: row.authorize_url,
      tokenUrl: row.token_url,
      apiUrl: row.api_url,
      revokeUrl: row.revoke_url,
      clientId: row.client_id,
      clientSecret: this.cipher.decrypt(row.client_secret, aad(row, 'client_secret')),
      scopes: row.scopes,
    };
  }

  sealed(row: Pick<AccountingConnectionRow, 'organization_id' | 'id'>, tokens: ProviderTokens) {
    return {
      access_token: this.cipher.encrypt(tokens.accessToken, aad(row, 'access_token')),
      refresh_token: tokens.refreshToken ? this.cipher.encrypt(tokens.refreshToken, aad(row, 'refresh_token')) : null,
      expires_at: tokens.expiresAt,
    };
  }

  opened(row: AccountingConnectionRow): ProviderTokens {
    if (!row.access_token) throw new Error('The accounting connection has no tokens (not connected)');
    return {
      accessToken: this.cipher.decrypt(row.access_token, aad(row, 'access_token')),
      refreshToken: row.refresh_token ? this.cipher.decrypt(row.refresh_token, aad(row, 'refresh_token')) : null,
      expiresAt: row.expires_at,
    };
  }

  /** A usable access token of the connection: refreshed first when it expires within REFRESH_MARGIN_MS (or `force`, after a 401). */
  async accessToken(organizationId: string, connectionId: string, force = false): Promise<{ row: AccountingConnectionRow; accessToken: string }> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.connections.byId(manager, organizationId, connectionId, true);
      if (!row || row.status !== 'connected') throw new Error('The accounting system is no longer connected');
      const tokens = this.opened(row);
      const expiring = tokens.expiresAt !== null && new Date(tokens.expiresAt).getTime() - Date.now() < REFRESH_MARGIN_MS;
      if (!force && !expiring) return { row, accessToken: tokens.accessToken };
      if (!tokens.refreshToken) throw new Error('The access token expired and the provider gave no refresh token: connect again');
      try {
        const fresh = await this.provider.refresh(this.settings(row), tokens.refreshToken);
        return { row: await this.connections.saveTokens(manager, row, this.sealed(row, fresh)), accessToken: fresh.accessToken };
      } catch (e) {
        await this.dataSource.transaction((m) => this.connections.recordError(m, row, `Token refresh failed: ${(e as Error).message}`));
        throw e;
      }
    });
  }
}
