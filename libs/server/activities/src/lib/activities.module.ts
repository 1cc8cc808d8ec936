import { Module } from '@nestjs/common';
import { ParentRecordsModule } from '@clockwork/server-notes';
import { TimelineModule, TimelineSources } from '@clockwork/server-timeline';
import { ActivitiesController } from './activities.controller';
import { ActivitiesRepository } from './activities.repository';
import { ActivitiesService } from './activities.service';
import { ActivityReportController } from './activity-report.controller';
import { activitySource } from './activity-timeline.source';

@Module({
  imports: [ParentRecordsModule, TimelineModule],
  controllers: [ActivitiesController, ActivityReportController],
  providers: [ActivitiesService, ActivitiesRepository],
  exports: [ActivitiesService],
})
export class ActivitiesModule {
  /** Calls and meetings show on account and contact timelines. */
  constructor(sources: TimelineSources) {
    sources.register(activitySource);
  }
}
