import { client } from '@clockwork/api-client';

/**
 * Where an SSO login of an organization starts (`/api/v1/auth/sso/{slug or id}/start`), on the
 * API base the generated client uses: relative (the page's own origin, which proxies /api in
 * development and serves it in production) unless the client points at another origin.
 */
export function ssoStartPath(organization: string): string {
  const base = (client.getConfig().baseUrl ?? '').replace(/\/+$/, '');
  return `${base}/api/v1/auth/sso/${encodeURIComponent(organization.trim())}/start`;
}

/** The same address made absolute, to hand to people (copy, paste in a portal). */
export function ssoStartUrl(organization: string): string {
  return new URL(ssoStartPath(organization), window.location.origin).toString();
}

/** Full-page navigation, behind an object so component tests can watch it (jsdom cannot navigate). */
export const browserNavigation = { assign: (url: string) => window.location.assign(url) };

/** A full-page navigation to the start of an SSO login (the API redirects to the identity provider). */
export function startSsoLogin(organization: string): void {
  browserNavigation.assign(ssoStartPath(organization));
}
