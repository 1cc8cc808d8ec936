import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { deleteRowsInChunks, HOUSEKEEPING_CHUNK, HousekeepingRegistry } from '@clockwork/server-core';
import { DataSource } from 'typeorm';

/** Accounts' housekeeping: signups never verified (`unverified_signups`) and spent account links (`account_tokens`). */
@Injectable()
export class AccountCleanup implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: HousekeepingRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register('unverified_signups', () => this.deleteExpiredSignups());
    this.registry.register('account_tokens', () => this.deleteOldAccountTokens());
  }

  /**
   * Signups whose verification link expired (24 h) unused: the pending row and the organization it
   * made, which has no user (its admin is created only by the verification). The address is free
   * again (it never blocked an invitation or a new signup anyway).
   */
  deleteExpiredSignups(chunk = HOUSEKEEPING_CHUNK): Promise<number> {
    return deleteRowsInChunks(
      this.dataSource,
      `DELETE FROM organizations o
        USING (SELECT s.organization_id FROM signup_verifications s
                WHERE s.expires_at < now()
                  AND NOT EXISTS (SELECT 1 FROM users u WHERE u.organization_id = s.organization_id)
                  AND NOT EXISTS (SELECT 1 FROM signup_verifications l WHERE l.organization_id = s.organization_id AND l.expires_at >= now())
                ORDER BY s.expires_at LIMIT $1) AS old
        WHERE o.id = old.organization_id`,
      [],
      chunk,
    );
  }

  /**
   * Password-reset links and invitations a day after they stopped working (spent, expired,
   * revoked or accepted): none is needed any more (the audit log keeps what happened), and an
   * invitation holds the invited address.
   */
  async deleteOldAccountTokens(chunk = HOUSEKEEPING_CHUNK): Promise<number> {
    const resets = await deleteRowsInChunks(
      this.dataSource,
      `DELETE FROM password_reset_tokens t
        USING (SELECT organization_id, id FROM password_reset_tokens
                WHERE expires_at < now() - interval '1 day' OR used_at < now() - interval '1 day' LIMIT $1) AS old
        WHERE t.organization_id = old.organization_id AND t.id = old.id`,
      [],
      chunk,
    );
    const invitations = await deleteRowsInChunks(
      this.dataSource,
      `DELETE FROM user_invitations t
        USING (SELECT organization_id, id FROM user_invitations
                WHERE expires_at < now() - interval '1 day' OR revoked_at < now() - interval '1 day' OR accepted_at < now() - interval '1 day' LIMIT $1) AS old
        WHERE t.organization_id = old.organization_id AND t.id = old.id`,
      [],
      chunk,
    );
    return resets + invitations;
  }
}
