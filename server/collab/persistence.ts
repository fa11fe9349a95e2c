// Durable collaborative documents: a Hocuspocus extension that loads each document from the
// store and appends every update the server applies to the store's log *before* Hocuspocus
// acknowledges it (Hocuspocus sends the SyncStatus reply right after Y.applyUpdate returns, and
// Yjs calls 'update' listeners inside applyUpdate; better-sqlite3 writes synchronously). The
// debounced onStoreDocument hook is deliberately unused: it would lose seconds of edits on a crash.

import * as Y from 'yjs';
import type {
  Document,
  Hocuspocus,
  onConfigurePayload,
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

type Limits = Pick<Config, 'maxUpdateBytes' | 'maxDocumentBytes' | 'compactAfterUpdates'>;

interface Tracked {
  /** Bytes the store holds for the document (snapshot + log). */
  bytes: number;
  /** Updates logged since the last compaction. */
  logged: number;
  /** Set when the standard is deleted or storage failed: why nothing more may be stored. */
  closed?: CollabError;
}

export interface PersistenceOptions {
  store: DocumentStore;
  limits: Limits;
  log: Logger;
  /** Whether a standard with this id exists; unknown names are refused before loading. */
  exists(name: string): boolean;
}

export interface Persistence extends Extension {
  /** Stops storing a document (its standard was deleted); its connections are closed elsewhere. */
  forget(name: string): void;
  /** Compacts every open document (on shutdown). */
  compactAll(): void;
}

export function persistence({ store, limits, log, exists }: PersistenceOptions): Persistence {
  const open = new Map<Document, Tracked>();
  let instance: Hocuspocus | undefined;

  const compact = (document: Document, tracked: Tracked) => {
    if (tracked.closed || tracked.logged === 0) return;
    const state = Y.encodeStateAsUpdate(document);
    store.compact(document.name, state);
    log.debug('document.compacted', { document: document.name, logged: tracked.logged, bytes: state.byteLength });
    tracked.bytes = state.byteLength;
    tracked.logged = 0;
  };

  const safeCompact = (document: Document, tracked: Tracked) => {
    try {
      compact(document, tracked);
    } catch (error) {
      // The log still holds every update, so nothing is lost; the next load replays it.
      log.error('document.compact_failed', { document: document.name, error });
    }
  };

  const record = (document: Document, tracked: Tracked) => (update: Uint8Array) => {
    if (tracked.closed) throw tracked.closed;
    try {
      store.append(document.name, update);
    } catch (error) {
      // The update is in memory but not stored: stop accepting edits for this document; its
      // clients keep their changes unacknowledged and send them again once it reloads.
      tracked.closed = new CollabError(CLOSE.storageFailed, 'storage-failed', `Could not store the edit: ${message(error)}`);
      log.error('document.append_failed', { document: document.name, error });
      setImmediate(() => instance?.closeConnections(document.name));
      throw tracked.closed;
    }
    tracked.bytes += update.byteLength;
    tracked.logged += 1;
    if (tracked.logged >= limits.compactAfterUpdates) setImmediate(() => safeCompact(document, tracked));
  };

  const checkLimits = (document: Document, tracked: Tracked, data: Uint8Array) => {
    if (data.byteLength > limits.maxUpdateBytes) {
      throw new CollabError(
        CLOSE.updateTooLarge,
        'update-too-large',
        `a message of ${data.byteLength} bytes exceeds the limit of ${limits.maxUpdateBytes} bytes (MAX_UPDATE_BYTES); the edit was not stored.`
      );
    }
    checkWellFormed(data);
    if (!carriesDocumentContent(data) || tracked.bytes + data.byteLength <= limits.maxDocumentBytes) return;
    compact(document, tracked); // the log overstates the size; measure the real state first
    if (tracked.bytes + data.byteLength > limits.maxDocumentBytes) {
      throw new CollabError(
        CLOSE.documentTooLarge,
        'document-too-large',
        `the document would grow past ${limits.maxDocumentBytes} bytes (MAX_DOCUMENT_BYTES); the edit was not stored.`
      );
    }
  };

  return {
    extensionName: 'clausework-persistence',

    async onConfigure(payload: onConfigurePayload) {
      instance = payload.instance;
    },

    async onConnect({ documentName }: onConnectPayload) {
      if (!exists(documentName)) {
        log.info('collab.refused', { document: documentName, reason: 'unknown-standard' });
        throw new CollabError(CLOSE.unknownStandard, 'unknown-standard', `There is no standard "${documentName}".`);
      }
    },

    async onLoadDocument({ document, documentName }: onLoadDocumentPayload) {
      let stored: { state: Uint8Array | undefined; bytes: number; logged: number };
      try {
        stored = {
          state: store.load(documentName),
          bytes: store.read(documentName)?.bytes ?? 0,
          logged: store.logLength(documentName)
        };
      } catch (error) {
        log.error('document.load_failed', { document: documentName, error });
        // Hocuspocus drops the half-made document when this hook throws, so it is never stored,
        // but does not destroy it: its awareness timer would leak on every retry (hocuspocus#954).
        document.destroy();
        throw new CollabError(CLOSE.loadFailed, 'load-failed', `Could not load standard "${documentName}": ${message(error)}`);
      }
      if (stored.state) Y.applyUpdate(document, stored.state);
      const tracked: Tracked = { bytes: stored.bytes, logged: stored.logged };
      open.set(document, tracked);
      // Attached after the stored state is applied, so loading logs nothing.
      document.on('update', record(document, tracked));
      log.info('document.loaded', { document: documentName, bytes: stored.bytes, logged: stored.logged });
    },

    async beforeHandleMessage({ document, update, socketId }: beforeHandleMessagePayload) {
      const tracked = open.get(document);
      if (!tracked) return;
      try {
        checkLimits(document, tracked, update);
      } catch (error) {
        if (error instanceof CollabError) {
          log.warn('collab.refused', { document: document.name, socket: socketId, reason: error.reason });
        }
        throw error;
      }
    },

    // Must never throw: Hocuspocus keeps a document in memory forever when this hook rejects.
    async beforeUnloadDocument({ document, documentName }: beforeUnloadDocumentPayload) {
      const tracked = open.get(document);
      if (!tracked) return;
      safeCompact(document, tracked);
      open.delete(document);
      log.info('document.unloaded', { document: documentName });
    },

    forget(name) {
      const deleted = new CollabError(CLOSE.standardDeleted, 'standard-deleted', `Standard "${name}" no longer exists.`);
      for (const [document, tracked] of open) if (document.name === name) tracked.closed = deleted;
    },

    compactAll() {
      for (const [document, tracked] of open) safeCompact(document, tracked);
    }
  };
}

/** Refuses a sync message whose Yjs update cannot be decoded, before Yjs half-applies it. */
function checkWellFormed(data: Uint8Array): void {
  const update = carriedUpdate(data);
  if (!update) return;
  try {
    Y.decodeUpdate(update);
  } catch (error) {
    throw new CollabError(CLOSE.malformedUpdate, 'malformed-update', `the edit is not a valid Yjs update (${message(error)}); it was not applied.`);
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
