import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { Env } from '../config/environment.config';

/** Bull's shared Redis settings; queues are registered by the modules that use them. */
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [Env],
      useFactory: (env: Env) => ({ url: env.REDIS_URL, prefix: env.QUEUE_PREFIX }),
    }),
  ],
})
export class QueueModule {}
