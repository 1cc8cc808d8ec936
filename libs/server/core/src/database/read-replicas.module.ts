import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { ReadAfterWriteInterceptor } from './read-after-write.interceptor';
import { ReadReplicas } from './read-replicas.store';

/** ReadReplicas for the repositories that may read from a replica, and the read-after-write interceptor of the api. */
@Global()
@Module({
  providers: [ReadReplicas, { provide: APP_INTERCEPTOR, useClass: ReadAfterWriteInterceptor }],
  exports: [ReadReplicas],
})
export class ReadReplicasModule {}
