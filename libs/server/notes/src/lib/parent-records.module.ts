import { Module } from '@nestjs/common';
import { ParentRecords } from './parent-records.service';

/** ParentRecords for every module whose records hang off an account, contact, deal or task. */
@Module({
  providers: [ParentRecords],
  exports: [ParentRecords],
})
export class ParentRecordsModule {}
