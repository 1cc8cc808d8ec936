import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedPush {
  method: string;
  path: string;
  webhookId: string;
  verified: boolean;
  status: number;
  body: Record<string, unknown> | null;
}

export interface StoredItem {
  remoteId: string;
  updatedAt: string;
  body: Record<string, unknown>;
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

/**
 * A stand-in for the productivity platform on 127.0.0.1: it takes the CRM's
 * `PUT /tasks/{crm id}` and `PUT /projects/{crm id}`, verifies each with the reference
 * `standardwebhooks` library (401 when the signature is wrong), stores what it was sent and
 * answers `{ id, updated_at }`. `failNext` makes the next pushes answer 500.
 */
export class FakeProductivityBackend {
  readonly received: ReceivedPush[] = [];
  readonly tasks = new Map<string, StoredItem>();
  readonly projects = new Map<string, StoredItem>();
  failNext = 0;
  secret = '';
  private server!: Server;
  private nextId = 1;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(({ status, answer }) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(answer));
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage): Promise<{ status: number; answer: unknown }> {
    const raw = await readBody(req);
    const path = req.url ?? '';
    const webhookId = String(req.headers['webhook-id'] ?? '');
    let verified = false;
    try {
      new Webhook(this.secret).verify(raw, req.headers as Record<string, string>);
      verified = true;
    } catch {
      verified = false;
    }
    const match = /^\/api\/(tasks|projects)\/([0-9a-f-]{36})$/.exec(path);
    const status = !verified ? 401 : !match || req.method !== 'PUT' ? 404 : this.failNext > 0 ? 500 : 200;
    if (status === 500) this.failNext--;
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : null;
    this.received.push({ method: req.method ?? '', path, webhookId, verified, status, body });
    if (status !== 200 || !match || !body) return { status, answer: { error: status } };
    const store = match[1] === 'tasks' ? this.tasks : this.projects;
    const item = { remoteId: store.get(match[2])?.remoteId ?? `rem-${this.nextId++}`, updatedAt: new Date().toISOString(), body };
    store.set(match[2], item);
    return { status, answer: { id: item.remoteId, updated_at: item.updatedAt } };
  }
}
