// Errors thrown from Hocuspocus hooks. Hocuspocus sends `reason` to the client (as the close
// reason, or as the permission-denied reason during connection set-up), so it must say plainly
// what went wrong; the machine-readable part comes first ("update-too-large: ...").

export class CollabError extends Error {
  readonly reason: string;
  constructor(
    readonly code: number,
    kind: string,
    message: string
  ) {
    super(message);
    this.name = 'CollabError';
    this.reason = `${kind}: ${message}`;
  }
}

// Application close codes (4000-4999 are free for applications in RFC 6455).
export const CLOSE = {
  unknownStandard: 4404,
  loadFailed: 4500,
  storageFailed: 4503,
  updateTooLarge: 4413,
  documentTooLarge: 4507,
  standardDeleted: 4410,
  malformedUpdate: 4400
} as const;
