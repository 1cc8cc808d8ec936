import { Global, Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller';
import { Metrics } from './metrics.service';

/** Prometheus metrics: the Metrics instruments for every module, and GET /metrics (api only). */
@Global()
@Module({ providers: [Metrics], exports: [Metrics] })
export class MetricsModule {}

@Module({ controllers: [MetricsController] })
export class MetricsEndpointModule {}
