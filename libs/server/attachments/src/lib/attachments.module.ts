import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { Env, StorageModule } from '@clockwork/server-core';
import { ParentRecordsModule } from '@clockwork/server-notes';
import { AttachmentsController } from './attachments.controller';
import { AttachmentsRepository } from './attachments.repository';
import { AttachmentsService } from './attachments.service';
import { StoredFileDeletionsRepository } from './cleanup/stored-file-deletions.repository';
import { uploadOptions } from './upload.config';

@Module({
  imports: [StorageModule, ParentRecordsModule, MulterModule.registerAsync({ inject: [Env], useFactory: uploadOptions })],
  controllers: [AttachmentsController],
  providers: [AttachmentsService, AttachmentsRepository, StoredFileDeletionsRepository],
  exports: [AttachmentsService, AttachmentsRepository, StoredFileDeletionsRepository],
})
export class AttachmentsModule {}
