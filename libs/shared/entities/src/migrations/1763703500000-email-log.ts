import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Email logging: each organization's inbound address (`<token>@<INBOUND_MAIL_DOMAIN>`, the
 * token unique across organizations so the SMTP listener finds the organization by it, with the
 * signing secret of the inbound-mail webhook, encrypted by the application), the logged emails
 * (message id unique per organization so a message sent twice is stored once; body encrypted by
 * the application; unmatched ones wait for review), their links to contacts, accounts and deals
 * (what the timelines read), and their attachments (bytes in the platform's storage).
 */
export class EmailLog1763703500000 implements MigrationInterface {
  name = 'EmailLog1763703500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE email_inboxes (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        token text NOT NULL,
        signing_secret text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        PRIMARY KEY (organization_id, id),
        CONSTRAINT email_inboxes_one_per_organization UNIQUE (organization_id),
        CONSTRAINT email_inboxes_token_unique UNIQUE (token)
      )`);
    await q.query(`
      CREATE TABLE logged_emails (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        message_id text NOT NULL,
        source text NOT NULL CHECK (source IN ('smtp', 'webhook')),
        status text NOT NULL CHECK (status IN ('matched', 'unmatched')),
        subject text NOT NULL,
        snippet text NOT NULL,
        from_address text NOT NULL,
        from_name text,
        to_addresses jsonb NOT NULL DEFAULT '[]',
        cc_addresses jsonb NOT NULL DEFAULT '[]',
        sent_at timestamptz NOT NULL,
        body_text text,
        body_html text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id),
        CONSTRAINT logged_emails_message_unique UNIQUE (organization_id, message_id)
      )`);
    await q.query(`CREATE INDEX logged_emails_status_idx ON logged_emails (organization_id, status, sent_at, id)`);
    await q.query(`
      CREATE TABLE logged_email_links (
        organization_id uuid NOT NULL,
        id uuid NOT NULL,
        email_id uuid NOT NULL,
        contact_id uuid,
        account_id uuid,
        deal_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id),
        CONSTRAINT logged_email_links_one_parent CHECK (num_nonnulls(contact_id, account_id, deal_id) = 1),
        CONSTRAINT logged_email_links_email_fk FOREIGN KEY (organization_id, email_id) REFERENCES logged_emails (organization_id, id) ON DELETE CASCADE,
        CONSTRAINT logged_email_links_contact_fk FOREIGN KEY (organization_id, contact_id) REFERENCES contacts (organization_id, id) ON DELETE CASCADE,
        CONSTRAINT logged_email_links_account_fk FOREIGN KEY (organization_id, account_id) REFERENCES accounts (organization_id, id) ON DELETE CASCADE,
        CONSTRAINT logged_email_links_deal_fk FOREIGN KEY (organization_id, deal_id) REFERENCES deals (organization_id, id) ON DELETE CASCADE
      )`);
    for (const parent of ['contact', 'account', 'deal']) {
      await q.query(`CREATE UNIQUE INDEX logged_email_links_${parent}_idx ON logged_email_links (organization_id, ${parent}_id, email_id) WHERE ${parent}_id IS NOT NULL`);
    }
    await q.query(`CREATE INDEX logged_email_links_email_idx ON logged_email_links (organization_id, email_id)`);
    await q.query(`
      CREATE TABLE logged_email_attachments (
        organization_id uuid NOT NULL,
        id uuid NOT NULL,
        email_id uuid NOT NULL,
        file_name text NOT NULL,
        content_type text NOT NULL,
        size_bytes integer NOT NULL CHECK (size_bytes >= 0),
        storage_key text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id),
        CONSTRAINT logged_email_attachments_email_fk FOREIGN KEY (organization_id, email_id) REFERENCES logged_emails (organization_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX logged_email_attachments_email_idx ON logged_email_attachments (organization_id, email_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE logged_email_attachments`);
    await q.query(`DROP TABLE logged_email_links`);
    await q.query(`DROP TABLE logged_emails`);
    await q.query(`DROP TABLE email_inboxes`);
  }
}
