import { createServer, type Server } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { Metrics } from './metrics.service';

const authorized = (given: string | undefined, token: string): boolean => {
  if (!token) return true;
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(`Bearer ${token}`);
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * A process without an HTTP app (the worker) serves its metrics on a port of its own:
 * `GET /metrics` only, behind `Bearer <token>` when a token is set (always in production, see
 * loadEnv), on loopback unless another address is given. Resolves once listening.
 */
export function startMetricsServer(metrics: Metrics, port: number, token = '', host = '127.0.0.1'): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found: only GET /metrics is served here\n');
      return;
    }
    if (!authorized(req.headers.authorization, token)) {
      res.writeHead(401, { 'Content-Type': 'text/plain' }).end('GET /metrics needs Authorization: Bearer <METRICS_TOKEN>\n');
      return;
    }
    metrics.registry.metrics().then(
      (body) => res.writeHead(200, { 'Content-Type': metrics.registry.contentType }).end(body),
      (error: Error) => res.writeHead(500, { 'Content-Type': 'text/plain' }).end(`${error.message}\n`),
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
