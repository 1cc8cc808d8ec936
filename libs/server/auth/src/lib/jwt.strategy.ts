import { Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { InjectDataSource } from '@nestjs/typeorm';
import { Env, Principal } from '@clockwork/server-core';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { DataSource } from 'typeorm';
import type { AccessClaims } from './tokens.service';
import { UsersAuthRepository } from './users-auth.repository';

/**
 * Verifies access tokens (HS256, expiry checked) and reloads the user on every request, so a
 * deactivation or role change takes effect at once rather than when the token expires.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    env: Env,
    private readonly users: UsersAuthRepository,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    super({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: env.JWT_SECRET, algorithms: ['HS256'], ignoreExpiration: false });
  }

  async validate(claims: AccessClaims): Promise<Principal> {
    if (claims.typ !== 'access') throw new UnauthorizedException('Not an access token');
    const user = await this.users.findActive(this.dataSource.manager, claims.org, claims.sub);
    if (!user) throw new UnauthorizedException('The user of this token is deactivated or gone');
    return { kind: 'user', id: user.id, organizationId: user.organizationId, role: user.role };
  }
}
