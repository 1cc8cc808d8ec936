import { createHash } from 'node:crypto';
import { newChecks } from './oidc.client';
import { BadGatewayException, BadRequestException, ForbiddenException, UnauthorizedException } from '@nestjs/common';
import { bindingCookieOptions, cookieOf, ssoErrorCode, webAppFailure, webAppLanding } from './sso-login.controller';

describe('SSO login helpers', () => {
  it('hands the web app a one-time code in the URL fragment only, never tokens', () => {
    const url = new URL(webAppLanding('https://crm.example.com/', 'c0de-value_1'));
    expect(url.origin + url.pathname).toBe('https://crm.example.com/sso');
    expect(url.search).toBe('');
    expect(Object.fromEntries(new URLSearchParams(url.hash.slice(1)))).toEqual({ code: 'c0de-value_1' });
  });

  it('sends a browser whose login failed to the web app with an error code, never server text', () => {
    expect(ssoErrorCode(new BadRequestException({ message: 'x', sso_error: 'other_browser' }))).toBe('other_browser');
    expect(ssoErrorCode(new ForbiddenException('Email domain evil.example is not allowed'))).toBe('refused');
    expect(ssoErrorCode(new UnauthorizedException('nonce'))).toBe('provider_refused');
    expect(ssoErrorCode(new BadGatewayException('down'))).toBe('provider_unreachable');
    expect(ssoErrorCode(new BadRequestException('The configured issuer_url is not allowed'))).toBe('failed');
    expect(webAppFailure('https://crm.example.com/', 'expired')).toBe('https://crm.example.com/sso#error=expired');
  });

  it('reads one cookie of a Cookie header', () => {
    expect(cookieOf('a=1; cw_sso_browser=abc%2Bd; b=2', 'cw_sso_browser')).toBe('abc+d');
    expect(cookieOf('x_cw_sso_browser=1', 'cw_sso_browser')).toBeUndefined();
    expect(cookieOf(undefined, 'cw_sso_browser')).toBeUndefined();
  });

  it('sets the browser binding cookie Secure in production and over https, HttpOnly and Lax on the callback path always', () => {
    const base = { httpOnly: true, sameSite: 'lax', path: '/api/v1/auth/sso/callback' };
    expect(bindingCookieOptions({ NODE_ENV: 'production', API_PUBLIC_URL: 'http://api.internal' })).toEqual({ ...base, secure: true });
    expect(bindingCookieOptions({ NODE_ENV: 'development', API_PUBLIC_URL: 'https://api.example.com' })).toEqual({ ...base, secure: true });
    expect(bindingCookieOptions({ NODE_ENV: 'development', API_PUBLIC_URL: 'http://localhost:3000' })).toEqual({ ...base, secure: false });
  });

  it('makes fresh PKCE (S256), state and nonce values for every login', async () => {
    const a = await newChecks();
    const b = await newChecks();
    expect(a.codeChallenge).toBe(createHash('sha256').update(a.codeVerifier).digest('base64url'));
    expect(a.codeVerifier.length).toBeGreaterThanOrEqual(43);
    expect(new Set([a.state, a.nonce, b.state, b.nonce, a.codeVerifier, b.codeVerifier]).size).toBe(6);
  });
});
