// Turns a stored snapshot + update log into one Yjs state. Shared by every backend, so SQLite and
// PostgreSQL judge corrupt data alike: a corrupt snapshot fails loudly (a document that cannot be
// read back must never be replaced by an empty one); a corrupt log entry is set aside and skipped,
// so the document opens from its last good state and the entry can be inspected.

import * as Y from 'yjs';
import { CorruptDocumentError, type LoggedUpdate } from './types';
import { errorMessage } from '../error-message';

export interface Replayed {
  /** The snapshot with every good entry applied, as one Yjs update. */
  state: Uint8Array;
  /** Entries that applied. */
  good: LoggedUpdate[];
  /** Entries that could not be decoded or applied, with why. */
  bad: { seq: number; data: Uint8Array; reason: string }[];
}

export function replay(name: string, snapshot: Uint8Array | null, updates: readonly LoggedUpdate[]): Replayed {
  let doc = new Y.Doc();
  const good: LoggedUpdate[] = [];
  const bad: Replayed['bad'] = [];
  try {
    if (snapshot) {
      const problem = applyProblem(doc, snapshot);
      if (problem) throw new CorruptDocumentError(`The snapshot of document "${name}" is corrupt: ${problem}`);
    }
    for (const update of updates) {
      const problem = applyProblem(doc, update.data);
      if (!problem) {
        good.push(update);
        continue;
      }
      bad.push({ seq: update.seq, data: asBytes(update.data), reason: `log entry ${update.seq} of document "${name}" is corrupt: ${problem}` });
      // An update that decoded but failed half-way may have changed the document: start again
      // from what is known to be good (rare, so the cost does not matter).
      doc.destroy();
      doc = rebuild(snapshot, good);
    }
    return { state: Y.encodeStateAsUpdate(doc), good, bad };
  } finally {
    doc.destroy();
  }
}

/** Why `update` cannot be applied to `doc`, or undefined once it is applied. */
function applyProblem(doc: Y.Doc, update: unknown): string | undefined {
  if (!(update instanceof Uint8Array)) return 'it is not binary Yjs data';
  try {
    // Decoding first refuses most corruption before anything touches the document.
    Y.decodeUpdate(update);
    Y.applyUpdate(doc, update);
    return undefined;
  } catch (error) {
    return errorMessage(error);
  }
}

function rebuild(snapshot: Uint8Array | null, good: readonly LoggedUpdate[]): Y.Doc {
  const doc = new Y.Doc();
  if (snapshot) Y.applyUpdate(doc, snapshot);
  for (const update of good) Y.applyUpdate(doc, update.data);
  return doc;
}

function asBytes(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  return new TextEncoder().encode(String(value));
}
