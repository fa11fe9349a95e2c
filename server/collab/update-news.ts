// Whether a client's Yjs update would change the server's document. A client's sync step 2 carries
// its whole delete set even when the server has all of it, so without this check every reconnect
// would log a redundant (possibly large) entry. Cost: proportional to the update, not the document
// (Y.snapshotContainsUpdate would build the document's whole delete set for every message).

import * as Y from 'yjs';

type Decoded = ReturnType<typeof Y.decodeUpdate>;

/** True when every struct and every deletion in `update` is already in `doc`. */
export function addsNothing(doc: Y.Doc, update: Decoded): boolean {
  for (const struct of update.structs) {
    if (!(struct instanceof Y.Item) && !(struct instanceof Y.GC)) continue; // a Skip: a gap, no content
    if (struct.id.clock + struct.length > Y.getState(doc.store, struct.id.client)) return false;
  }
  for (const [client, ranges] of update.ds.clients) {
    for (const range of ranges) if (!allDeleted(doc, client, range.clock, range.len)) return false;
  }
  return true;
}

/** Whether the document knows every struct of client in [clock, clock + len) and each is deleted. */
function allDeleted(doc: Y.Doc, client: number, clock: number, len: number): boolean {
  if (len <= 0) return true;
  const end = clock + len;
  if (end > Y.getState(doc.store, client)) return false;
  const structs = doc.store.clients.get(client);
  if (!structs) return false;
  for (let index = Y.findIndexSS(structs, clock); index < structs.length; index++) {
    const struct = structs[index]!;
    if (struct.id.clock >= end) break;
    if (!struct.deleted) return false;
  }
  return true;
}
