// The HTTP limit of the read side (http-limit.handlers.ts), served by a process of its own.
// FRAMEWORK picks what serves it, so the bench can tell the framework's share of the api's cost
// from the product's:
//   node          (default) a bare node:http server: nothing around the work;
//   nest-express  the same work as the routes of a NestJS app on Express, the api's platform,
//                 with Nest's defaults (no guard, pipe, interceptor or middleware of the api's);
//   nest-fastify  the same NestJS app on Fastify.
//   PORT=… DATABASE_URL=… JWT_SECRET=… ENCRYPTION_KEYS=… [FRAMEWORK=…] node -r ./tools/register.js tools/bench/limits/http-limit.server.ts
import 'reflect-metadata';
import http from 'node:http';
import { Controller, Get, HttpException, Module, Req, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { answerSafely, env, pool } from './http-limit.handlers';
import { LIMIT_LISTS } from './http-limit.lists';

export const FRAMEWORKS = ['node', 'nest-express', 'nest-fastify'] as const;
export type Framework = (typeof FRAMEWORKS)[number];

const ROUTES = ['/api/v1/users/me', ...Object.keys(LIMIT_LISTS)];

function serveBare(port: number): () => Promise<void> {
  const send = (res: http.ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://limit');
    if (url.pathname === '/health') return send(res, 200, { status: 'ok' });
    void answerSafely(url.pathname, url.searchParams, req.headers.authorization).then((a) => send(res, a.status, a.body));
  });
  server.keepAliveTimeout = 65_000;
  server.listen(port, '127.0.0.1', () => process.stdout.write(`http limit (node) listening on ${port}\n`));
  return () => new Promise((resolve) => server.close(() => resolve()));
}

@Controller()
class HealthController {
  @Get('health')
  health() {
    return { status: 'ok' };
  }
}

@Controller()
class LimitController {
  @Get(ROUTES.map((r) => r.slice(1)))
  async get(@Req() req: { url: string; headers: http.IncomingHttpHeaders }): Promise<unknown> {
    const url = new URL(req.url, 'http://limit');
    const a = await answerSafely(url.pathname, url.searchParams, req.headers.authorization);
    if (a.status !== 200) throw new HttpException(a.body as Record<string, unknown>, a.status);
    return a.body;
  }
}

@Module({ controllers: [HealthController, LimitController] })
class LimitModule {}

async function serveNest(framework: Framework, port: number): Promise<() => Promise<void>> {
  let app: INestApplication;
  if (framework === 'nest-fastify') {
    // Loaded only here: the api does not use Fastify.
    const { FastifyAdapter } = await import('@nestjs/platform-fastify');
    app = await NestFactory.create(LimitModule, new FastifyAdapter(), { logger: false });
  } else {
    app = await NestFactory.create(LimitModule, { logger: false });
    // As the api: no ETag hashed from every body.
    (app.getHttpAdapter().getInstance() as { set(name: string, value: unknown): void }).set('etag', false);
  }
  await app.listen(port, '127.0.0.1');
  process.stdout.write(`http limit (${framework}) listening on ${port}\n`);
  return () => app.close();
}

async function main(): Promise<void> {
  const framework = (process.env.FRAMEWORK ?? 'node') as Framework;
  if (!FRAMEWORKS.includes(framework)) throw new Error(`FRAMEWORK must be one of ${FRAMEWORKS.join(', ')}`);
  const port = Number(env('PORT'));
  const close = framework === 'node' ? serveBare(port) : await serveNest(framework, port);
  const stop = () => void close().finally(() => void pool.end().finally(() => process.exit(0)));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((e: Error) => {
  process.stderr.write(`${e.stack ?? e.message}\n`);
  process.exit(1);
});
