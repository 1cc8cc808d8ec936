import { Module } from '@nestjs/common';
import { Env } from '../config/environment.config';
import { createFileStorage } from './file-storage.builder';
import { FileStorage } from './file.storage';

/** File storage (attachments, report exports, personal-data copies): the FileStorage that STORAGE_DRIVER names. */
@Module({
  providers: [{ provide: FileStorage, inject: [Env], useFactory: createFileStorage }],
  exports: [FileStorage],
})
export class StorageModule {}
