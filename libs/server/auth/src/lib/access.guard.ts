import { ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { Access, ACCESS_KEY, Principal, RequestContext } from '@clockwork/server-core';
import type { Request } from 'express';
import { ApiKeysService } from './api-keys.service';
import { precheckedPrincipal } from './bearer-precheck.middleware';

export type AuthenticatedRequest = Request & { user?: Principal; principal?: Principal };

/**
 * The global guard: a route is closed unless it says who may use it. Bearer credentials are
 * an API key (`ck_...`) or an access token (JWT, via passport-jwt); the caller's role must be
 * one the route allows (403 otherwise), and the caller becomes the request's context.
 */
@Injectable()
export class AccessGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeysService,
    private readonly context: RequestContext,
  ) {
    super();
  }

  override async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const access = this.reflector.getAllAndOverride<Access | undefined>(ACCESS_KEY, [ctx.getHandler(), ctx.getClass()]);
    if (!access) throw new ForbiddenException('This route declares no access rule');
    if (access.kind === 'public') return true;

    const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!token) throw new UnauthorizedException('Authentication required: send Authorization: Bearer <token>');

    let principal: Principal;
    const early = precheckedPrincipal(req, token);
    if (token.startsWith('ck_')) {
      principal = early ?? (await this.apiKeys.authenticate(token));
      if (access.usersOnly) throw new ForbiddenException('API keys may not use this route');
    } else if (early) {
      principal = req.user = early;
    } else {
      await super.canActivate(ctx);
      principal = req.user as Principal;
    }
    if (!access.roles.includes(principal.role)) throw new ForbiddenException(`The ${principal.role} role may not use this route`);
    req.principal = principal;
    this.context.setPrincipal(principal);
    return true;
  }

  override handleRequest<T>(err: unknown, user: T, info: unknown): T {
    if (err) throw err;
    if (!user) {
      const reason = info instanceof Error && info.name === 'TokenExpiredError' ? 'Access token expired' : 'Invalid access token';
      throw new UnauthorizedException(reason);
    }
    return user;
  }
}
