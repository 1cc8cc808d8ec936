import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Saved list views (name, list, filters, sort, visible columns; private or shared with the
 * organization) with each user's default view per list, and activities: calls and meetings
 * logged against accounts, contacts and deals (at least one), read by timelines and reports.
 */
export class SavedViewsActivities1763703000000 implements MigrationInterface {
  name = 'SavedViewsActivities1763703000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE saved_views (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        owner_id uuid NOT NULL,
        list text NOT NULL,
        name text NOT NULL,
        filters jsonb NOT NULL DEFAULT '{}',
        sort text,
        columns jsonb,
        visibility text NOT NULL DEFAULT 'private' CHECK (visibility IN ('private', 'organization')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id),
        CONSTRAINT saved_views_owner_fk FOREIGN KEY (organization_id, owner_id) REFERENCES users (organization_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX saved_views_list_idx ON saved_views (organization_id, list, name, id)`);
    await q.query(`
      CREATE TABLE saved_view_defaults (
        organization_id uuid NOT NULL,
        id uuid NOT NULL,
        user_id uuid NOT NULL,
        list text NOT NULL,
        view_id uuid NOT NULL,
        PRIMARY KEY (organization_id, id),
        CONSTRAINT saved_view_defaults_one_per_list UNIQUE (organization_id, user_id, list),
        CONSTRAINT saved_view_defaults_user_fk FOREIGN KEY (organization_id, user_id) REFERENCES users (organization_id, id) ON DELETE CASCADE,
        CONSTRAINT saved_view_defaults_view_fk FOREIGN KEY (organization_id, view_id) REFERENCES saved_views (organization_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX saved_view_defaults_view_idx ON saved_view_defaults (organization_id, view_id)`);
    await q.query(`
      CREATE TABLE activities (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        type text NOT NULL CHECK (type IN ('call', 'meeting')),
        subject text NOT NULL,
        occurred_at timestamptz NOT NULL,
        duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 0 AND 1440),
        outcome text NOT NULL,
        notes text,
        account_id uuid,
        contact_id uuid,
        deal_id uuid,
        owner_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id),
        CONSTRAINT activities_parent_check CHECK (account_id IS NOT NULL OR contact_id IS NOT NULL OR deal_id IS NOT NULL),
        CONSTRAINT activities_account_fk FOREIGN KEY (organization_id, account_id) REFERENCES accounts (organization_id, id) ON DELETE CASCADE,
        CONSTRAINT activities_contact_fk FOREIGN KEY (organization_id, contact_id) REFERENCES contacts (organization_id, id) ON DELETE CASCADE,
        CONSTRAINT activities_deal_fk FOREIGN KEY (organization_id, deal_id) REFERENCES deals (organization_id, id) ON DELETE CASCADE,
        CONSTRAINT activities_owner_fk FOREIGN KEY (organization_id, owner_id) REFERENCES users (organization_id, id) ON DELETE SET NULL (owner_id)
      )`);
    await q.query(`CREATE INDEX activities_occurred_idx ON activities (organization_id, occurred_at, id)`);
    for (const parent of ['account', 'contact', 'deal']) {
      await q.query(`CREATE INDEX activities_${parent}_idx ON activities (organization_id, ${parent}_id, occurred_at, id) WHERE ${parent}_id IS NOT NULL`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE activities`);
    await q.query(`DROP TABLE saved_view_defaults`);
    await q.query(`DROP TABLE saved_views`);
  }
}
