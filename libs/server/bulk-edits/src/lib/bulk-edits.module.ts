import { Module } from '@nestjs/common';
import { AccountsModule } from '@clockwork/server-accounts';
import { ContactsModule } from '@clockwork/server-contacts';
import { CustomFieldsModule } from '@clockwork/server-custom-fields';
import { DealsModule } from '@clockwork/server-deals';
import { TasksModule } from '@clockwork/server-tasks';
import { BulkEditBatchService } from './bulk-edit-batch.service';
import { BulkEditRecordsRepository } from './bulk-edit-records.repository';
import { BulkEditsController } from './bulk-edits.controller';
import { BulkEditsRepository } from './bulk-edits.repository';
import { BulkEditsService } from './bulk-edits.service';

/** Bulk edits of accounts, contacts, deals and tasks, through each record service's own update. */
@Module({
  imports: [AccountsModule, ContactsModule, DealsModule, TasksModule, CustomFieldsModule],
  controllers: [BulkEditsController],
  providers: [BulkEditsService, BulkEditBatchService, BulkEditRecordsRepository, BulkEditsRepository],
  exports: [BulkEditsService],
})
export class BulkEditsModule {}
