// What the server needs from persistent storage. Everything else (Hocuspocus hooks, services,
// the CLI) talks to these two interfaces only, so another backend (e.g. Postgres) is one new file
// implementing them plus one line in server/storage/open.ts.
//
// The methods are synchronous on purpose. `DocumentStore.append` runs inside Yjs's update
// handler, which Hocuspocus calls before it acknowledges the update to the client: an append
// that returns has made the edit durable, so an acknowledged edit survives kill -9. The
// StandardsService contract (server/services.ts) is synchronous too. A networked backend has to
// keep that promise (e.g. journal appends locally and ship them, or acknowledge from its own hook).

import type { StandardSummary } from '../services';

/** A stored collaborative document: the compacted state plus the updates logged since. */
export interface StoredDocument {
  snapshot: Uint8Array | null;
  updates: Uint8Array[];
  /** Bytes held for the document (snapshot + log); an upper bound of its encoded state. */
  bytes: number;
}

export interface DocumentStore {
  /** The stored document, or undefined if nothing was ever stored under this name. */
  read(name: string): StoredDocument | undefined;
  /** The document's state: snapshot with the log replayed, merged into one Yjs update. */
  load(name: string): Uint8Array | undefined;
  /** Appends one Yjs update to the document's log; durable when it returns. */
  append(name: string, update: Uint8Array): void;
  /** Number of updates in the log since the last compaction. */
  logLength(name: string): number;
  /**
   * Replaces the snapshot with `state` and drops the log, in one transaction. `state` must
   * contain everything logged so far (e.g. Y.encodeStateAsUpdate of the live document that
   * produced every logged update). Without `state`, the stored snapshot and log are merged.
   */
  compact(name: string, state?: Uint8Array): void;
  /** Creates or replaces the whole document with `state` (used when creating a standard). */
  put(name: string, state: Uint8Array): void;
  delete(name: string): void;
  /** Every document name held. */
  names(): string[];
}

/** A standard's metadata row: exactly what the services hand out as a summary. */
export type StandardRow = StandardSummary;

export type StandardFields = Pick<StandardRow, 'title' | 'designation' | 'series' | 'studyGroup'>;

export interface StandardsRepository {
  list(): StandardRow[];
  get(id: string): StandardRow | undefined;
  create(row: StandardRow): void;
  update(id: string, fields: Partial<StandardFields>, updatedAt: string): StandardRow | undefined;
  /** Returns whether a row was removed. */
  delete(id: string): boolean;
  count(): number;
}

export interface Storage {
  documents: DocumentStore;
  standards: StandardsRepository;
  /** True when this open created the database (first start): the moment to seed an example. */
  readonly fresh: boolean;
  /** Runs `work` atomically across both stores. */
  transaction<T>(work: () => T): T;
  close(): void;
}

/** Stored data that cannot be read back: the message names the document and the bad row. */
export class CorruptDocumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CorruptDocumentError';
  }
}
