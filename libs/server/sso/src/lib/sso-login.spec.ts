import { createHash } from 'node:crypto';
import { newChecks } from './oidc-client';
import { webAppLanding } from './sso-login.controller';

describe('SSO login helpers', () => {
  it('hands the tokens to the web app in the URL fragment only', () => {
    const url = new URL(webAppLanding('https://crm.example.com/', { access_token: 'a.b.c', refresh_token: 'r-1', token_type: 'Bearer', expires_in: 900 } as never));
    expect(url.origin + url.pathname).toBe('https://crm.example.com/');
    expect(url.search).toBe('');
    const fragment = new URLSearchParams(url.hash.replace(/^#\/sso\?/, ''));
    expect(Object.fromEntries(fragment)).toEqual({ access_token: 'a.b.c', refresh_token: 'r-1', token_type: 'Bearer', expires_in: '900' });
  });

  it('makes fresh PKCE (S256), state and nonce values for every login', async () => {
    const a = await newChecks();
    const b = await newChecks();
    expect(a.codeChallenge).toBe(createHash('sha256').update(a.codeVerifier).digest('base64url'));
    expect(a.codeVerifier.length).toBeGreaterThanOrEqual(43);
    expect(new Set([a.state, a.nonce, b.state, b.nonce, a.codeVerifier, b.codeVerifier]).size).toBe(6);
  });
});
