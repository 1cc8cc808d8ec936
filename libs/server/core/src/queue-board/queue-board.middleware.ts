import { Injectable } from '@nestjs/common';
import { Env, parseBoardUsers } from '../config/environment.config';
import type { NextFunction, Request, Response } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';

export const BOARD_ROUTE = '/admin/queues';
/** The cookie older versions set for a tenant admin's token; it is expired on sight and never read. */
export const LEGACY_BOARD_COOKIE = 'clockwork_queues_token';
const REALM = 'Basic realm="Clockwork queues", charset="UTF-8"';

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/**
 * Who may open Bull Board (outside /api/v1, so the api's guard does not run there): an operator
 * of the deployment, with one of the HTTP Basic credentials of `QUEUE_BOARD_USERS`. The board
 * shows every organization's jobs, so no tenant credential opens it: access tokens, API keys and
 * the cookie older versions set are refused like no credential at all. When `QUEUE_BOARD_USERS`
 * is empty the board is off: every route under it answers 404.
 */
@Injectable()
export class QueueBoardAuth {
  /** SHA-256 of each `user:password`, compared in constant time (the digests have one length). */
  private readonly credentials: Buffer[];

  constructor(env: Env) {
    this.credentials = parseBoardUsers(env.QUEUE_BOARD_USERS).map(({ user, password }) => digest(`${user}:${password}`));
  }

  middleware() {
    return (req: Request, res: Response, next: NextFunction) => {
      if (this.check(req, res)) next();
    };
  }

  private check(req: Request, res: Response): boolean {
    if (this.credentials.length === 0) {
      res.status(404).json({ statusCode: 404, error: 'Not Found', message: `Cannot ${req.method} ${req.baseUrl || BOARD_ROUTE}` });
      return false;
    }
    if ((req.headers.cookie ?? '').includes(`${LEGACY_BOARD_COOKIE}=`)) {
      res.append('Set-Cookie', `${LEGACY_BOARD_COOKIE}=; Path=${BOARD_ROUTE}; Max-Age=0; HttpOnly; SameSite=Strict`);
    }
    const basic = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!basic) {
      return this.refuse(res, 'authorization: the queue board takes an operator credential of QUEUE_BOARD_USERS (HTTP Basic), not an access token, API key or cookie');
    }
    const given = digest(Buffer.from(basic, 'base64').toString('utf8'));
    // Every configured credential is compared, so the time taken does not tell which user name exists.
    let ok = false;
    for (const c of this.credentials) ok = timingSafeEqual(given, c) || ok;
    return ok || this.refuse(res, 'authorization: wrong queue board user name or password');
  }

  private refuse(res: Response, message: string): false {
    res.setHeader('WWW-Authenticate', REALM);
    res.status(401).json({ statusCode: 401, error: 'Unauthorized', message });
    return false;
  }
}
