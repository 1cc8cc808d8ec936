import { createSecretKey } from 'node:crypto';
import { Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { InjectDataSource } from '@nestjs/typeorm';
import { Env, Principal } from '@clockwork/server-core';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { DataSource } from 'typeorm';
import type { AccessClaims } from './tokens.service';
import { PrincipalCache } from './principal-cache.store';
import { UsersAuthRepository } from './users-auth.repository';

/**
 * Verifies access tokens (HS256, expiry checked) and takes the user's current role and active
 * flag from PostgreSQL (through PrincipalCache, which PostgreSQL tells of every change), so a
 * deactivation or role change takes effect at once rather than when the token expires.
 * The secret is handed over as a KeyObject: given a string, jsonwebtoken first tries (and
 * fails) to parse it as a PEM public key on every request, a sixth of the CPU of a small route.
 */
/**
 * Whether a password change or reset ended this token: issued before the change (`iat` has
 * whole seconds, so tokens of the change's own second are let through) and not of the session
 * the change kept.
 */
export function endedByPasswordChange(claims: Pick<AccessClaims, 'iat' | 'sid'>, tokensValidAfter: number | null, keptSession: string | null): boolean {
  if (tokensValidAfter === null || claims.iat === undefined) return false;
  if (keptSession !== null && claims.sid === keptSession) return false;
  return claims.iat < Math.floor(tokensValidAfter / 1000);
}

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    env: Env,
    private readonly users: UsersAuthRepository,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly principals: PrincipalCache,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // passport-jwt passes secretOrKey through to jsonwebtoken, which takes a KeyObject; its types say string | Buffer.
      secretOrKey: createSecretKey(Buffer.from(env.JWT_SECRET, 'utf8')) as unknown as Buffer,
      algorithms: ['HS256'],
      issuer: 'clockwork',
      ignoreExpiration: false,
    });
  }

  async validate(claims: AccessClaims): Promise<Principal> {
    if (claims.typ !== 'access') throw new UnauthorizedException('Not an access token');
    const cached = await this.principals.get(claims.org, claims.sub, async () => {
      const user = await this.users.principalOf(this.dataSource.manager, claims.org, claims.sub);
      return user && { kind: 'user' as const, id: user.id, organizationId: user.organizationId, role: user.role, tokensValidAfter: user.tokensValidAfter, keptSession: user.keptSession };
    });
    if (!cached) throw new UnauthorizedException('The user of this token is deactivated or gone');
    if (endedByPasswordChange(claims, cached.tokensValidAfter ?? null, cached.keptSession ?? null)) {
      throw new UnauthorizedException('This session was ended by a password change: sign in again');
    }
    // The cached principal is shared between requests: the session is this token's own.
    const { tokensValidAfter: _after, keptSession: _kept, ...principal } = cached;
    return claims.sid ? { ...principal, sessionId: claims.sid } : principal;
  }
}
