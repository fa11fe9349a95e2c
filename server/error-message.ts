// The text of something thrown, for messages shown to people and for log fields.

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
