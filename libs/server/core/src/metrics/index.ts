// Metrics: the Prometheus registry, its module and the metrics server.
export * from './metrics.service';
export * from './metrics.module';
export * from './metrics-server.service';
