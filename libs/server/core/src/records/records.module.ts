import { Global, Module } from '@nestjs/common';
import { RecordWriter } from './record.writer';

/** Lets any domain service write records with their audit rows and events (RecordWriter). */
@Global()
@Module({ providers: [RecordWriter], exports: [RecordWriter] })
export class RecordsModule {}
