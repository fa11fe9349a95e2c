// Just enough of the Hocuspocus wire format to refuse bad input before Hocuspocus handles it:
// every message starts with the document name (varString) and a message type (varUint).

/** Hocuspocus message types that may carry document content (y-protocols sync messages). */
const SYNC = 0;
const SYNC_REPLY = 4;
/** Message types a client may send (Sync … SyncStatus in @hocuspocus/server's MessageType). */
const LAST_TYPE = 8;
const MAX_NAME_BYTES = 256;
/** y-protocols sync message subtypes that carry an update. */
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

/** Hocuspocus message types the server treats specially. */
export const MESSAGE_TYPE = { auth: 2, stateless: 5, broadcastStateless: 6, close: 7 } as const;

/** The Hocuspocus message type of a client message, or undefined when the header is malformed. */
export function messageType(data: Uint8Array): number | undefined {
  return readHeader(data)?.type;
}

/** The document a client message is for and its type, or undefined when the header is malformed. */
export function messageHeader(data: Uint8Array): { name: string; type: number } | undefined {
  const header = readHeader(data);
  return header && { name: header.name, type: header.type };
}

export function carriesDocumentContent(data: Uint8Array): boolean {
  const type = readHeader(data)?.type;
  return type === SYNC || type === SYNC_REPLY;
}

/** The Yjs update carried by a sync step 2 or update message, or undefined for other messages. */
export function carriedUpdate(data: Uint8Array): Uint8Array | undefined {
  const header = readHeader(data);
  if (!header || (header.type !== SYNC && header.type !== SYNC_REPLY)) return undefined;
  const subtype = readVarUint(data, header.end);
  if (!subtype || (subtype.value !== SYNC_STEP_2 && subtype.value !== SYNC_UPDATE)) return undefined;
  const length = readVarUint(data, subtype.next);
  if (!length || length.next + length.value > data.length) return new Uint8Array(0);
  return data.subarray(length.next, length.next + length.value);
}

/** Why a client message is malformed, or undefined when its header is well formed. */
export function malformation(data: Uint8Array, isBinary: boolean): string | undefined {
  if (!isBinary) return 'text frames are not part of the protocol; expected binary messages';
  const header = readHeader(data);
  if (!header) return 'the message does not start with a document name and a message type';
  if (header.type > LAST_TYPE) return `unknown message type ${header.type}`;
  return undefined;
}

function readHeader(data: Uint8Array): { name: string; type: number; end: number } | undefined {
  const length = readVarUint(data, 0);
  if (!length || length.value > MAX_NAME_BYTES || length.next + length.value >= data.length) return undefined;
  const bytes = data.subarray(length.next, length.next + length.value);
  let name: string;
  try {
    name = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
  const type = readVarUint(data, length.next + length.value);
  return type && { name, type: type.value, end: type.next };
}

function readVarUint(data: Uint8Array, start: number): { value: number; next: number } | undefined {
  let value = 0;
  let shift = 0;
  for (let i = start; i < data.length && shift < 35; i++) {
    const byte = data[i]!;
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return { value, next: i + 1 };
    shift += 7;
  }
  return undefined;
}
