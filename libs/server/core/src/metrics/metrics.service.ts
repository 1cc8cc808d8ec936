import { Injectable } from '@nestjs/common';
import { QUEUES } from '@clockwork/shared-jobs';
import type Redis from 'ioredis';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { Env } from '../config/environment.config';
import { InjectRedis } from '../redis/redis.module';
import { queueCounts } from '../redis/queue-stats.service';

/**
 * The process's Prometheus instruments, one registry per app (tests run several apps in one
 * process). Domain code increments the counters; queue depth is read from Redis at scrape time.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'clockwork_http_request_duration_seconds',
    help: 'HTTP request latency by method, route pattern and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly httpShed = new Counter({
    name: 'clockwork_http_shed_total',
    help: 'Requests answered 503 at once because the process already held HTTP_MAX_IN_FLIGHT requests',
    registers: [this.registry],
  });

  readonly timeEntriesIngested = new Counter({
    name: 'clockwork_time_entries_ingested_total',
    help: 'Time entries received, by outcome (created, updated, existing, counted, invalid)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly webhookDeliveries = new Counter({
    name: 'clockwork_webhook_deliveries_total',
    help: 'Outbound webhook delivery attempts, by outcome (succeeded, retrying, failed, disabled)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly jobsRefused = new Counter({
    name: 'clockwork_jobs_refused_total',
    help: 'Bull jobs the worker failed without running, by queue and reason (invalid_payload, unknown_organization)',
    labelNames: ['queue', 'reason'] as const,
    registers: [this.registry],
  });

  readonly relayPasses = new Counter({
    name: 'clockwork_relay_passes_total',
    help: 'Passes of the polling relays (outbox, webhook_deliveries, sync_push), by relay and outcome (relayed, idle, full, failed)',
    labelNames: ['relay', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly relayedRows = new Counter({
    name: 'clockwork_relayed_rows_total',
    help: 'Rows the polling relays handed to Bull (events, webhook deliveries, sync pushes), by relay',
    labelNames: ['relay'] as const,
    registers: [this.registry],
  });

  readonly replicaReads = new Counter({
    name: 'clockwork_replica_reads_total',
    help: 'Reads that may use a read replica (reports, exports, search), by where they ran (replica, primary)',
    labelNames: ['target'] as const,
    registers: [this.registry],
  });

  readonly replicaSkips = new Counter({
    name: 'clockwork_replica_skipped_total',
    help: 'Times a read replica was passed over, by replica (its host:port) and reason (down, lagging, behind_write, failed)',
    labelNames: ['replica', 'reason'] as const,
    registers: [this.registry],
  });

  readonly replicaLag = new Gauge({
    name: 'clockwork_replica_lag_seconds',
    help: 'Replay lag of each read replica at its last probe (-1: down)',
    labelNames: ['replica'] as const,
    registers: [this.registry],
  });

  constructor(
    env: Env,
    @InjectRedis() redis: Redis,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'clockwork_' });
    const jobs = new Gauge({
      name: 'clockwork_queue_jobs',
      help: 'Bull jobs per queue and state (waiting, active, delayed, failed)',
      labelNames: ['queue', 'state'] as const,
      registers: [this.registry],
      async collect() {
        const counts = await queueCounts(redis, env.QUEUE_PREFIX, Object.values(QUEUES)).catch(() => null);
        this.reset();
        if (!counts) return;
        for (const [queue, states] of Object.entries(counts)) {
          for (const [state, value] of Object.entries(states)) this.set({ queue, state }, value);
        }
      },
    });
    void jobs;
  }
}
