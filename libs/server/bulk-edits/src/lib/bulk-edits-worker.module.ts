import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { AccountsModule } from '@clockwork/server-accounts';
import { ContactsModule } from '@clockwork/server-contacts';
import { DealsModule } from '@clockwork/server-deals';
import { TasksModule } from '@clockwork/server-tasks';
import { QUEUES } from '@clockwork/shared-jobs';
import { BulkEditBatchService } from './bulk-edit-batch.service';
import { BulkEditCreatedHandler } from './bulk-edit-created.handler';
import { BulkEditRecordsRepository } from './bulk-edit-records.repository';
import { BulkEditRunner } from './bulk-edit-runner.service';
import { BulkEditsProcessor } from './bulk-edits.processor';
import { BulkEditsRepository } from './bulk-edits.repository';

/** The worker side of bulk edits: `bulk_edit.created` -> bulk-edits queue -> BulkEditRunner (through the record services). */
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.bulkEdits }), AccountsModule, ContactsModule, DealsModule, TasksModule],
  providers: [BulkEditCreatedHandler, BulkEditsProcessor, BulkEditRunner, BulkEditBatchService, BulkEditRecordsRepository, BulkEditsRepository],
  exports: [BulkEditRunner],
})
export class BulkEditsWorkerModule {}
