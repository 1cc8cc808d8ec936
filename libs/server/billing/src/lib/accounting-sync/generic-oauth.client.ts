import type { InvoiceEventPayload } from '@clockwork/shared-dto';
import { Injectable } from '@nestjs/common';
import { AccountingProvider, ProviderError, ProviderInvoiceStatus, ProviderSettings, ProviderTokens } from './accounting-provider.types';

const TIMEOUT_MS = 10_000;

/** An HTTP call to the provider; 5xx, 429 and network failures are retryable, other non-2xx are not. */
async function call(url: string, init: RequestInit, what: string): Promise<Record<string, unknown>> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (e) {
    throw new ProviderError(`${what}: ${(e as Error).message}`, null, true);
  }
  const text = await res.text();
  if (!res.ok) throw new ProviderError(`${what}: HTTP ${res.status} ${text.slice(0, 200)}`, res.status, res.status >= 500 || res.status === 429);
  try {
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    throw new ProviderError(`${what}: the answer is not JSON`, res.status, false);
  }
}

const form = (settings: ProviderSettings, fields: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: {
    'Content-Type': 'application/x-www-form-urlencoded',
    Accept: 'application/json',
    // client_secret_basic (RFC 6749 2.3.1): both parts form-encoded first.
    Authorization: `Basic ${Buffer.from(`${encodeURIComponent(settings.clientId)}:${encodeURIComponent(settings.clientSecret)}`).toString('base64')}`,
  },
  body: new URLSearchParams(fields).toString(),
});

function tokensOf(body: Record<string, unknown>, previousRefresh: string | null): ProviderTokens {
  if (typeof body['access_token'] !== 'string') throw new ProviderError('token endpoint: no access_token in the answer', null, false);
  const expiresIn = Number(body['expires_in']);
  return {
    accessToken: body['access_token'],
    // A provider may keep the refresh token (no new one in a refresh answer).
    refreshToken: typeof body['refresh_token'] === 'string' ? body['refresh_token'] : previousRefresh,
    expiresAt: Number.isFinite(expiresIn) && expiresIn > 0 ? new Date(Date.now() + expiresIn * 1000) : null,
  };
}

const join = (base: string, path: string) => `${base.replace(/\/+$/, '')}${path}`;

/**
 * `generic-oauth`: any OAuth 2 server (authorization code + PKCE S256, client_secret_basic,
 * RFC 7009 revocation when a revoke URL is set) in front of an API that takes
 * `POST {api_url}/invoices` and answers `{ id }`, and `GET {api_url}/invoices/{id}` answering
 * `{ id, status, paid_at }` (docs/accounting-exports.md). A Xero adapter is the same flow with
 * Xero's URLs, its `Xero-tenant-id` header and its invoice JSON.
 */
@Injectable()
export class GenericOAuthProvider implements AccountingProvider {
  readonly id = 'generic-oauth';

  authorizeUrl(settings: ProviderSettings, input: { state: string; codeChallenge: string; redirectUri: string }): string {
    const url = new URL(settings.authorizeUrl);
    const params = { response_type: 'code', client_id: settings.clientId, redirect_uri: input.redirectUri, state: input.state, code_challenge: input.codeChallenge, code_challenge_method: 'S256', ...(settings.scopes ? { scope: settings.scopes } : {}) };
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    return url.toString();
  }

  async exchangeCode(settings: ProviderSettings, input: { code: string; codeVerifier: string; redirectUri: string }): Promise<ProviderTokens> {
    const body = await call(settings.tokenUrl, form(settings, { grant_type: 'authorization_code', code: input.code, redirect_uri: input.redirectUri, code_verifier: input.codeVerifier }), 'token endpoint');
    return tokensOf(body, null);
  }

  async refresh(settings: ProviderSettings, refreshToken: string): Promise<ProviderTokens> {
    return tokensOf(await call(settings.tokenUrl, form(settings, { grant_type: 'refresh_token', refresh_token: refreshToken }), 'token endpoint (refresh)'), refreshToken);
  }

  async revoke(settings: ProviderSettings, tokens: ProviderTokens): Promise<void> {
    if (!settings.revokeUrl) return;
    const token = tokens.refreshToken ?? tokens.accessToken;
    await call(settings.revokeUrl, form(settings, { token, token_type_hint: tokens.refreshToken ? 'refresh_token' : 'access_token' }), 'revocation endpoint');
  }

  async pushInvoice(settings: ProviderSettings, accessToken: string, invoice: InvoiceEventPayload): Promise<{ externalId: string }> {
    const body = {
      reference: invoice.id,
      number: invoice.number,
      date: invoice.invoice_date,
      due_date: invoice.due_date,
      currency: invoice.currency,
      contact: invoice.customer,
      lines: invoice.lines.map((l) => ({ description: l.description, quantity: 1, hours: l.hours, unit_amount: l.amount, amount: l.amount, tax_amount: l.tax_amount })),
      subtotal: invoice.subtotal,
      tax_rate_percent: invoice.tax_rate_percent,
      tax_amount: invoice.tax_amount,
      total: invoice.total,
    };
    const answer = await call(join(settings.apiUrl, '/invoices'), { method: 'POST', headers: { Authorization: `Bearer ${accessToken}`, 'Content-Type': 'application/json', 'Idempotency-Key': invoice.id }, body: JSON.stringify(body) }, 'push invoice');
    if (typeof answer['id'] !== 'string' || !answer['id']) throw new ProviderError('push invoice: no id in the answer', null, false);
    return { externalId: answer['id'] };
  }

  async readStatus(settings: ProviderSettings, accessToken: string, externalId: string): Promise<ProviderInvoiceStatus> {
    const answer = await call(join(settings.apiUrl, `/invoices/${encodeURIComponent(externalId)}`), { headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' } }, 'read invoice');
    const status = String(answer['status'] ?? 'unknown');
    return { externalId, status, paid: status === 'paid', paidAt: typeof answer['paid_at'] === 'string' ? answer['paid_at'] : null };
  }
}
