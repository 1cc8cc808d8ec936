import { afterEach, describe, expect, it } from 'vitest';
import { setupApiClient } from './api-client';
import { ssoStartPath, ssoStartUrl } from './sso-start';

describe('SSO start address', () => {
  afterEach(() => setupApiClient());

  it('stays relative on the page’s own origin (the dev proxy and production serve /api there)', () => {
    setupApiClient('');
    expect(ssoStartPath('acme')).toBe('/api/v1/auth/sso/acme/start');
    expect(ssoStartUrl('acme')).toBe(`${window.location.origin}/api/v1/auth/sso/acme/start`);
  });

  it('uses the client’s API origin when it has one, and escapes the organization', () => {
    setupApiClient('https://api.example.test/');
    expect(ssoStartPath(' a/b c ')).toBe('https://api.example.test/api/v1/auth/sso/a%2Fb%20c/start');
    expect(ssoStartUrl('acme')).toBe('https://api.example.test/api/v1/auth/sso/acme/start');
  });
});
