import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Metrics } from './metrics.service';
import { Counter, Registry } from 'prom-client';
import { startMetricsServer } from './metrics-server.service';

describe('startMetricsServer', () => {
  const registry = new Registry();
  const deliveries = new Counter({ name: 'clockwork_webhook_deliveries_total', help: 'x', labelNames: ['outcome'], registers: [registry] });
  let server: Server;
  afterEach(() => new Promise((r) => server.close(r)));

  const base = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  it('serves the registry at GET /metrics and nothing else', async () => {
    deliveries.inc({ outcome: 'succeeded' }, 3);
    server = await startMetricsServer({ registry } as unknown as Metrics, 0, '', '127.0.0.1');
    const res = await fetch(`${base()}/metrics`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('clockwork_webhook_deliveries_total{outcome="succeeded"} 3');
    expect((await fetch(`${base()}/other`)).status).toBe(404);
  });

  it('asks for the bearer token when one is set', async () => {
    server = await startMetricsServer({ registry } as unknown as Metrics, 0, 'tok', '127.0.0.1');
    expect((await fetch(`${base()}/metrics`)).status).toBe(401);
    expect((await fetch(`${base()}/metrics`, { headers: { authorization: 'Bearer tok' } })).status).toBe(200);
  });
});
