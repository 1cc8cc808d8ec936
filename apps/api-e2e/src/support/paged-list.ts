import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { SignedUp } from './org-fixture';

type Query = Record<string, string | number>;

/** Every row of a cursor-paged list, page after page: `page(cursor)` asks for one page (the first with null). */
export async function everyPage<T>(page: (cursor: string | null) => PromiseLike<request.Response>): Promise<T[]> {
  const rows: T[] = [];
  let cursor: string | null = null;
  do {
    const res: request.Response = await page(cursor);
    rows.push(...res.body.data);
    cursor = res.body.next_cursor;
  } while (cursor);
  return rows;
}

/**
 * A cursor-paged GET endpoint as a spec reads it: one page for a query, every page in order
 * (`limit` rows at a time), and the 400 a bad parameter gets, which names it. `app` is read at
 * each request (specs start the app in a hook).
 */
export function pagedList<T>(app: () => INestApplication, path: string) {
  const get = (who: Pick<SignedUp, 'accessToken'>, query: Query = {}) => request(app().getHttpServer()).get(path).query(query).set('Authorization', `Bearer ${who.accessToken}`);
  return {
    get,
    all: (who: Pick<SignedUp, 'accessToken'>, limit: number) => everyPage<T>((cursor) => get(who, { limit, ...(cursor ? { cursor } : {}) }).expect(200)),
    async expectBadRequest(who: Pick<SignedUp, 'accessToken'>, query: Query, field: string) {
      const res = await get(who, query).expect(400);
      expect(JSON.stringify(res.body)).toContain(field);
    },
  };
}
