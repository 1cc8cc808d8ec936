import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { Env } from '@clockwork/server-core';
import { ParentRecordsModule } from '@clockwork/server-notes';
import { AttachmentsController } from './attachments.controller';
import { AttachmentsRepository } from './attachments.repository';
import { AttachmentsService } from './attachments.service';
import { StoredFileDeletionsRepository } from './cleanup/stored-file-deletions.repository';
import { createFileStorage } from './storage/create-file-storage';
import { FileStorage } from './storage/file-storage';
import { uploadOptions } from './upload.options';

@Module({
  imports: [ParentRecordsModule, MulterModule.registerAsync({ inject: [Env], useFactory: uploadOptions })],
  controllers: [AttachmentsController],
  providers: [AttachmentsService, AttachmentsRepository, StoredFileDeletionsRepository, { provide: FileStorage, inject: [Env], useFactory: createFileStorage }],
  exports: [AttachmentsService, AttachmentsRepository, StoredFileDeletionsRepository, FileStorage],
})
export class AttachmentsModule {}
