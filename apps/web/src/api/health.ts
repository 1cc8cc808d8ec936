import { healthCheck, type HealthDto } from '@clockwork/api-client';
import { useQuery } from '@tanstack/react-query';
import { queryKeys } from './query-keys';

export type Health = HealthDto;

/** Why the health request gave no health report. */
export class HealthRequestError extends Error {
  constructor(
    readonly kind: 'unreachable' | 'unexpected',
    readonly httpStatus?: number,
  ) {
    super(
      kind === 'unreachable'
        ? `The API did not answer${httpStatus ? ` (HTTP ${httpStatus})` : ''}`
        : `The API answered with an unexpected HTTP ${httpStatus}`,
    );
    this.name = 'HealthRequestError';
  }
}

function isHealth(body: unknown): body is Health {
  return typeof body === 'object' && body !== null && 'status' in body && 'db' in body && 'redis' in body;
}

function isApiError(body: unknown): boolean {
  return typeof body === 'object' && body !== null && 'statusCode' in body;
}

/** GET /api/v1/health; a 503 still carries the report (a component is down). */
export async function fetchHealth(signal?: AbortSignal): Promise<Health> {
  const { data, error, response } = await healthCheck({ signal });
  if (data) return data;
  if (!response) throw new HealthRequestError('unreachable');
  if (isHealth(error)) return error;
  // A gateway (the dev proxy, a load balancer) answering for an API that is not there.
  const gateway = response.status >= 500 && !isApiError(error);
  throw new HealthRequestError(gateway ? 'unreachable' : 'unexpected', response.status);
}

export const healthQueryKey = queryKeys.health;

export function useHealth() {
  return useQuery({
    queryKey: healthQueryKey,
    queryFn: ({ signal }) => fetchHealth(signal),
    refetchInterval: 30_000,
  });
}
