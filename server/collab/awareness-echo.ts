// Recognises awareness echoes. HocuspocusProvider sends every awareness change it *receives*
// back to the server (its awareness 'update' handler does not look at the origin), so each
// keystroke of one editor, which moves their caret, comes back once from every other client of
// the document. The server already holds that state, so applying an echo changes nothing: y-protocols
// ignores an entry whose clock is not newer than the one it knows. Such messages are dropped
// before they reach Hocuspocus and are not counted against the sender's rate limit: in a document
// with 100 editors typing, each client echoes hundreds of changes a second, and an awareness
// flood from one client would otherwise be echoed into every other client's budget.

import type { Hocuspocus } from '@hocuspocus/server';

/** What the server's awareness of a document knows about one client, if anything. */
export interface KnownAwareness {
  clock: number;
  /** Whether the server currently holds a state for the client (not removed). */
  present: boolean;
}

export type AwarenessLookup = (documentName: string, clientId: number) => KnownAwareness | undefined;

/** Reads the awareness of the documents Hocuspocus has open. */
export function awarenessLookup(hocuspocus: Hocuspocus): AwarenessLookup {
  return (documentName, clientId) => {
    const awareness = hocuspocus.documents.get(documentName)?.awareness;
    const meta = awareness?.meta.get(clientId);
    return meta && { clock: meta.clock, present: awareness!.states.has(clientId) };
  };
}

const AWARENESS = 1;
const NULL_STATE = [0x6e, 0x75, 0x6c, 0x6c]; // JSON "null": the client left

/**
 * True when `message` is a Hocuspocus awareness message every entry of which the server's
 * awareness would ignore (see applyAwarenessUpdate in y-protocols/awareness).
 */
export function isAwarenessEcho(message: Uint8Array, known: AwarenessLookup): boolean {
  const reader = new Reader(message);
  const name = reader.string();
  if (name === undefined || reader.varUint() !== AWARENESS) return false;
  const length = reader.varUint();
  if (length === undefined || reader.at + length !== message.length) return false;
  const count = reader.varUint();
  if (count === undefined || count === 0) return false;
  for (let i = 0; i < count; i++) {
    const clientId = reader.varUint();
    const clock = reader.varUint();
    const stateLength = reader.varUint();
    if (clientId === undefined || clock === undefined || stateLength === undefined) return false;
    const state = reader.bytes(stateLength);
    if (!state) return false;
    const current = known(name, clientId);
    if (!current || clock > current.clock) return false;
    // Same clock: y-protocols still applies a "left" entry for a client it holds a state for.
    if (clock === current.clock && current.present && isNull(state)) return false;
  }
  return reader.at === message.length;
}

function isNull(state: Uint8Array): boolean {
  return state.length === NULL_STATE.length && NULL_STATE.every((byte, i) => state[i] === byte);
}

class Reader {
  at = 0;
  constructor(private readonly data: Uint8Array) {}

  varUint(): number | undefined {
    let value = 0;
    for (let shift = 0; this.at < this.data.length && shift < 53; shift += 7) {
      const byte = this.data[this.at++]!;
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
    return undefined;
  }

  bytes(length: number): Uint8Array | undefined {
    if (this.at + length > this.data.length) return undefined;
    const out = this.data.subarray(this.at, this.at + length);
    this.at += length;
    return out;
  }

  string(): string | undefined {
    const length = this.varUint();
    const bytes = length === undefined ? undefined : this.bytes(length);
    if (!bytes) return undefined;
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return undefined;
    }
  }
}
