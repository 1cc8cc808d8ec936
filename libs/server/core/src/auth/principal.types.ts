import { seesEveryonesTime, type Role } from '@clockwork/shared-dto';

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

/**
 * Whose time entries a caller reads: `all` (admins and managers, and API keys of those roles), or
 * only those of `userId` (sales and support; a sales or support API key is nobody, so `null`: none).
 */
export function timeEntryScope(principal: Principal | undefined): { all: true } | { all: false; userId: string | null } {
  if (principal && seesEveryonesTime(principal.role)) return { all: true };
  return { all: false, userId: principal?.kind === 'user' ? principal.id : null };
}
