// What Clausework's Hocuspocus hooks throw to refuse something. Hocuspocus sends `reason` to the
// client (as the close reason, or as the permission-denied reason during connection set-up), so
// it says plainly what went wrong, machine-readable part first ("update-too-large: ..."). Access
// refusals carry the bare kind ("unauthenticated", "forbidden", "access-revoked") so that
// clients can compare it as is.
//
// Deliberately not an Error: Hocuspocus prints any rejection that has a `message` to stderr as
// unstructured text; we log these ourselves as JSON lines instead.

export class CollabError {
  readonly reason: string;
  constructor(
    readonly code: number,
    readonly kind: string,
    readonly detail = ''
  ) {
    this.reason = detail ? `${kind}: ${detail}` : kind;
  }
}

// Application close codes (4000-4999 are free for applications in RFC 6455).
export const CLOSE = {
  malformedUpdate: 4400,
  /** No valid session, or it ended (logout, password change) or expired while connected. */
  unauthenticated: 4401,
  /** Not a member of the standard's group, access revoked while connected, or a message the role may not send. */
  forbidden: 4403,
  unknownStandard: 4404,
  standardDeleted: 4410,
  updateTooLarge: 4413,
  loadFailed: 4500,
  storageFailed: 4503,
  /** RFC 6455 "Try Again Later": the client rejoins by itself (e.g. access could not be checked). */
  tryAgain: 1013,
  documentTooLarge: 4507
} as const;
