import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Rows deleted per statement: short transactions, no long locks on a busy table. */
export const HOUSEKEEPING_CHUNK = 1000;

/** Deletes what has expired, in bounded chunks, across organizations. */
@Injectable()
export class HousekeepingService {
  private readonly logger = new Logger(HousekeepingService.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Stored Idempotency-Key responses past their expires_at; returns how many were deleted. */
  async deleteExpiredIdempotencyKeys(chunk = HOUSEKEEPING_CHUNK): Promise<number> {
    let total = 0;
    for (;;) {
      const [, deleted] = await this.dataSource.query(
        `DELETE FROM idempotency_keys k
          USING (SELECT organization_id, id FROM idempotency_keys WHERE expires_at < now() ORDER BY expires_at LIMIT $1) AS old
          WHERE k.organization_id = old.organization_id AND k.id = old.id`,
        [chunk],
      );
      total += deleted as number;
      if ((deleted as number) < chunk) break;
    }
    if (total > 0) this.logger.log(`Housekeeping: ${total} expired idempotency keys deleted`);
    return total;
  }
}
