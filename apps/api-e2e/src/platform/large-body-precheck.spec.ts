import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { request as httpRequest, IncomingMessage, ClientRequest } from 'node:http';
import { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { createApiApp } from '../support/api-app';
import { apiKeyWithRole, signup, SignedUp } from '../support/org-fixture';
import { createIntegration, CreatedIntegration } from '../support/domains/integrations.domain';
import { timeEntryBody } from '../support/domains/time-entries.domain';

const EIGHT_MB = 8 * 1024 * 1024 - 1;

interface Answer {
  status: number;
  headers: IncomingMessage['headers'];
  body: { statusCode?: number; message?: string };
}

/**
 * Opens a request announcing `contentLength` bytes of body and sends only the headers. Resolves
 * with the answer if one comes within `waitMs` while no byte of the body has been sent, else
 * with null (the server is waiting for the body); `req` lets the caller send it then.
 */
function headersOnly(port: number, path: string, headers: Record<string, string>, contentLength: number, waitMs = 3000): Promise<{ answer: Answer | null; req: ClientRequest; later: Promise<Answer> }> {
  const req = httpRequest({ host: '127.0.0.1', port, path, method: 'POST', headers: { 'content-type': 'application/json', ...headers, 'content-length': String(contentLength) } });
  const later = new Promise<Answer>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text ? JSON.parse(text) : {} }));
    });
    req.on('error', reject);
  });
  req.flushHeaders();
  return Promise.race([later, new Promise<null>((r) => setTimeout(() => r(null), waitMs))]).then((answer) => ({ answer, req, later }));
}

/**
 * The batch and inbound-webhook routes take bodies of up to 8 MB: who is calling is checked from
 * the headers first, so a stranger is answered at once and the server never reads the body.
 */
describe('large-body routes check the caller before reading the body', () => {
  let app: INestApplication;
  let port: number;
  let admin: SignedUp;
  let integration: CreatedIntegration;

  beforeAll(async () => {
    app = await createApiApp();
    await app.listen(0, '127.0.0.1');
    port = (app.getHttpServer().address() as AddressInfo).port;
    admin = await signup(app, 'Precheck Org');
    integration = await createIntegration(app, admin);
  });
  afterAll(() => app?.close());

  const signed = (extra: Record<string, string | undefined> = {}) => {
    const id = `msg_${randomUUID()}`;
    const at = new Date();
    const all: Record<string, string | undefined> = {
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': new Webhook(integration.signing_secret).sign(id, at, 'x'.repeat(10)),
      ...extra,
    };
    return Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined)) as Record<string, string>;
  };

  it.each([
    ['no credential', {}, /Authentication required/],
    ['a forged access token', { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl' }, /Invalid access token/],
    ['an unknown API key', { authorization: `Bearer ck_${'a'.repeat(8)}_${'b'.repeat(40)}` }, /Invalid API key/],
  ])('POST /time-entries/batch with %s: 401 before a byte of the 8 MB body is sent, connection closed', async (_what, headers, message) => {
    const { answer, req } = await headersOnly(port, '/api/v1/time-entries/batch', headers as Record<string, string>, EIGHT_MB);
    req.destroy();
    expect(answer).toMatchObject({ status: 401, body: { statusCode: 401, error: 'Unauthorized', message: expect.stringMatching(message) } });
    expect(answer?.headers.connection).toBe('close');
  });

  it('POST /time-entries/batch with a revoked API key is refused before the body too', async () => {
    const key = await apiKeyWithRole(app, admin.accessToken, 'manager');
    const revoke = await fetch(`http://127.0.0.1:${port}/api/v1/api-keys/${key.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${admin.accessToken}` } });
    expect(revoke.status).toBeLessThan(300);
    const { answer, req } = await headersOnly(port, '/api/v1/time-entries/batch', { authorization: `Bearer ${key.key}` }, EIGHT_MB);
    req.destroy();
    expect(answer).toMatchObject({ status: 401, body: { message: expect.stringMatching(/revoked/) } });
  });

  it.each([
    ['an unknown integration', () => `/api/v1/webhooks/crm-event/${randomUUID()}`, () => signed(), 401, /Unknown or disabled integration/],
    ['no signature headers', () => `/api/v1/webhooks/crm-event/${integration.id}`, () => ({}), 401, /Missing webhook-id header/],
    ['no webhook-signature', () => `/api/v1/webhooks/crm-event/${integration.id}`, () => signed({ 'webhook-signature': undefined }), 401, /Missing webhook-signature header/],
    ['an ill-formed webhook-signature', () => `/api/v1/webhooks/crm-event/${integration.id}`, () => signed({ 'webhook-signature': 'v1,not-base64!! v2,abc' }), 401, /webhook-signature has no v1/],
    ['a stale timestamp', () => `/api/v1/webhooks/crm-event/${integration.id}`, () => signed({ 'webhook-timestamp': String(Math.floor(Date.now() / 1000) - 3600) }), 401, /more than 5 minutes old/],
    ['a malformed integration id', () => '/api/v1/webhooks/crm-event/not-a-uuid', () => signed(), 400, /uuid is expected/],
  ])('POST /webhooks/crm-event/{id} with %s: refused before a byte of the 8 MB body is sent', async (_what, path, headers, status, message) => {
    const { answer, req } = await headersOnly(port, path(), headers(), EIGHT_MB);
    req.destroy();
    expect(answer).toMatchObject({ status, body: { statusCode: status, message: expect.stringMatching(message) } });
    expect(answer?.headers.connection).toBe('close');
  });

  it('a valid caller is let through: the server waits for the body, then handles it', async () => {
    const body = JSON.stringify({ entries: [timeEntryBody({ external_id: `precheck-${randomUUID()}` })] });
    const { answer, req, later } = await headersOnly(port, '/api/v1/time-entries/batch', { authorization: `Bearer ${admin.accessToken}` }, Buffer.byteLength(body), 1000);
    expect(answer).toBeNull();
    req.end(body);
    const done = await later;
    expect(done.status).toBe(200);

    const key = await apiKeyWithRole(app, admin.accessToken, 'manager');
    const viaKey = await headersOnly(port, '/api/v1/time-entries/batch', { authorization: `Bearer ${key.key}` }, Buffer.byteLength(body), 1000);
    expect(viaKey.answer).toBeNull();
    viaKey.req.end(body);
    expect((await viaKey.later).status).toBe(200);
  });

  it('a webhook with complete headers for an enabled integration is read, then its signature verified over the body', async () => {
    const headers = signed(); // signed over another body than the one sent
    const body = JSON.stringify({ type: 'ping' });
    const { answer, req, later } = await headersOnly(port, `/api/v1/webhooks/crm-event/${integration.id}`, headers, Buffer.byteLength(body), 1000);
    expect(answer).toBeNull();
    req.end(body);
    expect(await later).toMatchObject({ status: 401, body: { message: expect.stringMatching(/No valid webhook-signature/) } });
  });
});
