import { BadGatewayException, BadRequestException, UnauthorizedException } from '@nestjs/common';
import * as oidc from 'openid-client';

/** The provider's answer to one login: its ID token claims. */
export interface VerifiedIdentity {
  subject: string;
  email: string | null;
  emailVerified: boolean | undefined;
  name: string | null;
  issuer: string;
}

/**
 * The provider's configuration, read from its discovery document (openid-client checks that
 * the document names the configured issuer). Plain http is accepted for loopback issuers
 * only (local providers in development and tests).
 */
export async function discover(issuerUrl: string, clientId: string, clientSecret: string): Promise<oidc.Configuration> {
  const issuer = new URL(issuerUrl);
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname);
  try {
    return await oidc.discovery(issuer, clientId, undefined, oidc.ClientSecretBasic(clientSecret), {
      execute: loopback && issuer.protocol === 'http:' ? [oidc.allowInsecureRequests] : [],
      timeout: 10,
    });
  } catch (e) {
    if (e instanceof oidc.ClientError && /issuer/i.test(e.message)) {
      throw new BadRequestException(`The identity provider announces another issuer than the configured ${issuerUrl}`);
    }
    throw new BadGatewayException(`The identity provider at ${issuerUrl} could not be reached or answered unexpectedly`);
  }
}

/**
 * Every endpoint the provider's discovery document names (authorization, token, userinfo,
 * jwks, end session, ...): the URLs the product will send browsers to or call itself. Each
 * must share the issuer's origin, so a tenant's document cannot point the product or its users
 * anywhere else (no open redirect, no request to another host). Returns the URLs to check
 * against the SSRF guard; throws naming the first foreign one.
 */
export function endpointsOf(config: oidc.Configuration, issuerUrl: string): URL[] {
  const origin = new URL(issuerUrl).origin;
  const metadata = config.serverMetadata() as unknown as Record<string, unknown>;
  const named: [string, unknown][] = Object.entries(metadata).filter(([key]) => key.endsWith('_endpoint') || key === 'jwks_uri' || key === 'check_session_iframe');
  const aliases = metadata['mtls_endpoint_aliases'];
  if (aliases && typeof aliases === 'object') named.push(...Object.entries(aliases as Record<string, unknown>).map(([k, v]): [string, unknown] => [`mtls_endpoint_aliases.${k}`, v]));
  return named.map(([key, value]) => {
    let url: URL;
    try {
      url = new URL(String(value));
    } catch {
      throw new BadRequestException(`The identity provider's discovery document has an invalid ${key}`);
    }
    if (url.origin !== origin) throw new BadRequestException(`The identity provider's discovery document points ${key} to ${url.origin}, not the issuer's origin ${origin}`);
    return url;
  });
}

export function authorizationUrl(config: oidc.Configuration, redirectUri: string, state: string, nonce: string, codeChallenge: string): URL {
  return oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid email profile',
    response_type: 'code',
    code_challenge: codeChallenge,
    code_challenge_method: 'S256',
    state,
    nonce,
  });
}

export const newChecks = async () => {
  const codeVerifier = oidc.randomPKCECodeVerifier();
  return { codeVerifier, codeChallenge: await oidc.calculatePKCECodeChallenge(codeVerifier), state: oidc.randomState(), nonce: oidc.randomNonce() };
};

/**
 * Exchanges the code (with the PKCE verifier) and verifies the ID token: signature, issuer,
 * audience, expiry and nonce. Anything the provider or the token gets wrong is a 401 that says so.
 */
export async function exchangeCode(
  config: oidc.Configuration,
  callbackUrl: URL,
  checks: { codeVerifier: string; state: string; nonce: string },
): Promise<VerifiedIdentity> {
  try {
    const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: checks.codeVerifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) throw new UnauthorizedException('The identity provider returned no ID token');
    // Providers may keep email and name out of the ID token (OIDC Core 5.4): then ask userinfo,
    // whose subject must be the ID token's.
    const profile: Record<string, unknown> = typeof claims['email'] === 'string' ? claims : { ...(await oidc.fetchUserInfo(config, tokens.access_token, claims.sub)), ...claims };
    return {
      subject: claims.sub,
      email: typeof profile['email'] === 'string' ? profile['email'].trim().toLowerCase() : null,
      emailVerified: typeof profile['email_verified'] === 'boolean' ? profile['email_verified'] : undefined,
      name: typeof profile['name'] === 'string' ? profile['name'] : null,
      issuer: claims.iss,
    };
  } catch (e) {
    if (e instanceof UnauthorizedException) throw e;
    if (e instanceof oidc.AuthorizationResponseError) throw new UnauthorizedException(`The identity provider refused the login: ${e.error}`);
    if (e instanceof oidc.ResponseBodyError) throw new UnauthorizedException(`The identity provider refused the code: ${e.error}`);
    if (e instanceof oidc.ClientError) throw new UnauthorizedException(`The ID token did not verify: ${e.message}${claimOf(e)}`);
    throw new BadGatewayException('The identity provider could not be reached or answered unexpectedly');
  }
}

/** The claim a verification error is about (nonce, iss, aud, ...), when the library names it. */
function claimOf(e: Error): string {
  type Cause = { claim?: unknown; cause?: Cause } | undefined;
  const cause = e.cause as Cause;
  const claim = cause?.claim ?? cause?.cause?.claim;
  return typeof claim === 'string' ? ` (claim ${claim})` : '';
}
