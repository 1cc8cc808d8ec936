import { client } from './generated/client.gen';

export interface ApiClientSettings {
  /** Origin of the API, e.g. `http://localhost:3000`; empty for the page's own origin. */
  baseUrl?: string;
  /** Returns the bearer token for each request (access token or `ck_` API key). */
  getToken?: () => string | undefined | Promise<string | undefined>;
  fetch?: typeof fetch;
}

/** Points the shared client at an API and gives it credentials. */
export function configureApiClient(settings: ApiClientSettings): void {
  client.setConfig({
    baseUrl: settings.baseUrl ?? '',
    ...(settings.fetch ? { fetch: settings.fetch } : {}),
    auth: settings.getToken ? () => settings.getToken?.() : undefined,
  });
}
