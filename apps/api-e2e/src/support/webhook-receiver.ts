import { createServer, IncomingHttpHeaders, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/** What the receiver answers the n-th request (1-based): a status and headers (after `delayMs`), or `hold` to never answer. */
export type Answer = { status: number; headers?: Record<string, string>; body?: string; delayMs?: number } | 'hold';

/** A real HTTP receiver on 127.0.0.1 that records every request and answers as told. */
export class WebhookReceiver {
  readonly received: Received[] = [];
  /** TCP connections opened to the receiver (fewer than requests when the sender keeps them alive). */
  connections = 0;
  /** Requests received and not answered yet (held, or waiting for their `delayMs`). */
  unanswered = 0;
  private answer: (n: number, r: Received) => Answer = () => ({ status: 200, body: 'ok' });
  private readonly held: ServerResponse[] = [];

  private constructor(private readonly server: Server) {}

  static async start(): Promise<WebhookReceiver> {
    const server = createServer();
    const receiver = new WebhookReceiver(server);
    server.on('connection', () => receiver.connections++);
    server.on('request', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const r = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
        receiver.received.push(r);
        const answer = receiver.answer(receiver.received.length, r);
        receiver.unanswered++;
        if (answer === 'hold') return void receiver.held.push(res);
        const reply = () => {
          receiver.unanswered--;
          res.writeHead(answer.status, answer.headers).end(answer.body ?? '');
        };
        if (answer.delayMs) setTimeout(reply, answer.delayMs);
        else reply();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
  }

  answerWith(answer: (n: number, r: Received) => Answer): void {
    this.answer = answer;
  }

  /** Requests whose webhook-id is the given one. */
  of(messageId: string): Received[] {
    return this.received.filter((r) => r.headers['webhook-id'] === messageId);
  }

  /** Events (parsed bodies) received, optionally only those verified with `secret`. */
  events(secret?: string): { id: string; type: string; data: Record<string, unknown> }[] {
    return this.received.filter((r) => !secret || verifies(secret, r)).map((r) => JSON.parse(r.body));
  }

  async close(): Promise<void> {
    for (const res of this.held) res.destroy();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

/** Whether the standardwebhooks library accepts the request with this secret. */
export function verifies(secret: string, r: Received): boolean {
  try {
    new Webhook(secret).verify(r.body, r.headers as Record<string, string>);
    return true;
  } catch {
    return false;
  }
}
