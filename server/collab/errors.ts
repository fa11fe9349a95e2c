// What Clausework's Hocuspocus hooks throw to refuse something. Hocuspocus sends `reason` to the
// client (as the close reason, or as the permission-denied reason during connection set-up), so
// it says plainly what went wrong, machine-readable part first ("update-too-large: ...").
//
// Deliberately not an Error: Hocuspocus prints any rejection that has a `message` to stderr as
// unstructured text; we log these ourselves as JSON lines instead.

export class CollabError {
  readonly reason: string;
  constructor(
    readonly code: number,
    readonly kind: string,
    readonly detail: string
  ) {
    this.reason = `${kind}: ${detail}`;
  }
}

// Application close codes (4000-4999 are free for applications in RFC 6455).
export const CLOSE = {
  malformedUpdate: 4400,
  unknownStandard: 4404,
  standardDeleted: 4410,
  updateTooLarge: 4413,
  loadFailed: 4500,
  storageFailed: 4503,
  documentTooLarge: 4507
} as const;
