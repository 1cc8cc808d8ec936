import { Module } from '@nestjs/common';
import { TimelineController } from './timeline.controller';
import { TimelineRepository } from './timeline.repository';
import { TimelineService } from './timeline.service';
import { TimelineSources } from './timeline-sources.registry';

@Module({
  controllers: [TimelineController],
  providers: [TimelineService, TimelineRepository, TimelineSources],
  exports: [TimelineService, TimelineSources],
})
export class TimelineModule {}
