import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Field encryption at rest: contacts' email and phone and private notes' text become
 * ciphertexts (`enc:v1:<key id>:...`), written by the application (the keys never reach the
 * database). Existing rows are encrypted by the worker's key-rotation job, which runs at its
 * first start (and daily): it encrypts whatever is not yet encrypted with the current key, and
 * fills the blind index. Until then reads accept the plain values.
 *
 * Emails are found through `email_hash`, a keyed blind index, instead of lower(email); trigram
 * search covers names only (an encrypted email has no trigrams worth matching). Clearing an
 * email by any path (an erasure in plain SQL, say) clears its blind index too (trigger).
 */
export class EncryptedFields1763701400000 implements MigrationInterface {
  name = 'EncryptedFields1763701400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE contacts ADD COLUMN email_hash text`);
    await q.query(`DROP INDEX contacts_email_idx`);
    await q.query(`DROP INDEX contacts_search_trgm_idx`);
    await q.query(`CREATE INDEX contacts_email_hash_idx ON contacts (organization_id, email_hash) WHERE email_hash IS NOT NULL`);
    await q.query(`CREATE INDEX contacts_name_trgm_idx ON contacts USING gin (organization_id, (coalesce(first_name, '') || ' ' || coalesce(last_name, '')) gin_trgm_ops)`);
    await q.query(`
      CREATE FUNCTION contacts_clear_email_hash() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.email IS NULL THEN NEW.email_hash := NULL; END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER contacts_clear_email_hash BEFORE INSERT OR UPDATE OF email, email_hash ON contacts
        FOR EACH ROW EXECUTE FUNCTION contacts_clear_email_hash()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER contacts_clear_email_hash ON contacts`);
    await q.query(`DROP FUNCTION contacts_clear_email_hash()`);
    await q.query(`DROP INDEX contacts_name_trgm_idx`);
    await q.query(`DROP INDEX contacts_email_hash_idx`);
    await q.query(`ALTER TABLE contacts DROP COLUMN email_hash`);
    await q.query(`CREATE INDEX contacts_search_trgm_idx ON contacts USING gin (organization_id, (coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || coalesce(email, '')) gin_trgm_ops)`);
    await q.query(`CREATE INDEX contacts_email_idx ON contacts (organization_id, lower(email)) WHERE email IS NOT NULL`);
  }
}
