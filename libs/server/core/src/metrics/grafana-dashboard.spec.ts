import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Env } from '../config/environment.config';
import { Metrics } from './metrics.service';

const dashboard = JSON.parse(readFileSync(join(__dirname, '../../../../../docker/grafana/dashboards/clockwork.json'), 'utf8'));

describe('docker/grafana/dashboards/clockwork.json', () => {
  it('only queries metrics the product exports', async () => {
    const metrics = new Metrics(new Env(), { pipeline: () => ({ exec: async () => [] }) } as never);
    const exported = new Set((await metrics.registry.getMetricsAsJSON()).map((m) => m.name));
    const names = dashboard.panels.flatMap((p: { targets: { expr: string }[] }) => p.targets.flatMap((t) => t.expr.match(/clockwork_[a-z_]+/g) ?? []));
    expect(names.length).toBeGreaterThan(5);
    for (const name of names) expect([...exported].some((e) => name === e || name.replace(/_(bucket|count|sum)$/, '') === e)).toBe(true);
  });
});
