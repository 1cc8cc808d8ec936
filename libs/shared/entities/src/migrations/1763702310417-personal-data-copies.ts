import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Copies of personal data outside the encrypted columns:
 *
 * - `import_chunks.data` is stored encrypted (FieldCipher over the bytes, bound to the row): a
 *   chunk grows by the ciphertext's header (≤ 64 bytes), so the size check allows for it.
 * - `stored_file_deletions`: the stored file of every deleted attachment row, whatever deleted it
 *   (its own route, a parent's delete cascading, an erasure, an organization's removal), queued
 *   by a trigger in the deleting transaction, so it exists only once that delete commits. The
 *   worker removes the files and then the rows (retrying on storage failure). No foreign key to
 *   organizations: the files of a removed organization are removed too.
 * - `deleted_contacts`: what a GDPR erasure needs to find and erase the copies about a contact
 *   that was deleted (events, deliveries, audit rows, mentions): its email (with the blind index,
 *   so erasure by email finds it), phone and name, encrypted by the application. Written by the
 *   contact's delete, removed by the erasure (or with its organization).
 */
export class PersonalDataCopies1763702310417 implements MigrationInterface {
  name = 'PersonalDataCopies1763702310417';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE import_chunks DROP CONSTRAINT import_chunks_data_check`);
    await q.query(`ALTER TABLE import_chunks ADD CONSTRAINT import_chunks_data_check CHECK (octet_length(data) <= 1048576 + 64)`);

    await q.query(`
      CREATE TABLE stored_file_deletions (
        organization_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        storage_key text NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id)
      )`);
    await q.query(`CREATE INDEX stored_file_deletions_created_idx ON stored_file_deletions (created_at)`);
    await q.query(`
      CREATE FUNCTION attachments_queue_file_deletion() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO stored_file_deletions (organization_id, storage_key) VALUES (OLD.organization_id, OLD.storage_key);
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER attachments_queue_file_deletion AFTER DELETE ON attachments FOR EACH ROW EXECUTE FUNCTION attachments_queue_file_deletion()`);

    await q.query(`
      CREATE TABLE deleted_contacts (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        email text,
        email_hash text,
        phone text,
        full_name text,
        deleted_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id)
      )`);
    await q.query(`CREATE INDEX deleted_contacts_email_hash_idx ON deleted_contacts (organization_id, email_hash) WHERE email_hash IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE deleted_contacts`);
    await q.query(`DROP TRIGGER attachments_queue_file_deletion ON attachments`);
    await q.query(`DROP FUNCTION attachments_queue_file_deletion()`);
    await q.query(`DROP TABLE stored_file_deletions`);
    await q.query(`ALTER TABLE import_chunks DROP CONSTRAINT import_chunks_data_check`);
    await q.query(`ALTER TABLE import_chunks ADD CONSTRAINT import_chunks_data_check CHECK (octet_length(data) <= 1048576)`);
  }
}
