import { Module } from '@nestjs/common';
import { AccountsModule } from '@clockwork/server-accounts';
import { BillingModule } from '@clockwork/server-billing';
import { ContactsModule } from '@clockwork/server-contacts';
import { DealsModule } from '@clockwork/server-deals';
import { TasksModule } from '@clockwork/server-tasks';
import { TimeEntriesModule } from '@clockwork/server-time-entries';
import { UsersModule } from '@clockwork/server-users';
import { DemoDataController } from './demo-data.controller';
import { DemoDataRepository } from './demo-data.repository';
import { DemoDataService } from './demo-data.service';
import { DemoRecordsLoader } from './demo-records.loader';
import { DemoTimeLoader } from './demo-time.loader';

/** The sample data set, loaded through the domain services by `POST /demo-data` and `npm run demo`. */
@Module({
  imports: [UsersModule, AccountsModule, ContactsModule, DealsModule, TasksModule, TimeEntriesModule, BillingModule],
  controllers: [DemoDataController],
  providers: [DemoDataService, DemoDataRepository, DemoRecordsLoader, DemoTimeLoader],
  exports: [DemoDataService],
})
export class DemoDataModule {}
