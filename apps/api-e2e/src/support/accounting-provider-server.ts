import { createHash, randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

const CLIENT = { id: 'clockwork-books', secret: 'books-secret' };
const token = () => randomBytes(16).toString('hex');

/** A pushed invoice as the fake accounting API keeps it. */
export interface BooksInvoice {
  id: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: Record<string, any>;
  authorization: string;
  status: 'open' | 'paid';
  paid_at: string | null;
}

/**
 * A local OAuth 2 authorization server (authorization code + PKCE S256, client_secret_basic,
 * refresh with rotation, RFC 7009 revocation) and a fake accounting API behind it
 * (`POST /api/invoices`, `GET /api/invoices/{id}`), on 127.0.0.1. `/authorize` approves at
 * once and redirects with a code. Tests script token lifetimes and push failures.
 */
export class AccountingProviderServer {
  readonly invoices: BooksInvoice[] = [];
  readonly grants: string[] = [];
  readonly revoked: string[] = [];
  readonly pushAnswers: number[] = [];
  /** The lifetime (s) of the next access tokens. */
  expiresIn = 3600;
  private readonly codes = new Map<string, { challenge: string; redirectUri: string }>();
  private readonly access = new Set<string>();
  private readonly refresh = new Set<string>();
  /** Statuses the next pushes answer before one succeeds (e.g. [503, 503]). */
  failNextPushes: number[] = [];

  private constructor(private readonly server: Server) {}

  static async start(): Promise<AccountingProviderServer> {
    const server = createServer();
    const provider = new AccountingProviderServer(server);
    server.on('request', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => provider.handle(req, res, Buffer.concat(chunks).toString('utf8')));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return provider;
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The body of `POST /integrations/generic-oauth/oauth` for this server. */
  get settings() {
    return { authorize_url: `${this.origin}/authorize`, token_url: `${this.origin}/token`, api_url: `${this.origin}/api`, revoke_url: `${this.origin}/revoke`, client_id: CLIENT.id, client_secret: CLIENT.secret, scopes: 'offline_access invoices' };
  }

  markPaid(id: string, at: string): void {
    const invoice = this.invoices.find((i) => i.id === id);
    if (!invoice) throw new Error(`no invoice ${id}`);
    Object.assign(invoice, { status: 'paid', paid_at: at });
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private json(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
  }

  private tokens(res: ServerResponse): void {
    const [access, refresh] = [token(), token()];
    this.access.add(access);
    this.refresh.add(refresh);
    this.json(res, 200, { access_token: access, refresh_token: refresh, token_type: 'Bearer', expires_in: this.expiresIn });
  }

  private handle(req: IncomingMessage, res: ServerResponse, body: string): void {
    const url = new URL(req.url ?? '/', this.origin);
    if (req.method === 'GET' && url.pathname === '/authorize') return this.authorize(url, res);
    if (req.method === 'POST' && url.pathname === '/token') return this.token(req, res, new URLSearchParams(body));
    if (req.method === 'POST' && url.pathname === '/revoke') {
      this.revoked.push(new URLSearchParams(body).get('token') ?? '');
      return void res.writeHead(200).end();
    }
    const bearer = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    if (url.pathname.startsWith('/api/') && !this.access.has(bearer)) return this.json(res, 401, { error: 'invalid_token' });
    if (req.method === 'POST' && url.pathname === '/api/invoices') {
      const fail = this.failNextPushes.shift();
      this.pushAnswers.push(fail ?? 201);
      if (fail) return this.json(res, fail, { error: 'try later' });
      const invoice: BooksInvoice = { id: `BK-${this.invoices.length + 1}`, body: JSON.parse(body), authorization: bearer, status: 'open', paid_at: null };
      this.invoices.push(invoice);
      return this.json(res, 201, { id: invoice.id });
    }
    const found = req.method === 'GET' && this.invoices.find((i) => url.pathname === `/api/invoices/${i.id}`);
    if (found) return this.json(res, 200, { id: found.id, status: found.status, paid_at: found.paid_at });
    this.json(res, 404, { error: 'not_found' });
  }

  private authorize(url: URL, res: ServerResponse): void {
    const q = Object.fromEntries(url.searchParams);
    if (q['client_id'] !== CLIENT.id || q['response_type'] !== 'code' || q['code_challenge_method'] !== 'S256' || !q['code_challenge'] || !q['state']) return this.json(res, 400, { error: 'invalid_request', got: q });
    const code = token();
    this.codes.set(code, { challenge: q['code_challenge'], redirectUri: q['redirect_uri'] });
    const back = new URL(q['redirect_uri']);
    back.searchParams.set('code', code);
    back.searchParams.set('state', q['state']);
    res.writeHead(302, { Location: back.toString() }).end();
  }

  private token(req: IncomingMessage, res: ServerResponse, form: URLSearchParams): void {
    const basic = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString('utf8');
    if (basic !== `${CLIENT.id}:${CLIENT.secret}`) return this.json(res, 401, { error: 'invalid_client' });
    const grant = form.get('grant_type') ?? '';
    this.grants.push(grant);
    if (grant === 'authorization_code') {
      const pending = this.codes.get(form.get('code') ?? '');
      this.codes.delete(form.get('code') ?? '');
      const challenge = createHash('sha256').update(form.get('code_verifier') ?? '').digest('base64url');
      if (!pending || pending.redirectUri !== form.get('redirect_uri') || pending.challenge !== challenge) return this.json(res, 400, { error: 'invalid_grant' });
      return this.tokens(res);
    }
    if (grant === 'refresh_token' && this.refresh.delete(form.get('refresh_token') ?? '')) return this.tokens(res);
    this.json(res, 400, { error: 'invalid_grant' });
  }
}
