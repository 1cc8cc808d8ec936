import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { Env } from '@clockwork/server-core';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImportBatchService } from './import-batch.service';
import { ImportChunksRepository } from './import-chunks.repository';
import { ImportRecordsRepository } from './import-records.repository';
import { ImportsController } from './imports.controller';
import { ImportsRepository } from './imports.repository';
import { ImportsService } from './imports.service';

/**
 * The api side of CSV imports: upload (stored in PostgreSQL for the worker), dry run, progress.
 * Uploads are spooled to a temporary file (never held in memory) up to IMPORT_MAX_BYTES.
 */
@Module({
  imports: [
    MulterModule.registerAsync({
      inject: [Env],
      useFactory: (env: Env) => ({
        dest: join(tmpdir(), 'clockwork-imports'),
        limits: { fileSize: env.IMPORT_MAX_BYTES, files: 1, fields: 10, fieldSize: 1024 * 1024 },
      }),
    }),
  ],
  controllers: [ImportsController],
  providers: [ImportsService, ImportsRepository, ImportChunksRepository, ImportBatchService, ImportRecordsRepository],
  exports: [ImportsService],
})
export class ImportsModule {}
