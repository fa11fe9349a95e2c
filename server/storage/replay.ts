// Turns a stored snapshot + update log into one Yjs state, failing loudly on a bad row: a
// document that cannot be read back must never be replaced by an empty one.

import * as Y from 'yjs';
import { CorruptDocumentError, type StoredDocument } from './types';

export function replay(name: string, stored: StoredDocument): Uint8Array {
  const doc = new Y.Doc();
  try {
    if (stored.snapshot) apply(doc, stored.snapshot, `the snapshot of document "${name}"`);
    stored.updates.forEach((update, index) =>
      apply(doc, update, `update ${index + 1} of ${stored.updates.length} in the log of document "${name}"`)
    );
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

function apply(doc: Y.Doc, update: Uint8Array, what: string): void {
  if (!(update instanceof Uint8Array)) {
    throw new CorruptDocumentError(`${what} is corrupt: it is not binary Yjs data.`);
  }
  try {
    Y.applyUpdate(doc, update);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CorruptDocumentError(`${what} is corrupt: ${reason}`);
  }
}
