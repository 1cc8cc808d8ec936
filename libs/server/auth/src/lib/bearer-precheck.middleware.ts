import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { BearerPrecheck, Principal } from '@clockwork/server-core';
import type { IncomingMessage } from 'node:http';
import { ApiKeysService } from './api-keys.service';
import { JwtStrategy } from './jwt.strategy';
import type { AccessClaims } from './tokens.service';

/** The principal a precheck found, for the guard of the same request (no second look-up, no second "used" mark of a key). */
const prechecked = new WeakMap<IncomingMessage, { token: string; principal: Principal }>();

/** What the precheck of this request found for this token, if it ran. */
export function precheckedPrincipal(req: IncomingMessage, token: string): Principal | undefined {
  const found = prechecked.get(req);
  return found && found.token === token ? found.principal : undefined;
}

export const bearerTokenOf = (req: IncomingMessage): string | undefined => /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];

/**
 * Before a large body is read (POST /time-entries/batch, /bulk-edits): the bearer credential must be a valid
 * API key or access token of an active user, with the guard's own messages. Role and route
 * rules stay with the guard, which reuses the principal found here.
 */
@Injectable()
export class BearerCallerPrecheck extends BearerPrecheck {
  constructor(
    private readonly apiKeys: ApiKeysService,
    private readonly jwt: JwtService,
    private readonly strategy: JwtStrategy,
  ) {
    super();
  }

  async check(req: IncomingMessage): Promise<void> {
    const token = bearerTokenOf(req);
    if (!token) throw new UnauthorizedException('Authentication required: send Authorization: Bearer <token>');
    const principal = token.startsWith('ck_') ? await this.apiKeys.authenticate(token) : await this.strategy.validate(await this.claimsOf(token));
    prechecked.set(req, { token, principal });
  }

  private async claimsOf(token: string): Promise<AccessClaims> {
    try {
      return await this.jwt.verifyAsync<AccessClaims>(token);
    } catch (e) {
      throw new UnauthorizedException((e as Error).name === 'TokenExpiredError' ? 'Access token expired' : 'Invalid access token');
    }
  }
}
