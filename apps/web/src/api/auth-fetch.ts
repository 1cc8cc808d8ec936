import type { TokenResponseDto } from '@clockwork/api-client';
import { fetchRetryingBusy } from './busy-retry';
import { sessionStore } from './session';

const AUTH_PATHS = /\/api\/v1\/auth\/(login|signup|refresh|logout)$/;

/**
 * A fetch for the generated client: when an access token has expired (401), it trades the
 * refresh token for a new pair once — concurrent 401s share that one refresh — and replays the
 * request. When the refresh fails, the session ends (the app shows the sign-in page). A request
 * the server refused for load (503 with Retry-After) is sent again after the wait it asks for.
 */
export function createAuthFetch(baseFetch: typeof fetch = (input, init) => globalThis.fetch(input, init)) {
  let refreshing: Promise<string | null> | null = null;

  async function refresh(origin: string): Promise<string | null> {
    const session = sessionStore.get();
    if (!session) return null;
    try {
      const response = await baseFetch(`${origin}/api/v1/auth/refresh`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ refresh_token: session.refresh_token }),
      });
      if (!response.ok) {
        // Another tab may have rotated the pair already: use its tokens when they are newer.
        const stored = sessionStore.get();
        if (stored && stored.refresh_token !== session.refresh_token) return stored.access_token;
        sessionStore.set(null);
        return null;
      }
      const tokens = (await response.json()) as TokenResponseDto;
      sessionStore.set(sessionStore.fromTokens(tokens));
      return tokens.access_token;
    } catch {
      return null;
    }
  }

  return async function authFetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const replay = AUTH_PATHS.test(url.pathname) ? undefined : request.clone();
    const sentToken = request.headers.get('Authorization');
    const response = await fetchRetryingBusy(baseFetch, request);
    if (response.status !== 401 || !replay || !sessionStore.get()) return response;

    const stored = sessionStore.get();
    let token: string | null;
    if (stored && sentToken !== `Bearer ${stored.access_token}`) {
      token = stored.access_token; // refreshed meanwhile by another request
    } else {
      refreshing ??= refresh(url.origin).finally(() => (refreshing = null));
      token = await refreshing;
    }
    if (!token) return response;
    const headers = new Headers(replay.headers);
    headers.set('Authorization', `Bearer ${token}`);
    return fetchRetryingBusy(baseFetch, new Request(replay, { headers }));
  };
}
