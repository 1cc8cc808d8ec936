import type { Role } from '@clockwork/shared-dto';

/** Who is calling: a signed-in user or an integration's API key, always of one organization. */
export interface Principal {
  kind: 'user' | 'api_key';
  id: string;
  organizationId: string;
  role: Role;
  /** Per-key requests per minute (API keys only). */
  rateLimitPerMinute?: number | null;
}
