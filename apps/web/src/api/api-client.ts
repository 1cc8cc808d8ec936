import { configureApiClient } from '@clockwork/api-client';

/**
 * Points the generated client at the API. Empty base URL = the page's own origin: the Vite dev
 * server and `vite preview` proxy /api to the API, and production serves both behind one host.
 */
export function setupApiClient(): void {
  configureApiClient({ baseUrl: '' });
}
