import type { ErrorResponseDto } from '@clockwork/api-client';

/** A failed API call: the HTTP status, the API's message and its per-field errors. */
export class ApiError extends Error {
  readonly fieldErrors: Record<string, string>;

  constructor(
    readonly status: number,
    message: string,
    readonly body?: ErrorResponseDto,
  ) {
    super(message);
    this.name = 'ApiError';
    this.fieldErrors = Object.fromEntries((body?.details ?? []).map((d) => [d.field, d.errors.join(' ')]));
  }
}

function isErrorResponse(value: unknown): value is ErrorResponseDto {
  return typeof value === 'object' && value !== null && 'statusCode' in value && 'message' in value;
}

interface SdkResult<T> {
  data?: T;
  error?: unknown;
  response?: Response;
}

/** The data of a generated-client call, or an ApiError. */
export async function unwrap<T>(call: Promise<SdkResult<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (response?.ok) return data as T;
  if (!response) throw new ApiError(0, 'Could not reach the server. Check your connection and try again.');
  if (isErrorResponse(error)) throw new ApiError(response.status, error.message, error);
  throw new ApiError(response.status, `The server answered HTTP ${response.status}.`);
}

/** A sentence for a toast or an error panel. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 403) return 'You do not have permission to do that.';
    if (error.status === 412) return 'Someone changed this record meanwhile. Reload and try again.';
    return error.message;
  }
  return error instanceof Error ? error.message : 'Something went wrong.';
}

export function fieldErrorsOf(error: unknown): Record<string, string> {
  return error instanceof ApiError ? error.fieldErrors : {};
}
