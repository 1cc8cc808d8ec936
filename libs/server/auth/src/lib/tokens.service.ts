import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { ANONYMOUS_ACTOR, AuditWriter, Env } from '@clockwork/server-core';
import type { User } from '@clockwork/shared-entities';
import { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { randomSecret, sha256 } from './secret-token.util';

export interface AccessClaims {
  sub: string;
  org: string;
  role: string;
  typ: 'access';
  /** The login family (session) the token was issued in: a password change keeps this one. */
  sid?: string;
  /** Issued at, in seconds (set by jsonwebtoken). */
  iat?: number;
}

export interface IssuedTokens {
  access_token: string;
  refresh_token: string;
  token_type: 'Bearer';
  expires_in: number;
}

const INVALID = 'Refresh token is invalid, expired or already used';

/** The token is unknown, expired, revoked or spent. */
class NotLiveError extends Error {}

export interface SpentOwner {
  organizationId: string;
  userId: string;
  familyId: string;
}

/** Access tokens (JWT) and rotating refresh tokens with reuse detection (RFC 9700 §4.14.2). */
@Injectable()
export class TokensService {
  constructor(
    private readonly jwt: JwtService,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly audit: AuditWriter,
    private readonly env: Env,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** Starts a new login family (signup, login) or continues one (refresh). */
  async issue(manager: EntityManager, user: Pick<User, 'id' | 'organizationId' | 'role'>, familyId = uuidv7()): Promise<IssuedTokens> {
    const refresh = `rt_${randomSecret()}`;
    await this.refreshTokens.insert(manager, {
      organizationId: user.organizationId,
      userId: user.id,
      familyId,
      tokenHash: sha256(refresh),
      expiresAt: new Date(Date.now() + this.env.REFRESH_TOKEN_TTL_DAYS * 86_400_000),
    });
    const claims: AccessClaims = { sub: user.id, org: user.organizationId, role: user.role, typ: 'access', sid: familyId };
    return {
      access_token: await this.jwt.signAsync(claims, { expiresIn: this.env.ACCESS_TOKEN_TTL_SECONDS, jwtid: uuidv7() }),
      refresh_token: refresh,
      token_type: 'Bearer',
      expires_in: this.env.ACCESS_TOKEN_TTL_SECONDS,
    };
  }

  /**
   * Spends a refresh token and runs `work` for its owner in the same transaction (the token is
   * spent exactly when the new pair is issued). Of concurrent calls with one token, the row
   * lock lets one through. A token that was already spent revokes its whole family — after the
   * spending transaction has ended, since that transaction may hold the token's row lock —
   * and answers 401.
   */
  async rotate<T>(token: string, work: (owner: SpentOwner, manager: EntityManager) => Promise<T>): Promise<T> {
    const hash = sha256(token);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const spent = await this.refreshTokens.spend(manager, hash);
        if (!spent) throw new NotLiveError();
        return work({ organizationId: spent.organization_id, userId: spent.user_id, familyId: spent.family_id }, manager);
      });
    } catch (e) {
      if (!(e instanceof NotLiveError)) throw e;
      await this.revokeOnReuse(hash);
      throw new UnauthorizedException(INVALID);
    }
  }

  /** Logout: revokes the family of the token, whoever holds it. Unknown tokens are ignored. */
  async revoke(token: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const row = await this.refreshTokens.findByHash(manager, sha256(token));
      if (!row) return;
      const revoked = await this.refreshTokens.revokeFamily(manager, row.organization_id, row.family_id);
      if (revoked > 0) {
        await this.audit.recordAs(manager, row.organization_id, { type: 'user', id: row.user_id }, { action: 'logout', objectType: 'session', objectId: row.family_id, details: { revoked_tokens: revoked } });
      }
    });
  }

  /** Revokes every session of the user but `keepFamilyId` (null: all of them); returns how many tokens. */
  revokeOtherSessions(manager: EntityManager, organizationId: string, userId: string, keepFamilyId: string | null): Promise<number> {
    return this.refreshTokens.revokeAllOfUserExcept(manager, organizationId, userId, keepFamilyId);
  }

  revokeAllOfUser(manager: EntityManager, organizationId: string, userId: string): Promise<number> {
    return this.refreshTokens.revokeAllOfUser(manager, organizationId, userId);
  }

  private async revokeOnReuse(hash: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const row = await this.refreshTokens.findByHash(manager, hash);
      if (!row?.used_at) return;
      const revoked = await this.refreshTokens.revokeFamily(manager, row.organization_id, row.family_id);
      await this.audit.recordAs(manager, row.organization_id, ANONYMOUS_ACTOR, {
        action: 'refresh_token_reuse',
        objectType: 'session',
        objectId: row.family_id,
        details: { user_id: row.user_id, revoked_tokens: revoked },
      });
    });
  }
}
