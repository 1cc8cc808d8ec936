import { getQueueToken } from '@nestjs/bull';
import { Metrics, startMetricsServer } from '@clockwork/server-core';
import { QUEUES, RETENTION_JOB } from '@clockwork/shared-jobs';
import type { Queue } from 'bull';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { collectDefaultMetrics, Registry } from 'prom-client';
import request from 'supertest';
import { requestExport } from '../support/domains/report-exports.domain';
import { timeEntryBody } from '../support/domains/time-entries.domain';
import { waitFor } from '../support/wait-for';
import { WebhookReceiver } from '../support/webhook-receiver';
import { WebhookStack } from '../support/webhook-stack';

/**
 * The instruments the Metrics service declares itself (its registry minus prom-client's default
 * process metrics), read from the code: a metric added there is checked here without an edit.
 */
async function declaredMetricNames(metrics: Metrics): Promise<string[]> {
  const defaults = new Registry();
  collectDefaultMetrics({ register: defaults, prefix: 'clockwork_' });
  const builtIn = new Set((await defaults.getMetricsAsJSON()).map((m) => m.name));
  return (await metrics.registry.getMetricsAsJSON()).map((m) => m.name).filter((name) => !builtIn.has(name));
}

/** The largest sample of `name` in a Prometheus text scrape (a histogram's _count), or undefined when absent. */
function largestSample(scrape: string, name: string): number | undefined {
  const values = scrape
    .split('\n')
    .filter((line) => !line.startsWith('#'))
    .map((line) => /^(\S+?)(\{.*\})? (\S+)$/.exec(line))
    .filter((m): m is RegExpExecArray => !!m && (m[1] === name || m[1] === `${name}_count`))
    .map((m) => Number(m[3]));
  return values.length ? Math.max(...values) : undefined;
}

/** Instruments that move only with a part this run does not start, and the file that moves and checks them. */
const PROVEN_ELSEWHERE: Record<string, string> = {
  clockwork_replica_skipped_total: 'platform/read-replica.spec.ts (a stopped and a lagging streaming replica)',
  clockwork_replica_lag_seconds: 'platform/read-replica.spec.ts (a replica whose replay is paused)',
  clockwork_http_shed_total: 'platform/load-shedding.spec.ts (requests past HTTP_MAX_IN_FLIGHT, counted exactly)',
};

describe('declared metrics (every instrument of the Metrics service moves in a real run)', () => {
  let stack: WebhookStack;
  let receiver: WebhookReceiver;
  let workerMetrics: Server | undefined;

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    // The worker starts later: a report export waits in its queue meanwhile.
    stack = await WebhookStack.start({}, { worker: false });
  });
  afterAll(async () => {
    await new Promise((resolve) => (workerMetrics ? workerMetrics.close(resolve) : resolve(undefined)));
    await stack?.close();
    await receiver?.close();
  });

  it('HTTP, ingestion, queue depth and webhook deliveries each leave a non-zero sample on the api or the worker', async () => {
    // Webhook: the first attempt fails (retried), the second succeeds.
    receiver.answerWith((n) => (n === 1 ? { status: 503 } : { status: 200, body: 'ok' }));
    const subscription = await stack.subscribe(receiver.url, ['account.created']);
    // Ingestion over HTTP.
    await stack.http().post('/api/v1/time-entries').set(stack.auth).send(timeEntryBody({ external_id: `metrics-${Date.now()}` })).expect(201);
    // Queue depth: an export waits while no worker runs.
    const exportId = await requestExport(stack.api, stack.admin.accessToken);
    const apiBefore = (await stack.http().get('/metrics').expect(200)).text;

    const worker = await stack.startWorker();
    await stack.createAccount('Metrics Ltd');
    await waitFor('the webhook delivered after one retry', async () => {
      const [delivery] = await stack.deliveries(subscription.id);
      return delivery?.state === 'succeeded' ? delivery : undefined;
    });
    await waitFor('the export processed by the worker', async () => {
      const body = (await stack.http().get(`/api/v1/reports/exports/${exportId}`).set(stack.auth).expect(200)).body;
      return body.status === 'done' ? body : undefined;
    });

    // The job gate: a job whose payload the worker refuses (a field no retention run takes).
    const retention = worker.get<Queue>(getQueueToken(QUEUES.retention), { strict: false });
    const forged = await retention.add(RETENTION_JOB, { organizationId: stack.admin.organizationId, includeTombstones: true }, { attempts: 1 });
    await waitFor('the forged job refused by the worker', async () => ((await forged.getState()) === 'failed' ? true : undefined));

    workerMetrics = await startMetricsServer(worker.get(Metrics), 0, '', '127.0.0.1');
    const workerScrape = (await request(`http://127.0.0.1:${(workerMetrics.address() as AddressInfo).port}`).get('/metrics').expect(200)).text;
    const apiScrape = (await stack.http().get('/metrics').expect(200)).text;

    expect(largestSample(workerScrape, 'clockwork_webhook_deliveries_total')).toBeGreaterThan(0);
    expect(workerScrape).toMatch(/^clockwork_webhook_deliveries_total\{outcome="retrying"\} 1$/m);
    expect(workerScrape).toMatch(/^clockwork_webhook_deliveries_total\{outcome="succeeded"\} 1$/m);
    expect(workerScrape).toMatch(/^clockwork_jobs_refused_total\{queue="retention",reason="[a-z_]+"\} 1$/m);

    const declared = await declaredMetricNames(stack.api.get(Metrics));
    expect(declared).toEqual(expect.arrayContaining(['clockwork_http_request_duration_seconds', 'clockwork_time_entries_ingested_total', 'clockwork_webhook_deliveries_total', 'clockwork_queue_jobs']));
    const still = declared.filter((name) => !PROVEN_ELSEWHERE[name] && ![apiBefore, apiScrape, workerScrape].some((scrape) => (largestSample(scrape, name) ?? 0) > 0));
    expect(still).toEqual([]);
  });
});
