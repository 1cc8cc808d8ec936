import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { QUEUES } from '@clockwork/shared-jobs';
import { ImportBatchService } from './import-batch.service';
import { ImportChunksRepository } from './import-chunks.repository';
import { ImportCreatedHandler } from './import-created.handler';
import { ImportJobsRepository } from './import-jobs.repository';
import { ImportRecordsRepository } from './import-records.repository';
import { ImportRunner } from './import-runner.service';
import { ImportsProcessor } from './imports.processor';

/** The worker side of CSV imports: `import.created` -> imports queue -> ImportRunner. */
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.imports })],
  providers: [ImportCreatedHandler, ImportsProcessor, ImportRunner, ImportJobsRepository, ImportChunksRepository, ImportBatchService, ImportRecordsRepository],
  exports: [ImportRunner],
})
export class ImportsWorkerModule {}
