// Errors the services throw, recognised by shape. The services are built by server/main.ts from
// its own copy of server/services.ts, not the one bundled into the web app, so `instanceof`
// cannot be trusted across the seam.

export interface ServiceError {
  name: string;
  message: string;
  status: number;
}

export interface RateLimited extends ServiceError {
  retryAfterSeconds: number;
}

/** An InputError or one of its subclasses (RateLimitError): the caller's mistake, with a status. */
export function isInputError(error: unknown): error is ServiceError {
  return (
    error instanceof Error &&
    (error.name === 'InputError' || error.name === 'RateLimitError') &&
    typeof (error as { status?: unknown }).status === 'number'
  );
}

export function isRateLimitError(error: unknown): error is RateLimited {
  return (
    isInputError(error) &&
    error.name === 'RateLimitError' &&
    typeof (error as { retryAfterSeconds?: unknown }).retryAfterSeconds === 'number'
  );
}

/** "Too many attempts…" with the wait in whole minutes, for people (tools read Retry-After). */
export function waitMessage(error: RateLimited): string {
  const minutes = Math.max(1, Math.ceil(error.retryAfterSeconds / 60));
  return `Too many attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}

export function retryAfterHeader(error: RateLimited): Record<string, string> {
  return { 'retry-after': String(Math.max(1, Math.ceil(error.retryAfterSeconds))) };
}
