import { MigrationInterface, QueryRunner } from 'typeorm';

/** A contact's searched text: exactly the expression of contacts_name_trgm_idx (and of SearchRepository's contact target). */
const CONTACT_NAME = `(coalesce(first_name, '') || ' ' || coalesce(last_name, ''))`;

/** The names of the contacts in a transition table, each with `sign` × how many contacts have it. */
const contribution = (table: string, sign: 1 | -1) => `SELECT organization_id, ${CONTACT_NAME} AS name, ${sign} AS contacts FROM ${table}`;

/**
 * Adds the summed delta of the given contributions in one statement, ordered by key (concurrent
 * writers lock name rows in the same order), then, when contacts went away (`gone`: their
 * transition table), deletes the names they had that no contact has any more. Organizations
 * being deleted are skipped (their names go with them).
 */
const applyDelta = (parts: string[], gone?: string) => `
  INSERT INTO contact_search_names AS n (organization_id, name, contacts)
  SELECT d.organization_id, d.name, sum(d.contacts)
    FROM (${parts.join(' UNION ALL ')}) d
    JOIN organizations o ON o.id = d.organization_id
   GROUP BY d.organization_id, d.name
  HAVING sum(d.contacts) <> 0
   ORDER BY d.organization_id, d.name
  ON CONFLICT (organization_id, name) DO UPDATE SET contacts = n.contacts + EXCLUDED.contacts${
    gone
      ? `;
  -- An update that renamed no contact (most of them) changed no name: nothing can have gone.
  GET DIAGNOSTICS changed = ROW_COUNT;
  IF changed > 0 THEN
    DELETE FROM contact_search_names n USING (SELECT DISTINCT organization_id, ${CONTACT_NAME} AS name FROM ${gone}) g
     WHERE n.organization_id = g.organization_id AND n.name = g.name AND n.contacts = 0;
  END IF`
      : ''
  }`;

/**
 * GIN indexes that search probes on every request. With fastupdate (the default), new entries wait
 * in a pending list that every probe reads through, unsorted, until (auto)vacuum merges it: a
 * bench database seeded with 10,000 accounts had 433 pending pages, and its search p50 was twice
 * what it was once they were merged.
 */
const FAST_PROBED = ['accounts_search_trgm_idx', 'deals_name_trgm_idx'];

const triggerFunction = (name: string, body: string) => `
  CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $fn$
  DECLARE
    changed bigint;
  BEGIN
    ${body};
    RETURN NULL;
  END
  $fn$`;

/**
 * The distinct names of each organization's contacts, with how many contacts have each, kept
 * exact by PostgreSQL (statement-level triggers with transition tables, like the time rollups),
 * so search looks for typos among the names rather than among the contacts: with 1M contacts of
 * 576 names, the trigram posting lists of the contacts' GIN index held tens of thousands of rows
 * per trigram and a typo's probe cost 55–95 ms (README, "Search"). A name no contact has any more
 * is deleted with its last contact, so an erased contact's name does not stay searchable.
 * Search's GIN indexes take new entries at once (no pending list: FAST_PROBED).
 * SearchRepository finds a name's contacts by contacts_search_name_idx; the contacts' own
 * trigram-distance index (SearchNearest) is dropped, the names have theirs. Existing contacts are
 * counted here (backfill).
 */
export class ContactSearchNames1763705300000 implements MigrationInterface {
  name = 'ContactSearchNames1763705300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE contact_search_names (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        name text NOT NULL,
        contacts int NOT NULL,
        PRIMARY KEY (organization_id, id)
      )`);
    await q.query(`CREATE UNIQUE INDEX contact_search_names_name_idx ON contact_search_names (organization_id, name)`);
    await q.query(`CREATE INDEX contact_search_names_trgm_idx ON contact_search_names USING gin (organization_id, name gin_trgm_ops) WITH (fastupdate = off)`);
    // The other trigram indexes search probes: entries go straight into the index, not into a
    // pending list that every search reads through until (auto)vacuum merges it.
    for (const index of FAST_PROBED) {
      await q.query(`ALTER INDEX ${index} SET (fastupdate = off)`);
      await q.query(`SELECT gin_clean_pending_list('${index}'::regclass)`);
    }
    await q.query(`CREATE INDEX contact_search_names_knn_idx ON contact_search_names USING gist (organization_id, lower(name) gist_trgm_ops(siglen=64))`);
    await q.query(`CREATE INDEX contacts_search_name_idx ON contacts (organization_id, ${CONTACT_NAME}, id)`);
    // Search no longer walks the contacts themselves by trigram distance (the names' knn index does).
    await q.query(`DROP INDEX contacts_name_knn_idx`);

    await q.query(triggerFunction('contact_search_names_on_insert', applyDelta([contribution('new_rows', 1)])));
    await q.query(triggerFunction('contact_search_names_on_update', applyDelta([contribution('new_rows', 1), contribution('old_rows', -1)], 'old_rows')));
    await q.query(triggerFunction('contact_search_names_on_delete', applyDelta([contribution('old_rows', -1)], 'old_rows')));
    await q.query(triggerFunction('contact_search_names_on_truncate', 'DELETE FROM contact_search_names'));
    await q.query(`CREATE TRIGGER contact_search_names_insert AFTER INSERT ON contacts REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION contact_search_names_on_insert()`);
    await q.query(
      `CREATE TRIGGER contact_search_names_update AFTER UPDATE ON contacts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION contact_search_names_on_update()`,
    );
    await q.query(`CREATE TRIGGER contact_search_names_delete AFTER DELETE ON contacts REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION contact_search_names_on_delete()`);
    await q.query(`CREATE TRIGGER contact_search_names_truncate AFTER TRUNCATE ON contacts FOR EACH STATEMENT EXECUTE FUNCTION contact_search_names_on_truncate()`);

    // Backfill: the triggers above already hold contacts against writers until this commits.
    await q.query(applyDelta([contribution('contacts', 1)]));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['insert', 'update', 'delete', 'truncate']) {
      await q.query(`DROP TRIGGER contact_search_names_${t} ON contacts`);
      await q.query(`DROP FUNCTION contact_search_names_on_${t}()`);
    }
    await q.query(`DROP INDEX contacts_search_name_idx`);
    await q.query(`CREATE INDEX contacts_name_knn_idx ON contacts USING gist (organization_id, (lower(${CONTACT_NAME})) gist_trgm_ops(siglen=64))`);
    await q.query(`DROP TABLE contact_search_names`);
    for (const index of FAST_PROBED) await q.query(`ALTER INDEX ${index} RESET (fastupdate)`);
  }
}
