// Durable collaborative documents: a Hocuspocus extension that loads each document from the store
// and appends every client update to the store's log *before* Hocuspocus applies and acknowledges
// it. Hocuspocus runs `beforeHandleMessage(...).then(apply and acknowledge)` for each message, so
// the append happens in that hook and the message waits for it: an acknowledged edit is stored,
// whatever the backend's latency. An append that fails refuses the message (the connection closes
// with storage-failed; the client keeps the edit unacknowledged and sends it again when it
// rejoins). Updates that arrive from elsewhere (another server instance) are not stored again.
// The debounced onStoreDocument hook is deliberately unused: it would lose seconds of edits on a crash.

import * as Y from 'yjs';
import type {
  Connection,
  Document,
  Extension,
  beforeHandleMessagePayload,
  beforeUnloadDocumentPayload,
  onConnectPayload,
  onLoadDocumentPayload
} from '@hocuspocus/server';
import type { Config } from '../config';
import type { Logger } from '../log';
import type { DocumentStore } from '../storage/types';
import { CLOSE, CollabError } from './errors';
import { carriedUpdate, carriesDocumentContent } from './messages';
import { addsNothing } from './update-news';
import { errorMessage } from '../error-message';

type Limits = Pick<Config, 'maxUpdateBytes' | 'maxDocumentBytes' | 'compactAfterUpdates'>;

interface Tracked {
  /** Bytes the store holds for the document (snapshot + log): an upper bound of its state. */
  bytes: number;
  /** Updates in the log since the last compaction (found on load plus appended here). */
  logged: number;
  /** Bytes appended by this instance, ever (to account for appends during a compaction). */
  appended: number;
  /** Set when the standard is deleted: why nothing more may be stored. */
  closed?: CollabError;
  /** The compaction under way, if any (one at a time per document). */
  compacting?: Promise<void>;
}

export interface PersistenceOptions {
  store: DocumentStore;
  limits: Limits;
  log: Logger;
  /** Whether a standard with this id exists; unknown names are refused before loading. */
  exists(name: string): Promise<boolean>;
}

export interface Persistence extends Extension {
  /** Stops storing a document (its standard was deleted); its connections are closed elsewhere. */
  forget(name: string): void;
  /** Compacts every open document (on shutdown). Never rejects. */
  compactAll(): Promise<void>;
}

export function persistence({ store, limits, log, exists }: PersistenceOptions): Persistence {
  const open = new Map<Document, Tracked>();
  /** Each connection's last message in handling: the next one waits for it (see inOrder). */
  const tails = new WeakMap<Connection, Promise<void>>();

  /** Folds the stored log into the snapshot; errors are logged (the log still holds everything). */
  const compact = (name: string, tracked: Tracked): Promise<void> =>
    (tracked.compacting ??= (async () => {
      const folded = tracked.logged;
      const appendedBefore = tracked.appended;
      try {
        const size = await store.compact(name);
        tracked.logged = Math.max(0, tracked.logged - folded);
        // Appends made meanwhile may or may not be in the new snapshot: counting them keeps an upper bound.
        if (size !== undefined) tracked.bytes = size + (tracked.appended - appendedBefore);
        log.debug('document.compacted', { document: name, logged: folded, bytes: size });
      } catch (error) {
        log.error('document.compact_failed', { document: name, error });
      } finally {
        tracked.compacting = undefined;
      }
    })());

  const checkSize = async (document: Document, tracked: Tracked, data: Uint8Array) => {
    if (data.byteLength > limits.maxUpdateBytes) {
      throw new CollabError(
        CLOSE.updateTooLarge,
        'update-too-large',
        `a message of ${data.byteLength} bytes exceeds the limit of ${limits.maxUpdateBytes} bytes (MAX_UPDATE_BYTES); the edit was not stored.`
      );
    }
    if (!carriesDocumentContent(data) || tracked.bytes + data.byteLength <= limits.maxDocumentBytes) return;
    await compact(document.name, tracked); // the log overstates the size; measure the real state first
    if (tracked.bytes + data.byteLength > limits.maxDocumentBytes) {
      throw new CollabError(
        CLOSE.documentTooLarge,
        'document-too-large',
        `the document would grow past ${limits.maxDocumentBytes} bytes (MAX_DOCUMENT_BYTES); the edit was not stored.`
      );
    }
  };

  const append = async (document: Document, tracked: Tracked, update: Uint8Array, socketId: string) => {
    if (tracked.closed) throw tracked.closed;
    try {
      await store.append(document.name, update);
    } catch (error) {
      // Only this message is refused: the document keeps serving everyone else, and the next
      // append is tried afresh (a database that comes back works again).
      log.error('document.append_failed', { document: document.name, socket: socketId, error });
      throw new CollabError(CLOSE.storageFailed, 'storage-failed', `Could not store the edit: ${errorMessage(error)}`);
    }
    tracked.bytes += update.byteLength;
    tracked.appended += update.byteLength;
    tracked.logged += 1;
    if (tracked.logged >= limits.compactAfterUpdates && !tracked.compacting) void compact(document.name, tracked);
  };

  /** Checks one message and stores the update it carries, if any. Throws CollabError to refuse it. */
  const handle = async (payload: beforeHandleMessagePayload, tracked: Tracked) => {
    const { document, connection, socketId, update: data } = payload;
    let update: Uint8Array | undefined;
    let decoded: ReturnType<typeof Y.decodeUpdate> | undefined;
    try {
      await checkSize(document, tracked, data);
      update = carriedUpdate(data);
      decoded = update && wellFormed(update);
    } catch (error) {
      if (error instanceof CollabError) log.warn('collab.refused', { document: document.name, socket: socketId, reason: error.reason });
      throw error;
    }
    // A read-only connection's update is refused by Hocuspocus itself, so it is not stored.
    if (!update || !decoded || connection.readOnly || addsNothing(document, decoded)) return;
    await append(document, tracked, update, socketId);
  };

  /**
   * Runs a connection's messages one after another. Hocuspocus applies each message when its hook
   * resolves, so a quick hook (an awareness message) must not overtake a slow one (an append)
   * from the same client. A refused message refuses everything after it on that connection (it
   * is being closed anyway).
   */
  const inOrder = (connection: Connection, work: () => Promise<void>): Promise<void> => {
    const run = (tails.get(connection) ?? Promise.resolve()).then(work);
    tails.set(connection, run);
    return run;
  };

  return {
    extensionName: 'clausework-persistence',

    async onConnect({ documentName }: onConnectPayload) {
      let known: boolean;
      try {
        known = await exists(documentName);
      } catch (error) {
        log.error('document.load_failed', { document: documentName, error });
        throw new CollabError(CLOSE.loadFailed, 'load-failed', `Could not look up standard "${documentName}": ${errorMessage(error)}`);
      }
      if (!known) {
        log.info('collab.refused', { document: documentName, reason: 'unknown-standard' });
        throw new CollabError(CLOSE.unknownStandard, 'unknown-standard', `There is no standard "${documentName}".`);
      }
    },

    async onLoadDocument({ document, documentName }: onLoadDocumentPayload) {
      let loaded: Awaited<ReturnType<DocumentStore['load']>>;
      try {
        loaded = await store.load(documentName);
      } catch (error) {
        log.error('document.load_failed', { document: documentName, error });
        // Hocuspocus drops the half-made document when this hook throws, so it is never stored,
        // but does not destroy it: its awareness timer would leak on every retry (hocuspocus#954).
        document.destroy();
        throw new CollabError(CLOSE.loadFailed, 'load-failed', `Could not load standard "${documentName}": ${errorMessage(error)}`);
      }
      for (const entry of loaded?.quarantined ?? []) {
        log.error('document.quarantined', { document: documentName, seq: entry.seq, reason: entry.reason });
      }
      if (loaded) Y.applyUpdate(document, loaded.state);
      open.set(document, { bytes: loaded?.bytes ?? 0, logged: loaded?.logged ?? 0, appended: 0 });
      log.info('document.loaded', { document: documentName, bytes: loaded?.bytes ?? 0, logged: loaded?.logged ?? 0 });
    },

    async beforeHandleMessage(payload: beforeHandleMessagePayload) {
      const tracked = open.get(payload.document);
      if (tracked) return inOrder(payload.connection, () => handle(payload, tracked));
      // Not tracked (being unloaded, or its load failed): an edit could not be stored, so it must
      // not be applied and acknowledged either. The client rejoins and sends it again.
      if (carriedUpdate(payload.update)?.byteLength) {
        log.warn('collab.refused', { document: payload.document.name, socket: payload.socketId, reason: 'not-loaded' });
        throw new CollabError(CLOSE.tryAgain, 'not-loaded', 'the document is being unloaded; the edit was not stored, send it again.');
      }
    },

    // Must never throw: Hocuspocus keeps a document in memory forever when this hook rejects.
    async beforeUnloadDocument({ document, documentName }: beforeUnloadDocumentPayload) {
      const tracked = open.get(document);
      if (!tracked) return;
      if (!tracked.closed && tracked.logged > 0) await compact(documentName, tracked);
      // A client that joined meanwhile keeps the document loaded (Hocuspocus checks the count right
      // after these hooks, with no I/O in between), and its edits must still be stored.
      if (document.getConnectionsCount() > 0) return;
      open.delete(document);
      log.info('document.unloaded', { document: documentName });
    },

    forget(name) {
      const deleted = new CollabError(CLOSE.standardDeleted, 'standard-deleted', `Standard "${name}" no longer exists.`);
      for (const [document, tracked] of open) if (document.name === name) tracked.closed = deleted;
    },

    async compactAll() {
      await Promise.all(
        [...open].filter(([, tracked]) => !tracked.closed && tracked.logged > 0).map(([document, tracked]) => compact(document.name, tracked))
      );
    }
  };
}

/** The decoded update; refuses one that cannot be decoded, before Yjs half-applies it. */
function wellFormed(update: Uint8Array): ReturnType<typeof Y.decodeUpdate> {
  try {
    return Y.decodeUpdate(update);
  } catch (error) {
    throw new CollabError(CLOSE.malformedUpdate, 'malformed-update', `the edit is not a valid Yjs update (${errorMessage(error)}); it was not applied.`);
  }
}
