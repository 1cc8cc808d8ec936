import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { Env } from '@clockwork/server-core';
import type { NextFunction, Request, Response } from 'express';
import { DataSource } from 'typeorm';

/** The cookie a browser keeps after one Bearer request to the board (HttpOnly, SameSite=Strict, this path only). */
export const BOARD_COOKIE = 'clockwork_queues_token';
export const BOARD_ROUTE = '/admin/queues';

interface AccessClaims {
  sub: string;
  org: string;
  typ: string;
  exp: number;
}

const cookieOf = (req: Request, name: string): string | undefined =>
  (req.headers.cookie ?? '')
    .split(';')
    .map((c) => c.trim().split('='))
    .find(([k]) => k === name)?.[1];

/**
 * Who may open Bull Board (outside /api/v1, so the api's guard does not run there): an admin's
 * access token, as `Authorization: Bearer` or as the cookie that a Bearer request sets, so a
 * browser can open the page after one authenticated fetch. The user is reloaded on every
 * request (deactivated or demoted admins lose access at once). 401 without a valid token,
 * 403 for other roles and for API keys.
 */
@Injectable()
export class QueuesBoardAuth {
  private readonly jwt: JwtService;

  constructor(
    env: Env,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.jwt = new JwtService({ secret: env.JWT_SECRET, verifyOptions: { algorithms: ['HS256'], issuer: 'clockwork' } });
  }

  middleware() {
    return (req: Request, res: Response, next: NextFunction) => {
      this.check(req, res).then((ok) => ok && next(), next);
    };
  }

  private async check(req: Request, res: Response): Promise<boolean> {
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const token = bearer ?? cookieOf(req, BOARD_COOKIE);
    if (!token) return this.refuse(res, 401, 'Authentication required: send Authorization: Bearer <access token> of an admin');
    if (token.startsWith('ck_')) return this.refuse(res, 403, 'API keys may not open the queue board');
    let claims: AccessClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessClaims>(token);
    } catch {
      return this.refuse(res, 401, 'Invalid or expired access token');
    }
    if (claims.typ !== 'access') return this.refuse(res, 401, 'Not an access token');
    const [user] = await this.dataSource.query(`SELECT role FROM users WHERE organization_id = $1 AND id = $2 AND is_active`, [claims.org, claims.sub]);
    if (!user) return this.refuse(res, 401, 'The user of this token is deactivated or gone');
    if (user.role !== 'admin') return this.refuse(res, 403, `The ${user.role} role may not open the queue board`);
    if (bearer) {
      const maxAge = Math.max(0, claims.exp - Math.floor(Date.now() / 1000));
      res.setHeader('Set-Cookie', `${BOARD_COOKIE}=${bearer}; Path=${BOARD_ROUTE}; Max-Age=${maxAge}; HttpOnly; SameSite=Strict${req.secure ? '; Secure' : ''}`);
    }
    return true;
  }

  private refuse(res: Response, statusCode: 401 | 403, message: string): false {
    res.status(statusCode).json({ statusCode, error: statusCode === 401 ? 'Unauthorized' : 'Forbidden', message });
    return false;
  }
}
