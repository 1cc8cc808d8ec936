import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { StorageModule } from '@clockwork/server-core';
import { QUEUES } from '@clockwork/shared-jobs';
import { StoredFileCleanupHandler } from './cleanup/stored-file-cleanup.handler';
import { StoredFileCleanupProcessor } from './cleanup/stored-file-cleanup.processor';
import { StoredFileCleanup } from './cleanup/stored-file-cleanup.service';
import { StoredFileDeletionsRepository } from './cleanup/stored-file-deletions.repository';

/** The worker side of attachments: removing the stored files of deleted attachments (stored-files queue). */
@Module({
  imports: [StorageModule, BullModule.registerQueue({ name: QUEUES.storedFiles })],
  providers: [StoredFileCleanupHandler, StoredFileCleanupProcessor, StoredFileCleanup, StoredFileDeletionsRepository],
  exports: [StoredFileCleanup],
})
export class AttachmentsWorkerModule {}
