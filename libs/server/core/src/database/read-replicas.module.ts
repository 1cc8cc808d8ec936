import { Global, Module } from '@nestjs/common';
import { ReadAfterWriteInterceptor } from './read-after-write.interceptor';
import { ReadReplicas } from './read-replicas.store';

/**
 * ReadReplicas for the repositories that may read from a replica, and the read-after-write
 * interceptor, which the api's configureHttpApp installs only when replicas are configured (an
 * interceptor makes Nest build its rxjs interceptor chain on every request).
 */
@Global()
@Module({
  providers: [ReadReplicas, ReadAfterWriteInterceptor],
  exports: [ReadReplicas, ReadAfterWriteInterceptor],
})
export class ReadReplicasModule {}
