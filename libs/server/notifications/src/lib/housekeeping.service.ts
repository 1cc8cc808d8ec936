import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { OutboxRepository } from '@clockwork/server-core';
import { DataSource } from 'typeorm';

/** Rows deleted per statement: short transactions, no long locks on a busy table. */
export const HOUSEKEEPING_CHUNK = 1000;

/** Deletes what has expired, in bounded chunks, across organizations. */
@Injectable()
export class HousekeepingService {
  private readonly logger = new Logger(HousekeepingService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxRepository,
  ) {}

  /** Stored Idempotency-Key responses past their expires_at; returns how many were deleted. */
  async deleteExpiredIdempotencyKeys(chunk = HOUSEKEEPING_CHUNK): Promise<number> {
    const total = await this.deleteInChunks(
      `DELETE FROM idempotency_keys k
        USING (SELECT organization_id, id FROM idempotency_keys WHERE expires_at < now() ORDER BY expires_at LIMIT $1) AS old
        WHERE k.organization_id = old.organization_id AND k.id = old.id`,
      [chunk],
      chunk,
    );
    if (total > 0) this.logger.log(`Housekeeping: ${total} expired idempotency keys deleted`);
    return total;
  }

  /** Inbound webhook receipts older than the dedupe window (a sender retrying later than that is a new delivery). */
  async deleteOldWebhookReceipts(retentionDays: number, chunk = HOUSEKEEPING_CHUNK): Promise<number> {
    const total = await this.deleteInChunks(
      `DELETE FROM webhook_receipts r
        USING (SELECT ctid FROM webhook_receipts WHERE received_at < now() - make_interval(days => $2) ORDER BY received_at LIMIT $1) AS old
        WHERE r.ctid = old.ctid`,
      [chunk, retentionDays],
      chunk,
    );
    if (total > 0) this.logger.log(`Housekeeping: ${total} webhook receipts past ${retentionDays} days deleted`);
    return total;
  }

  /**
   * Outbox events processed more than `retentionDays` ago (their handlers ran; webhook
   * deliveries keep their own copy), in chunks: the copies of records they carry go with them.
   */
  async deleteProcessedEvents(retentionDays: number, chunk = HOUSEKEEPING_CHUNK): Promise<number> {
    const cutoff = new Date(Date.now() - retentionDays * 86_400_000);
    let total = 0;
    for (;;) {
      const deleted = await this.outbox.deleteProcessedBefore(cutoff, chunk);
      total += deleted;
      if (deleted < chunk) break;
    }
    if (total > 0) this.logger.log(`Housekeeping: ${total} outbox events processed over ${retentionDays} days ago deleted`);
    return total;
  }

  /**
   * Webhook deliveries finished (succeeded, or failed for good) more than `retentionDays` ago,
   * with their attempts (the foreign key cascades), in chunks. Pending deliveries stay, however old.
   */
  async deleteFinishedDeliveries(retentionDays: number, chunk = HOUSEKEEPING_CHUNK): Promise<number> {
    const total = await this.deleteInChunks(
      `DELETE FROM webhook_deliveries d
        USING (SELECT organization_id, id FROM webhook_deliveries
                WHERE state <> 'pending' AND completed_at < now() - make_interval(days => $2) ORDER BY completed_at LIMIT $1) AS old
        WHERE d.organization_id = old.organization_id AND d.id = old.id`,
      [chunk, retentionDays],
      chunk,
    );
    if (total > 0) this.logger.log(`Housekeeping: ${total} webhook deliveries finished over ${retentionDays} days ago deleted`);
    return total;
  }

  /** Hashes of personal entries older than `days` (agents re-send within hours or days, not months). */
  async deleteOldPersonalEntryKeys(days = 90, chunk = HOUSEKEEPING_CHUNK): Promise<number> {
    return this.deleteInChunks(
      `DELETE FROM personal_entry_keys k
        USING (SELECT organization_id, id FROM personal_entry_keys WHERE day < current_date - $2::int ORDER BY day LIMIT $1) AS old
        WHERE k.organization_id = old.organization_id AND k.id = old.id`,
      [chunk, days],
      chunk,
    );
  }

  /**
   * Signups whose verification link expired (24 h) unused: the pending row and the organization it
   * made, which has no user (its admin is created only by the verification). The address is free
   * again (it never blocked an invitation or a new signup anyway).
   */
  async deleteExpiredSignups(chunk = HOUSEKEEPING_CHUNK): Promise<number> {
    const total = await this.deleteInChunks(
      `DELETE FROM organizations o
        USING (SELECT s.organization_id FROM signup_verifications s
                WHERE s.expires_at < now()
                  AND NOT EXISTS (SELECT 1 FROM users u WHERE u.organization_id = s.organization_id)
                  AND NOT EXISTS (SELECT 1 FROM signup_verifications l WHERE l.organization_id = s.organization_id AND l.expires_at >= now())
                ORDER BY s.expires_at LIMIT $1) AS old
        WHERE o.id = old.organization_id`,
      [chunk],
      chunk,
    );
    if (total > 0) this.logger.log(`Housekeeping: ${total} unverified signups past 24 h deleted`);
    return total;
  }

  /**
   * Password-reset links and invitations a day after they stopped working (spent, expired,
   * revoked or accepted): none is needed any more (the audit log keeps what happened), and an
   * invitation holds the invited address.
   */
  async deleteOldAccountTokens(chunk = HOUSEKEEPING_CHUNK): Promise<number> {
    const resets = await this.deleteInChunks(
      `DELETE FROM password_reset_tokens t
        USING (SELECT organization_id, id FROM password_reset_tokens
                WHERE expires_at < now() - interval '1 day' OR used_at < now() - interval '1 day' LIMIT $1) AS old
        WHERE t.organization_id = old.organization_id AND t.id = old.id`,
      [chunk],
      chunk,
    );
    const invitations = await this.deleteInChunks(
      `DELETE FROM user_invitations t
        USING (SELECT organization_id, id FROM user_invitations
                WHERE expires_at < now() - interval '1 day' OR revoked_at < now() - interval '1 day' OR accepted_at < now() - interval '1 day' LIMIT $1) AS old
        WHERE t.organization_id = old.organization_id AND t.id = old.id`,
      [chunk],
      chunk,
    );
    return resets + invitations;
  }

  private async deleteInChunks(sql: string, params: unknown[], chunk: number): Promise<number> {
    let total = 0;
    for (;;) {
      const [, deleted] = await this.dataSource.query(sql, params);
      total += deleted as number;
      if ((deleted as number) < chunk) return total;
    }
  }
}
