import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Mailer } from '@clockwork/server-core';
import { DataSource, EntityManager } from 'typeorm';

/** Tries before an email is given up (`failed`); each scan tries a pending one once. */
const MAX_ATTEMPTS = 5;
const BATCH = 50;

interface PendingEmail {
  organization_id: string;
  id: string;
  title: string;
  body: string;
  link: string | null;
  email_attempts: number;
  email: string;
  name: string;
  created_at: Date;
}

/**
 * Sends the notifications recorded with an email (email_status `pending`) through the platform
 * Mailer (SMTP); this class owns their text and their email_status. The rows are the record of
 * what is owed: a send that fails stays pending for the next scan, up to MAX_ATTEMPTS; rows are
 * locked while sent, so two workers never send the same one. Without SMTP_HOST nothing is sent: the rows become `skipped`, with a log line.
 */
@Injectable()
export class NotificationMailer {
  private readonly logger = new Logger(NotificationMailer.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mailer: Mailer,
  ) {}

  /** Sends what is pending; returns how many were sent. */
  async sendPending(): Promise<number> {
    let sent = 0;
    let after: { at: Date; id: string } | null = null;
    for (;;) {
      const batch: { sent: number; last: { at: Date; id: string } | null } = await this.dataSource.transaction((m) => this.sendBatch(m, after));
      sent += batch.sent;
      if (!batch.last) return sent;
      after = batch.last;
    }
  }

  private async sendBatch(manager: EntityManager, after: { at: Date; id: string } | null): Promise<{ sent: number; last: { at: Date; id: string } | null }> {
    const rows: PendingEmail[] = await manager.query(
      `SELECT n.organization_id, n.id, n.title, n.body, n.link, n.email_attempts, n.created_at, u.email, u.name
         FROM notifications n JOIN users u ON u.organization_id = n.organization_id AND u.id = n.user_id
        WHERE n.email_status = 'pending' AND ($1::timestamptz IS NULL OR (n.created_at, n.id) > ($1::timestamptz, $2::uuid))
        ORDER BY n.created_at, n.id LIMIT ${BATCH}
        FOR UPDATE OF n SKIP LOCKED`,
      [after?.at ?? null, after?.id ?? null],
    );
    if (rows.length === 0) return { sent: 0, last: null };
    const last = { at: rows[rows.length - 1].created_at, id: rows[rows.length - 1].id };
    if (!this.mailer.configured) {
      await this.mark(manager, rows, `email_status = 'skipped'`);
      this.logger.log(`SMTP_HOST is empty: ${rows.length} notification email(s) skipped`);
      return { sent: 0, last };
    }
    const delivered: PendingEmail[] = [];
    for (const row of rows) {
      try {
        await this.mailer.send({ to: { name: row.name, address: row.email }, subject: row.title, text: this.text(row) });
        delivered.push(row);
      } catch (e) {
        const attempts = row.email_attempts + 1;
        this.logger.warn(`Notification email ${row.id} (attempt ${attempts}/${MAX_ATTEMPTS}) failed: ${(e as Error).message}`);
        await this.mark(manager, [row], attempts >= MAX_ATTEMPTS ? `email_status = 'failed', email_attempts = email_attempts + 1` : `email_attempts = email_attempts + 1`);
      }
    }
    await this.mark(manager, delivered, `email_status = 'sent', email_attempts = email_attempts + 1, emailed_at = now()`);
    return { sent: delivered.length, last };
  }

  private text(row: PendingEmail): string {
    return [row.body, row.link ? `Open in Clockwork CRM: ${row.link}` : '', '', 'You receive this because you are assigned to the task or manage your organization in Clockwork CRM.']
      .filter((line, i) => line !== '' || i > 1)
      .join('\n');
  }

  private async mark(manager: EntityManager, rows: PendingEmail[], set: string): Promise<void> {
    if (rows.length === 0) return;
    await manager.query(
      `UPDATE notifications n SET ${set}
         FROM jsonb_to_recordset($1::jsonb) AS r(organization_id uuid, id uuid)
        WHERE n.organization_id = r.organization_id AND n.id = r.id`,
      [JSON.stringify(rows.map((r) => ({ organization_id: r.organization_id, id: r.id })))],
    );
  }
}
