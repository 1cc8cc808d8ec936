// HTTP to the api replicas, round-robin, as the admin who signed up for the run.
import { randomUUID } from 'node:crypto';
import http from 'node:http';

/** The route is not served by this build (yet): the scenario reports itself skipped. */
export class EndpointMissing extends Error {
  constructor(readonly route: string) {
    super(`skipped: endpoint not available (404) ${route}`);
  }
}

export interface ApiResponse<T> {
  status: number;
  body: T;
  ms: number;
}

export class ApiClient {
  private next = 0;
  token = '';

  constructor(readonly urls: string[]) {}

  get headers(): Record<string, string> {
    return { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' };
  }

  /** The next replica's base URL (round-robin). */
  base(): string {
    return this.urls[this.next++ % this.urls.length];
  }

  async request<T = unknown>(method: string, route: string, body?: unknown): Promise<ApiResponse<T>> {
    const started = performance.now();
    const res = await fetch(`${this.base()}${route}`, { method, headers: this.headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    const ms = performance.now() - started;
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed as T, ms };
  }

  /** A request that must succeed (2xx); a 404 of an unknown route is EndpointMissing. */
  async ok<T = unknown>(method: string, route: string, body?: unknown): Promise<ApiResponse<T>> {
    const res = await this.request<T>(method, route, body);
    if (res.status === 404) throw new EndpointMissing(`${method} ${route.split('?')[0]}`);
    if (res.status >= 300) throw new Error(`${method} ${route} answered ${res.status}: ${JSON.stringify(res.body).slice(0, 400)}`);
    return res;
  }

  /**
   * A request that must succeed and may take many minutes (the rollup build of the seed): through
   * node:http with no timeout, as fetch gives up waiting for the response headers after 300 s.
   */
  slowOk(method: string, route: string, body?: unknown): Promise<{ status: number; body: string; ms: number }> {
    const started = performance.now();
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = http.request(`${this.base()}${route}`, { method, headers: this.headers, timeout: 0 }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const status = res.statusCode ?? 0;
          if (status >= 300) reject(new Error(`${method} ${route} answered ${status}: ${text.slice(0, 400)}`));
          else resolve({ status, body: text, ms: performance.now() - started });
        });
      });
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** Signs up a fresh organization; the admin's access token is used from then on. */
  async signUp(): Promise<{ organizationId: string; userId: string }> {
    const res = await this.ok<{ access_token: string; user: { id: string }; organization: { id: string } }>('POST', '/api/v1/auth/signup', {
      organization_name: 'Bench Corp',
      name: 'Bench Admin',
      email: `admin-${randomUUID()}@bench.clockwork.test`,
      password: `Bench-${randomUUID()}`,
    });
    this.token = res.body.access_token;
    return { organizationId: res.body.organization.id, userId: res.body.user.id };
  }
}
