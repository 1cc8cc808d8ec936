import type { InvoiceEventPayload } from '@clockwork/shared-dto';
import { createHash, randomBytes } from 'node:crypto';

/** The OAuth client and URLs of one connection (the client secret already opened). */
export interface ProviderSettings {
  authorizeUrl: string;
  tokenUrl: string;
  apiUrl: string;
  revokeUrl: string | null;
  clientId: string;
  clientSecret: string;
  scopes: string;
}

export interface ProviderTokens {
  accessToken: string;
  refreshToken: string | null;
  /** When the access token expires (null: the provider did not say). */
  expiresAt: Date | null;
}

/** The provider's paid status of one pushed invoice. */
export interface ProviderInvoiceStatus {
  externalId: string;
  paid: boolean;
  /** When it was paid, as the provider says (ISO 8601), when paid. */
  paidAt: string | null;
  status: string;
}

/** A provider's answer that is not a success: `retryable` for 5xx, 429 and network errors. */
export class ProviderError extends Error {
  override readonly name = 'ProviderError';
  constructor(
    message: string,
    readonly statusCode: number | null,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

/**
 * What Clockwork asks of an accounting system (docs/accounting-exports.md, "Connected
 * accounting"): the OAuth 2 authorization code flow with PKCE (S256), token refresh and
 * revocation, creating an invoice with its lines and contact, and reading its paid status.
 */
export interface AccountingProvider {
  readonly id: string;
  authorizeUrl(settings: ProviderSettings, input: { state: string; codeChallenge: string; redirectUri: string }): string;
  exchangeCode(settings: ProviderSettings, input: { code: string; codeVerifier: string; redirectUri: string }): Promise<ProviderTokens>;
  refresh(settings: ProviderSettings, refreshToken: string): Promise<ProviderTokens>;
  revoke(settings: ProviderSettings, tokens: ProviderTokens): Promise<void>;
  pushInvoice(settings: ProviderSettings, accessToken: string, invoice: InvoiceEventPayload): Promise<{ externalId: string }>;
  readStatus(settings: ProviderSettings, accessToken: string, externalId: string): Promise<ProviderInvoiceStatus>;
}

const base64url = (bytes: Buffer) => bytes.toString('base64url');

/** A PKCE pair (RFC 7636): a 43-character verifier and its S256 challenge. */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = base64url(randomBytes(32));
  return { verifier, challenge: base64url(createHash('sha256').update(verifier).digest()) };
}

/** A random, URL-safe value (state, browser binding). */
export const randomToken = () => base64url(randomBytes(32));
