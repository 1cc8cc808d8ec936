import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { SignedUp } from './org-fixture';

/** A list's filters and sort: an object, or a query string as written (`sort=name:asc&industry=early`). */
type Query = Record<string, string | number> | string;

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
 * (`limit` rows at a time, no page holding more, for the query's filters and sort), and the 400
 * a bad parameter gets, which names it. `app` is read at each request (specs start the app in a
 * hook); `path` may carry a query string of its own.
 */
export function pagedList<T>(app: () => INestApplication, path: string) {
  const get = (who: Pick<SignedUp, 'accessToken'>, query: Query = {}) => request(app().getHttpServer()).get(path).query(query).set('Authorization', `Bearer ${who.accessToken}`);
  return {
    get,
    all: (who: Pick<SignedUp, 'accessToken'>, limit: number, query: Query = {}) =>
      everyPage<T>((cursor) =>
        get(who, query)
          .query({ limit, ...(cursor ? { cursor } : {}) })
          .expect(200)
          .expect((res) => expect(res.body.data.length).toBeLessThanOrEqual(limit)),
      ),
    async expectBadRequest(who: Pick<SignedUp, 'accessToken'>, query: Query, field: string) {
      const res = await get(who, query).expect(400);
      expect(JSON.stringify(res.body)).toContain(field);
    },
  };
}
