import { DynamicModule, Module } from '@nestjs/common';
import { ContextModule } from './auth/context.module';
import { ConfigModule } from './config/config.module';
import { CryptoModule } from './crypto/crypto.module';
import { ChangeFeedModule } from './database/change-feed.module';
import { DatabaseModule } from './database/database.module';
import { ReadReplicasModule } from './database/read-replicas.module';
import { LoggingModule } from './logging/logging.module';
import { MetricsEndpointModule, MetricsModule } from './metrics/metrics.module';
import { OutboxModule } from './outbox/outbox.module';
import { RecordsModule } from './records/records.module';
import { JobGateModule } from './redis/job-gate.guard';
import { QueueModule } from './redis/queue.module';
import { RedisModule } from './redis/redis.module';

export type ProcessRole = 'api' | 'worker';

/** The platform every process stands on: config, field encryption, logs, metrics, PostgreSQL (and its read replicas), Redis, Bull, outbox, record writes. */
@Module({})
export class CoreModule {
  static forRoot(role: ProcessRole): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        ConfigModule,
        CryptoModule,
        LoggingModule.forRoot(role),
        ContextModule,
        DatabaseModule.forRoot(role),
        ChangeFeedModule,
        RedisModule,
        QueueModule,
        JobGateModule,
        OutboxModule,
        RecordsModule,
        MetricsModule,
        ReadReplicasModule,
        ...(role === 'api' ? [MetricsEndpointModule] : []),
      ],
    };
  }
}
