import { DataSource } from 'typeorm';
import { AccountingProviderServer } from '../support/accounting-provider-server';
import { billableDeal } from '../support/billing-fixture';
import { waitFor } from '../support/wait-for';
import { WebhookStack } from '../support/webhook-stack';

const CALLBACK = '/api/v1/integrations/generic-oauth/oauth/callback';

/**
 * Connected accounting against servers this test starts on 127.0.0.1: a local OAuth 2 server
 * (code + PKCE, refresh, revocation) and a fake accounting API. The worker pushes an issued
 * invoice (two 503s, then success, retried with backoff), refreshes the expiring token first,
 * and reads the paid status back into the CRM.
 */
describe('connected accounting (generic-oauth)', () => {
  let stack: WebhookStack;
  let provider: AccountingProviderServer;
  let db: DataSource;

  beforeAll(async () => {
    provider = await AccountingProviderServer.start();
    stack = await WebhookStack.start({ ACCOUNTING_PUSH_BACKOFF_MS: '100', ACCOUNTING_PUSH_ATTEMPTS: '4', ACCOUNTING_READ_INTERVAL_SECONDS: '1', WEB_APP_URL: 'http://web.test' });
    db = stack.api.get(DataSource);
  });
  afterAll(async () => {
    await stack?.close();
    await provider?.close();
  });

  /** Starts a connect; answers the authorize URL and the binding cookie. */
  const start = async () => {
    const res = await stack.http().post('/api/v1/integrations/generic-oauth/oauth').set(stack.auth).send(provider.settings).expect(201);
    const cookie = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('ck_accounting_connect=')) as string;
    expect(cookie).toMatch(/HttpOnly/);
    return { url: new URL(res.body.authorize_url), cookie: cookie.split(';')[0] };
  };
  /** The provider's approval: its redirect back to our callback. */
  const approve = async (url: URL) => {
    const res = await fetch(url, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const back = new URL(res.headers.get('location') as string);
    expect(back.pathname).toBe(CALLBACK);
    return `${back.pathname}${back.search}`;
  };

  it('connects by OAuth 2 with PKCE: state bound to the browser, single use, tokens sealed', async () => {
    const { url, cookie } = await start();
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ response_type: 'code', client_id: 'clockwork-books', code_challenge_method: 'S256', scope: 'offline_access invoices' });
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // Another browser (no cookie) cannot finish it; the state is then spent.
    const stolen = await approve(url);
    const refused = await stack.http().get(stolen).expect(302);
    expect(refused.headers.location).toMatch(/^http:\/\/web\.test\/integrations\?accounting_error=.*another%20browser/);

    provider.expiresIn = 30; // expires within the refresh margin: the first use refreshes it
    const second = await start();
    const callback = await approve(second.url);
    const done = await stack.http().get(callback).set('Cookie', second.cookie).expect(302);
    expect(done.headers.location).toBe('http://web.test/integrations?accounting=connected');
    expect(provider.grants).toEqual(['authorization_code']);
    // Replayed: the state is single use.
    expect((await stack.http().get(callback).set('Cookie', second.cookie).expect(302)).headers.location).toContain('accounting_error=');
    expect(cookie).not.toBe(second.cookie);

    const connection = (await stack.http().get('/api/v1/integrations/generic-oauth/connection').set(stack.auth).expect(200)).body;
    expect(connection).toMatchObject({ provider: 'generic-oauth', status: 'connected', client_id: 'clockwork-books', connected_by: stack.admin.userId, last_error: null });
    expect(JSON.stringify(connection)).not.toContain('books-secret');
    const [row] = await db.query(`SELECT client_secret, access_token, refresh_token FROM accounting_connections WHERE organization_id = $1`, [stack.admin.organizationId]);
    for (const sealed of Object.values(row) as string[]) expect(sealed).toMatch(/^enc:v1:/);
    const audit = await db.query(`SELECT action, actor_id FROM audit_logs WHERE organization_id = $1 AND object_type = 'accounting_connection' ORDER BY created_at`, [stack.admin.organizationId]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['connect_start', 'connect_start', 'connect']);
    expect(JSON.stringify(audit)).not.toContain('books-secret');
  });

  it('pushes an issued invoice after two failures, with a refreshed token, and reads its paid status back', async () => {
    provider.expiresIn = 3600;
    provider.failNextPushes = [503, 503];
    const { deal } = await billableDeal(stack.api, stack.admin);
    const draft = (await stack.http().post('/api/v1/invoices').set(stack.auth).send({ deal_id: deal, period_from: '2026-03-01', period_to: '2026-03-31', currency: 'USD', tax_rate_percent: '10' }).expect(201)).body;
    const issued = (await stack.http().post(`/api/v1/invoices/${draft.id}/issue`).set(stack.auth).expect(200)).body;

    const log = async () => (await stack.http().get('/api/v1/integrations/generic-oauth/pushes').set(stack.auth).expect(200)).body.data;
    const [push] = await waitFor('the push to succeed', async () => {
      const rows = await log();
      return rows[0]?.state === 'succeeded' && rows;
    });
    expect(push).toMatchObject({ invoice_id: draft.id, invoice_number: issued.number, attempts: 3, external_id: 'BK-1', last_error: null });
    expect(push.attempt_log.map((a: { status_code: number; succeeded: boolean }) => [a.status_code, a.succeeded])).toEqual([
      [503, false],
      [503, false],
      [201, true],
    ]);
    expect(push.attempt_log[0].error).toContain('HTTP 503');
    expect(provider.pushAnswers).toEqual([503, 503, 201]);
    // The token from the code expired within a minute: refreshed before the first push.
    expect(provider.grants).toEqual(['authorization_code', 'refresh_token']);
    // One hour at 100.00 USD, tax 10 %: worked out here, not read from the api.
    const [sent] = provider.invoices;
    expect(sent.body).toMatchObject({ reference: draft.id, number: issued.number, currency: 'USD', subtotal: '100.00', tax_amount: '10.00', total: '110.00', contact: { name: 'Billed Corp' } });
    expect(sent.body.lines).toEqual([expect.objectContaining({ amount: '100.00', tax_amount: '10.00', quantity: 1 })]);

    provider.markPaid('BK-1', '2026-04-20T10:00:00.000Z');
    const paid = await waitFor('the invoice to be marked paid', async () => {
      const invoice = (await stack.http().get(`/api/v1/invoices/${draft.id}`).set(stack.auth).expect(200)).body;
      return invoice.status === 'paid' && invoice;
    });
    expect(paid.paid_at).toBe('2026-04-20T10:00:00.000Z');
    const [audit] = await db.query(`SELECT actor_type, actor_id FROM audit_logs WHERE organization_id = $1 AND object_type = 'invoice' AND object_id = $2 AND action = 'pay'`, [stack.admin.organizationId, draft.id]);
    const [connection] = await db.query(`SELECT id FROM accounting_connections WHERE organization_id = $1`, [stack.admin.organizationId]);
    expect(audit).toEqual({ actor_type: 'integration', actor_id: connection.id });
    expect((await log())[0]).toMatchObject({ external_status: 'paid', paid_read_at: expect.any(String) });
  });

  it('disconnects: the tokens are revoked at the provider and the connection is gone', async () => {
    await stack.http().delete('/api/v1/integrations/generic-oauth/connection').set(stack.auth).expect(204);
    expect(provider.revoked).toHaveLength(1);
    await stack.http().get('/api/v1/integrations/generic-oauth/connection').set(stack.auth).expect(404);
    await stack.http().get('/api/v1/integrations/xero/connection').set(stack.auth).expect(404);
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM accounting_pushes WHERE organization_id = $1`, [stack.admin.organizationId]);
    expect(n).toBe(0);
  });
});
