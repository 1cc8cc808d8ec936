import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RequestContext } from '@clockwork/server-core';
import { DealStage, DealStageHistory } from '@clockwork/shared-entities';
import { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';

export interface StageHistoryRow {
  from_stage: DealStage | null;
  to_stage: DealStage;
  entered_at: Date;
  changed_by: string | null;
  /** numeric from PostgreSQL (a string), seconds until the next change or until now. */
  seconds_in_stage: string | number;
}

/** When each deal entered each stage; written in the transaction of the change. */
@Injectable()
export class DealStageHistoryRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly context: RequestContext,
  ) {}

  /** Records that the deal entered `to` (from `from`, null on creation) at the transaction's time. */
  async record(manager: EntityManager, dealId: string, from: DealStage | null, to: DealStage, changedBy: string | null): Promise<void> {
    await manager.insert(DealStageHistory, { organizationId: this.context.organizationId, id: uuidv7(), dealId, fromStage: from, toStage: to, changedBy });
  }

  /** The deal's stages, oldest first, each with the seconds spent in it (the current one: until now). */
  listForDeal(dealId: string): Promise<StageHistoryRow[]> {
    return this.dataSource.query(
      `SELECT from_stage, to_stage, entered_at, changed_by,
              EXTRACT(EPOCH FROM (coalesce(lead(entered_at) OVER w, now()) - entered_at)) AS seconds_in_stage
         FROM deal_stage_history
        WHERE organization_id = $1 AND deal_id = $2
       WINDOW w AS (ORDER BY entered_at, id)
        ORDER BY entered_at, id`,
      [this.context.organizationId, dealId],
    );
  }
}
