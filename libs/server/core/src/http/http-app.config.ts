import { INestApplication, RequestMethod } from '@nestjs/common';
import { SwaggerModule } from '@nestjs/swagger';
import { json, raw } from 'body-parser';
import type { Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { Env } from '../config/environment.config';
import { ReadAfterWriteInterceptor } from '../database/read-after-write.interceptor';
import { ReadReplicas } from '../database/read-replicas.store';
import { HttpExceptionFilter } from '../errors/http-exception.filter';
import { initErrorReporting } from '../errors/error-reporting.service';
import { createValidationPipe } from '../errors/validation.pipe';
import { BearerPrecheck, InboundMailPrecheck, precheckThen, SignedWebhookPrecheck } from './body-precheck.middleware';
import { concurrencyGate } from './concurrency-gate.middleware';
import { loadShedding } from './load-shedding.middleware';
import { buildOpenApiDocument } from './openapi.builder';
import { httpMetrics } from '../metrics/http-metrics.middleware';
import { Metrics } from '../metrics/metrics.service';

export const API_PREFIX = 'api/v1';

/** The route prefix, shared with the OpenAPI export so both see the same paths. */
export function setApiPrefix(app: INestApplication): INestApplication {
  // Bull Board (/admin/queues, operators of QUEUE_BOARD_USERS only) lives outside the API too.
  const board = ['admin/queues', 'admin/queues/{*path}'].map((path) => ({ path, method: RequestMethod.ALL }));
  return app.setGlobalPrefix(API_PREFIX, { exclude: [{ path: 'metrics', method: RequestMethod.GET }, ...board] });
}

/**
 * Everything main.ts does to the HTTP app, shared with the e2e tests and the OpenAPI export
 * so that what is tested and documented is what runs.
 */
export function configureHttpApp(app: INestApplication, options: { logger?: boolean } = {}): INestApplication {
  const env = app.get(Env);
  initErrorReporting(env.SENTRY_DSN, env.NODE_ENV, 'api');
  if (options.logger !== false) app.useLogger(app.get(Logger));
  const express = app.getHttpAdapter().getInstance() as { set(name: string, value: unknown): void };
  express.set('trust proxy', trustProxy(env.TRUST_PROXY));
  // No ETag hashed from every response body: versioned records set theirs from the version
  // (withEtag), and Express still answers If-None-Match on those with a 304.
  express.set('etag', false);
  const metrics = app.get(Metrics);
  app.use(httpMetrics(metrics));
  // First after the metrics (a refusal is counted as a 503): an overload is refused before any work.
  app.use(loadShedding(env.HTTP_MAX_IN_FLIGHT, () => metrics.httpShed.inc()));
  app.use(helmet());
  app.enableCors({ origin: env.CORS_ORIGINS.split(',').map((o) => o.trim()), credentials: false });
  setApiPrefix(app);
  // A time-entry batch carries up to 5,000 entries (~2 MB); every other body keeps the 100 kB
  // default. Wrapped: Nest skips its own JSON parser when a middleware named jsonParser is mounted.
  // Both large-body routes check the caller from the headers before reading a byte of the body.
  const batchJson = json({ limit: '8mb' });
  // Checked caller first, then its turn (TIME_ENTRY_BATCH_CONCURRENCY batches parsed at once; the
  // others wait with their bodies unread), then the body.
  const batchTurn = concurrencyGate(env.TIME_ENTRY_BATCH_CONCURRENCY);
  app.use(
    `/${API_PREFIX}/time-entries/batch`,
    precheckThen(app.get(BearerPrecheck, { strict: false }), (req, res, next) => batchTurn(req as Request, res as Response, () => batchJson(req, res, next))),
  );
  // A bulk edit names up to 10,000 record ids (~400 kB): 1 MB, the caller checked first likewise.
  const bulkEditJson = json({ limit: '1mb' });
  app.use(`/${API_PREFIX}/bulk-edits`, precheckThen(app.get(BearerPrecheck, { strict: false }), (req, res, next) => bulkEditJson(req, res, next)));
  // Signed webhooks are verified over the exact bytes sent: their route gets the raw body (a
  // Buffer, whatever the Content-Type) and Nest's JSON parser skips it (the body is read already).
  const webhookRaw = raw({ type: () => true, limit: '8mb' });
  app.use(`/${API_PREFIX}/webhooks/crm-event`, precheckThen(app.get(SignedWebhookPrecheck, { strict: false }), (req, res, next) => webhookRaw(req, res, next)));
  // Inbound mail (email logging) is signed the same way; an email with its attachments, base64, fits in 8 MB too.
  app.use(`/${API_PREFIX}/email-log/inbound`, precheckThen(app.get(InboundMailPrecheck, { strict: false }), (req, res, next) => webhookRaw(req, res, next)));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter());
  // Read-after-write on replicas: without DATABASE_REPLICA_URLS no interceptor at all, so Nest
  // builds no interceptor chain (rxjs, async resources) for each request.
  if (app.get(ReadReplicas).enabled) app.useGlobalInterceptors(app.get(ReadAfterWriteInterceptor));
  if (env.SWAGGER_ENABLED) {
    SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), { jsonDocumentUrl: 'api/docs-json' });
  }
  return app;
}


/** TRUST_PROXY as Express wants it: a boolean, a hop count, or the list of trusted subnets. */
export function trustProxy(value: string): boolean | number | string[] {
  if (value === 'false' || value === 'true') return value === 'true';
  if (/^\d+$/.test(value)) return Number(value);
  return value.split(',').map((v) => v.trim()).filter(Boolean);
}
