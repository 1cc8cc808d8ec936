import { Module } from '@nestjs/common';
import { CoreModule, OutboxRelayModule } from '@clockwork/server-core';
import { ImportsWorkerModule } from '@clockwork/server-imports';

/** The worker: Bull processors exported by the domain libs, and the outbox relay. */
@Module({
  imports: [CoreModule.forRoot('worker'), OutboxRelayModule, ImportsWorkerModule],
})
export class WorkerModule {}
