import { Module } from '@nestjs/common';
import { NotesController } from './notes.controller';
import { NotesRepository } from './notes.repository';
import { NotesService } from './notes.service';
import { ParentRecordsModule } from './parent-records.module';

@Module({
  imports: [ParentRecordsModule],
  controllers: [NotesController],
  providers: [NotesService, NotesRepository],
  exports: [NotesService, NotesRepository, ParentRecordsModule],
})
export class NotesModule {}
