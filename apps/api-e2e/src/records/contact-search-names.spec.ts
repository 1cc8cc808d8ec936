import request from 'supertest';
import { prng } from '@clockwork/testing-support';
import { apiWithOrg } from '../support/api-with-org';
import { createContact } from '../support/domains/contacts.domain';
import { signup } from '../support/org-fixture';
import { db } from '../support/records-sql';

interface Hit {
  type: string;
  id: string;
  title: string;
  score: number;
}

const FIRST = ['Ada', 'Chloe', 'Femi', 'Hana', 'Lena', 'Omar'];
const LAST = ['Fischer', 'Garcia', 'Okafor', 'Vogel', null];

/**
 * Search looks for contacts among their distinct names (contact_search_names, migration
 * ContactSearchNames), which PostgreSQL keeps with each name's count whoever writes the contacts.
 * Checked against the contacts themselves: the names and counts after any mix of writes, and the
 * ranking against every contact scored one by one.
 */
describe('search: the contact names it looks in', () => {
  const api = apiWithOrg('Contact Names Org');
  const http = () => request(api.app.getHttpServer());
  const org = () => api.admin.organizationId;

  /** The names table of the organization, and what counting its contacts gives. */
  const kept = async (organizationId: string) =>
    db(api.app).query(`SELECT name, contacts FROM contact_search_names WHERE organization_id = $1 ORDER BY name`, [organizationId]);
  const counted = async (organizationId: string) =>
    db(api.app).query(
      `SELECT coalesce(first_name, '') || ' ' || coalesce(last_name, '') AS name, count(*)::int AS contacts FROM contacts WHERE organization_id = $1 GROUP BY 1 ORDER BY 1`,
      [organizationId],
    );

  it('keeps every name with its count, whatever writes the contacts (API, multi-row SQL, renames, deletes)', async () => {
    const random = prng(20261207);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
    const ids: string[] = [];
    for (let round = 0; round < 6; round++) {
      // Through the API: a create, a rename and a delete.
      ids.push(await createContact(api.app, api.admin, { first_name: pick(FIRST), last_name: pick(LAST) }));
      const renamed = pick(ids);
      await http().patch(`/api/v1/contacts/${renamed}`).set({ Authorization: `Bearer ${api.admin.accessToken}` }).send({ last_name: pick(LAST) }).expect(200);
      // In SQL: many rows of few names at once, a rename of several, an update that renames nothing, a delete of several.
      const rows = Array.from({ length: 12 }, () => [pick(FIRST), pick(LAST)]);
      const inserted: { id: string }[] = await db(api.app).query(
        `INSERT INTO contacts (organization_id, id, first_name, last_name) SELECT $1, gen_random_uuid(), f, l FROM unnest($2::text[], $3::text[]) AS r(f, l) RETURNING id`,
        [org(), rows.map((r) => r[0]), rows.map((r) => r[1])],
      );
      ids.push(...inserted.map((r) => r.id));
      await db(api.app).query(`UPDATE contacts SET first_name = $2 WHERE organization_id = $1 AND id = ANY($3::uuid[])`, [org(), pick(FIRST), [pick(ids), pick(ids), pick(ids)]]);
      await db(api.app).query(`UPDATE contacts SET job_title = 'Buyer' WHERE organization_id = $1`, [org()]);
      const doomed = [pick(ids), pick(ids), pick(ids)];
      await db(api.app).query(`DELETE FROM contacts WHERE organization_id = $1 AND id = ANY($2::uuid[])`, [org(), doomed]);
      ids.splice(0, ids.length, ...ids.filter((id) => !doomed.includes(id)));
      await http().delete(`/api/v1/contacts/${ids.pop()}`).set({ Authorization: `Bearer ${api.admin.accessToken}` }).expect(204);
      expect(await kept(org())).toEqual(await counted(org()));
    }
    expect((await kept(org())).length).toBeGreaterThan(5);
  });

  it('forgets a name with its last contact: a deleted or renamed contact is not found by its old name', async () => {
    const lonely = await signup(api.app, 'Lonely Names Org');
    const id = await createContact(api.app, lonely, { first_name: 'Ottoline', last_name: 'Quibble' });
    const found = async (q: string) =>
      ((await http().get(`/api/v1/search?q=${encodeURIComponent(q)}`).set({ Authorization: `Bearer ${lonely.accessToken}` }).expect(200)).body.data as Hit[]).map((h) => h.id);
    expect(await found('Ottoline Quible')).toEqual([id]);
    await http().patch(`/api/v1/contacts/${id}`).set({ Authorization: `Bearer ${lonely.accessToken}` }).send({ first_name: 'Wilhelmina' }).expect(200);
    expect(await kept(lonely.organizationId)).toEqual([{ name: 'Wilhelmina Quibble', contacts: 1 }]);
    expect(await found('Ottoline Quible')).toEqual([]);
    expect(await found('Wilhelmina Quibble')).toEqual([id]);
    await http().delete(`/api/v1/contacts/${id}`).set({ Authorization: `Bearer ${lonely.accessToken}` }).expect(204);
    expect(await kept(lonely.organizationId)).toEqual([]);
  });

  it('ranks contacts exactly as scoring every contact one by one would', async () => {
    const crowd = await signup(api.app, 'Crowded Names Org');
    const random = prng(7);
    const rows = Array.from({ length: 400 }, () => [FIRST[Math.floor(random() * FIRST.length)], LAST[Math.floor(random() * LAST.length)]]);
    await db(api.app).query(
      `INSERT INTO contacts (organization_id, id, first_name, last_name) SELECT $1, gen_random_uuid(), f, l FROM unnest($2::text[], $3::text[]) AS r(f, l)`,
      [crowd.organizationId, rows.map((r) => r[0]), rows.map((r) => r[1])],
    );
    // The independent answer: every contact of the organization scored on its own, in one query
    // that knows nothing of the names table (the formula of SearchRepository, written out).
    const expected = async (q: string, limit: number) => {
      const client = await db(api.app).createQueryRunner();
      try {
        await client.startTransaction();
        await client.query(`SELECT set_config('pg_trgm.similarity_threshold', '0.3', true), set_config('pg_trgm.word_similarity_threshold', '0.5', true)`);
        const words = q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
        const rowsOut: { id: string; title: string; score: number }[] = await client.query(
          `SELECT id, title, score FROM (
             SELECT c.id, trim(c.first_name || ' ' || coalesce(c.last_name, '')) AS title,
                    round(least(1, 0.75 * greatest(similarity(t.name, $2), word_similarity($2, t.name))
                      + 0.15 * CASE WHEN $3::text IS NOT NULL AND to_tsvector('simple', t.name) @@ to_tsquery('simple', $3::text) THEN 1 ELSE 0 END
                      + 0.10 * CASE WHEN t.name ILIKE $4 THEN 1 ELSE 0 END)::numeric, 4)::float8 AS score
               FROM contacts c CROSS JOIN LATERAL (SELECT coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, '') AS name) t
              WHERE c.organization_id = $1 AND (t.name % $2 OR $2 <% t.name)) s
            ORDER BY score DESC, title, id LIMIT $5`,
          [crowd.organizationId, q, words.length ? words.map((w) => `${w}:*`).join(' & ') : null, `%${q}%`, limit],
        );
        return rowsOut;
      } finally {
        await client.rollbackTransaction();
        await client.release();
      }
    };
    for (const [q, limit] of [['Ada Fischer', 20], ['Chloe Vogl', 20], ['Okafor', 50], ['Hana', 50], ['Lena Garcia', 5], ['Omar Okafr', 40]] as const) {
      const hits: Hit[] = (await http().get(`/api/v1/search?q=${encodeURIComponent(q)}&types=contact&limit=${limit}`).set({ Authorization: `Bearer ${crowd.accessToken}` }).expect(200)).body.data;
      const want = await expected(q, limit);
      expect(want.length).toBeGreaterThan(0);
      expect(hits.map((h) => [h.id, h.title, h.score])).toEqual(want.map((w) => [w.id, w.title, w.score]));
    }
  });
});
