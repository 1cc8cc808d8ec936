import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { WebhookDeliveryDto } from '@clockwork/shared-dto';
import request from 'supertest';
import { createApiApp } from './api-app';
import { signup, SignedUp } from './org-fixture';
import { createMigratedDatabase, dropDatabase } from './test-database';
import { createWorkerApp } from './worker-app';

/** Settings that make deliveries fast to test: private targets allowed, a short retry schedule. */
export const FAST_WEBHOOKS: Record<string, string> = {
  WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
  WEBHOOK_RETRY_SCHEDULE: '200ms,400ms,800ms',
  WEBHOOK_POLL_MS: '100',
  WEBHOOK_TIMEOUT_MS: '3000',
  OUTBOX_POLL_MS: '50',
  OUTBOX_REDISPATCH_SECONDS: '5',
};

/** Subscribes `url` to `events` through an api process at `apiUrl` (a forked app, not an in-process one); returns the HTTP status. */
export async function subscribeOverHttp(apiUrl: string, accessToken: string, url: string, events: string[]): Promise<number> {
  const res = await fetch(`${apiUrl}/api/v1/webhooks/subscriptions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${accessToken}` },
    body: JSON.stringify({ url, events }),
  });
  return res.status;
}

/**
 * The api and the worker on a database (and Bull prefix) of their own, so no worker of another
 * test file sends these deliveries with other settings, and these workers send no one else's.
 */
export class WebhookStack {
  api!: INestApplication;
  worker: INestApplicationContext | undefined;
  admin!: SignedUp;

  private constructor(
    readonly database: { name: string; url: string },
    readonly env: Record<string, string>,
  ) {}

  static async start(env: Record<string, string> = {}, options: { database?: { name: string; url: string }; worker?: boolean } = {}): Promise<WebhookStack> {
    const database = options.database ?? (await createMigratedDatabase('ck_webhooks'));
    const stack = new WebhookStack(database, { ...FAST_WEBHOOKS, DATABASE_URL: database.url, QUEUE_PREFIX: `ck-wh-${randomBytes(4).toString('hex')}`, ...env });
    stack.api = await createApiApp(stack.env);
    if (options.worker !== false) await stack.startWorker();
    stack.admin = await signup(stack.api, 'Webhook Org');
    return stack;
  }

  /** A new api process on the same database (one api app at a time per test process). */
  async restartApi(env: Record<string, string> = {}): Promise<void> {
    await this.api.close();
    this.api = await createApiApp({ ...this.env, ...env });
  }

  async startWorker(env: Record<string, string> = {}): Promise<INestApplicationContext> {
    this.worker = await createWorkerApp({ ...this.env, ...env });
    return this.worker;
  }

  async stopWorker(): Promise<void> {
    await this.worker?.close();
    this.worker = undefined;
  }

  http() {
    return request(this.api.getHttpServer());
  }

  get auth() {
    return { Authorization: `Bearer ${this.admin.accessToken}` };
  }

  /** Subscribes a URL; returns the created subscription (with its secret). */
  async subscribe(url: string, events: string[], extra: Record<string, unknown> = {}): Promise<{ id: string; secret: string; [k: string]: unknown }> {
    return (await this.http().post('/api/v1/webhooks/subscriptions').set(this.auth).send({ url, events, ...extra }).expect(201)).body;
  }

  async deliveries(subscriptionId: string, query = ''): Promise<WebhookDeliveryDto[]> {
    return (await this.http().get(`/api/v1/webhooks/subscriptions/${subscriptionId}/deliveries${query}`).set(this.auth).expect(200)).body.data;
  }

  async createAccount(name: string): Promise<string> {
    return (await this.http().post('/api/v1/accounts').set(this.auth).send({ name }).expect(201)).body.id;
  }

  async close(options: { keepDatabase?: boolean } = {}): Promise<void> {
    await this.stopWorker();
    await this.api?.close();
    if (!options.keepDatabase) await dropDatabase(this.database.name);
  }
}
