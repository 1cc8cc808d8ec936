import type { Role } from '@clockwork/shared-dto';

/**
 * Who is calling: a signed-in user, an API key, or an integration whose signed webhook is being
 * processed (`id` is then the integration's id), always of one organization.
 */
export interface Principal {
  kind: 'user' | 'api_key' | 'integration';
  id: string;
  organizationId: string;
  role: Role;
  /** The login family (refresh-token session) of a user's access token. */
  sessionId?: string;
  /** Per-key requests per minute (API keys only). */
  rateLimitPerMinute?: number | null;
  /** Per-key requests per UTC day (API keys only). */
  dailyQuota?: number | null;
}
