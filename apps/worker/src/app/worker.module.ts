import { Module } from '@nestjs/common';
import { CoreModule, OutboxRelayModule } from '@clockwork/server-core';

/** The worker: Bull processors exported by the domain libs, and the outbox relay. */
@Module({
  imports: [CoreModule.forRoot('worker'), OutboxRelayModule],
})
export class WorkerModule {}
