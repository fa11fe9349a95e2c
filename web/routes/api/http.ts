// Uniform answers for the HTTP API: tools get JSON `{ error }` with a 4xx/5xx status they can act
// on, never SvelteKit's HTML error page.

import { isInputError, isRateLimitError, retryAfterHeader } from '../../lib/auth/service-errors';

/** A failure the API reports to the caller with its own status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function errorResponse(status: number, message: string, headers: HeadersInit = {}): Response {
  return new Response(JSON.stringify({ error: message }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers }
  });
}

/** Runs a handler, turning the caller's mistakes into JSON errors; anything else is a bug (500). */
export async function answer(handler: () => Promise<Response> | Response): Promise<Response> {
  try {
    return await handler();
  } catch (error) {
    if (isRateLimitError(error)) return errorResponse(error.status, error.message, retryAfterHeader(error));
    if (error instanceof ApiError || isInputError(error)) {
      return errorResponse(error.status, error.message);
    }
    // SvelteKit's own request errors (a body over BODY_SIZE_LIMIT is a 413) carry their status.
    if (isClientError(error)) return errorResponse(error.status, error.message);
    throw error;
  }
}

// The services' errors are recognised by shape (see web/lib/auth/service-errors.ts).
export { isInputError } from '../../lib/auth/service-errors';

function isClientError(error: unknown): error is { status: number; message: string } {
  const status = (error as { status?: unknown } | null)?.status;
  return error instanceof Error && typeof status === 'number' && status >= 400 && status < 500;
}
