import { Module } from '@nestjs/common';
import { TasksModule } from '@clockwork/server-tasks';
import { InboundTaskSyncService } from './inbound-task-sync.service';
import { SyncConflictsController } from './sync-conflicts.controller';
import { SyncConflictsRepository } from './sync-conflicts.repository';
import { SyncConflictsService } from './sync-conflicts.service';
import { SyncRecordsRepository } from './sync-records.repository';

/** Api side of the productivity sync: the conflict-aware inbound task sync and the conflicts list. */
@Module({
  imports: [TasksModule],
  controllers: [SyncConflictsController],
  providers: [SyncRecordsRepository, SyncConflictsRepository, SyncConflictsService, InboundTaskSyncService],
  exports: [InboundTaskSyncService],
})
export class ProductivitySyncModule {}
