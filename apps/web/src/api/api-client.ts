import { configureApiClient } from '@clockwork/api-client';
import { createAuthFetch } from './auth-fetch';
import { sessionStore } from './session';

/**
 * Points the generated client at the API, with the signed-in user's token and transparent
 * refresh. Empty base URL = the page's own origin: the Vite dev server and `vite preview` proxy
 * /api to the API, and production serves both behind one host.
 */
export function setupApiClient(baseUrl = '', baseFetch?: typeof fetch): void {
  const authFetch = createAuthFetch(baseFetch);
  configureApiClient({
    baseUrl,
    getToken: () => sessionStore.get()?.access_token,
    fetch: authFetch as typeof fetch,
  });
}
