// Drops a client's request to close a document connection that no longer exists. When the server
// closes one document of a socket (storage failed, access changed), the provider rejoins with
// detach() + attach(): a Close message, then an Auth message. Hocuspocus queues the Close (there
// is no connection to hand it to) and replays it once the new connection is set up, which closes
// the new connection at once, and so on for every rejoin. A Close sent before the Auth that
// started the connection being set up is stale: it is dropped when replayed.

import { MESSAGE_TYPE, messageHeader } from './messages';

export interface StaleCloseFilter {
  /** True when the message must not reach Hocuspocus. `replayed`: re-emitted from its queue. */
  drop(data: Uint8Array, replayed: boolean): boolean;
}

/** One per socket; `connected(name)` tells whether the socket has a live connection to document `name`. */
export function staleCloseFilter(connected: (name: string) => boolean): StaleCloseFilter {
  /** Close messages received while the document had no connection on this socket, per document. */
  const waiting = new Map<string, number>();
  /** Of those, how many were followed by an Auth (so are stale), per document. */
  const stale = new Map<string, number>();
  const bump = (map: Map<string, number>, name: string, by: number) => {
    const next = (map.get(name) ?? 0) + by;
    if (next > 0) map.set(name, next);
    else map.delete(name);
  };

  return {
    drop(data, replayed) {
      const header = messageHeader(data);
      if (!header) return false;
      const { name, type } = header;
      if (replayed) {
        if (type !== MESSAGE_TYPE.close) return false;
        if (!stale.has(name)) {
          bump(waiting, name, -1); // sent after the Auth: a real request, for this connection
          return false;
        }
        bump(stale, name, -1);
        return true;
      }
      if (type === MESSAGE_TYPE.close && !connected(name)) bump(waiting, name, 1);
      if (type === MESSAGE_TYPE.auth && waiting.has(name)) {
        bump(stale, name, waiting.get(name)!);
        waiting.delete(name);
      }
      return false;
    }
  };
}
