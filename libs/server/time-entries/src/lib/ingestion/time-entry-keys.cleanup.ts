import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { deleteRowsInChunks, HOUSEKEEPING_CHUNK, HousekeepingRegistry } from '@clockwork/server-core';
import { DataSource } from 'typeorm';

/** Time entries' housekeeping: expired Idempotency-Keys (`idempotency_keys`) and old personal-entry hashes (`personal_entry_keys`). */
@Injectable()
export class TimeEntryKeysCleanup implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: HousekeepingRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register('idempotency_keys', () => this.deleteExpiredIdempotencyKeys());
    this.registry.register('personal_entry_keys', () => this.deleteOldPersonalEntryKeys());
  }

  /** Stored Idempotency-Key responses past their expires_at; returns how many were deleted. */
  deleteExpiredIdempotencyKeys(chunk = HOUSEKEEPING_CHUNK): Promise<number> {
    return deleteRowsInChunks(
      this.dataSource,
      `DELETE FROM idempotency_keys k
        USING (SELECT organization_id, id FROM idempotency_keys WHERE expires_at < now() ORDER BY expires_at LIMIT $1) AS old
        WHERE k.organization_id = old.organization_id AND k.id = old.id`,
      [],
      chunk,
    );
  }

  /** Hashes of personal entries older than `days` (agents re-send within hours or days, not months). */
  deleteOldPersonalEntryKeys(days = 90, chunk = HOUSEKEEPING_CHUNK): Promise<number> {
    return deleteRowsInChunks(
      this.dataSource,
      `DELETE FROM personal_entry_keys k
        USING (SELECT organization_id, id FROM personal_entry_keys WHERE day < current_date - $2::int ORDER BY day LIMIT $1) AS old
        WHERE k.organization_id = old.organization_id AND k.id = old.id`,
      [days],
      chunk,
    );
  }
}
