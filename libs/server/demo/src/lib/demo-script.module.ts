import { Module } from '@nestjs/common';
import { AuthModule } from '@clockwork/server-auth';
import { CoreModule } from '@clockwork/server-core';
import { DemoDataModule } from './demo-data.module';

/** What `npm run demo` boots (no HTTP server): the platform, sign-up, and the sample data's services. */
@Module({
  imports: [CoreModule.forRoot('api'), AuthModule, DemoDataModule],
})
export class DemoScriptModule {}
