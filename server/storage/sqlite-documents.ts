// Collaborative documents in SQLite (DocumentStore in ./types): a snapshot per document plus an
// append-only log of Yjs updates. better-sqlite3 is synchronous, so every method is one
// transaction that nothing can interleave with; the promises it returns are already settled.

import type Database from 'better-sqlite3';
import { replay } from './replay';
import type { DocumentStore, LoggedUpdate, QuarantinedUpdate, StoredDocument } from './types';

/** The store, plus its synchronous writes for other repositories' transactions (a standard's row and document). */
export interface SqliteDocumentStore extends DocumentStore {
  putNow(name: string, state: Uint8Array): void;
  deleteNow(name: string): void;
}

export function sqliteDocumentStore(db: Database.Database): SqliteDocumentStore {
  const snapshotOf = db.prepare('SELECT state FROM document_snapshots WHERE name = ?').pluck();
  const updatesOf = db.prepare('SELECT seq, data FROM document_updates WHERE name = ? ORDER BY seq');
  const countOf = db.prepare('SELECT COUNT(*) FROM document_updates WHERE name = ?').pluck();
  const insertUpdate = db.prepare('INSERT INTO document_updates (name, data) VALUES (?, ?)');
  const upsertSnapshot = db.prepare(
    `INSERT INTO document_snapshots (name, state, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`
  );
  const dropUpdates = db.prepare('DELETE FROM document_updates WHERE name = ?');
  const dropUpdatesUpTo = db.prepare('DELETE FROM document_updates WHERE name = ? AND seq <= ?');
  const dropUpdate = db.prepare('DELETE FROM document_updates WHERE seq = ?');
  const dropSnapshot = db.prepare('DELETE FROM document_snapshots WHERE name = ?');
  const quarantine = db.prepare(
    'INSERT OR REPLACE INTO document_quarantine (name, seq, data, reason, at) VALUES (?, ?, ?, ?, ?)'
  );
  const quarantinedOf = db.prepare('SELECT name, seq, data, reason, at FROM document_quarantine WHERE name = ? ORDER BY seq');
  const dropQuarantined = db.prepare('DELETE FROM document_quarantine WHERE name = ?');
  const allNames = db
    .prepare('SELECT name FROM document_snapshots UNION SELECT name FROM document_updates ORDER BY name')
    .pluck();

  const read = (name: string): StoredDocument | undefined => {
    const snapshot = (snapshotOf.get(name) as Uint8Array | undefined) ?? null;
    const updates = updatesOf.all(name) as LoggedUpdate[];
    if (!snapshot && updates.length === 0) return undefined;
    const bytes = (snapshot?.byteLength ?? 0) + updates.reduce((sum, u) => sum + byteLength(u.data), 0);
    return { snapshot, updates, bytes };
  };

  /** Replays the stored document, moving corrupt log entries to quarantine. */
  const replayStored = (name: string, stored: StoredDocument) => {
    const replayed = replay(name, stored.snapshot, stored.updates);
    const at = new Date().toISOString();
    for (const entry of replayed.bad) {
      quarantine.run(name, entry.seq, entry.data, entry.reason, at);
      dropUpdate.run(entry.seq);
    }
    const quarantined: QuarantinedUpdate[] = replayed.bad.map(({ seq, reason }) => ({ name, seq, reason }));
    return { ...replayed, quarantined };
  };

  const load = db.transaction((name: string) => {
    const stored = read(name);
    if (!stored) return undefined;
    const { state, good, bad, quarantined } = replayStored(name, stored);
    const setAside = bad.reduce((sum, entry) => sum + byteLength(entry.data), 0);
    return { state, bytes: stored.bytes - setAside, logged: good.length, quarantined };
  });

  const compact = db.transaction((name: string): number | undefined => {
    const stored = read(name);
    if (!stored) return undefined;
    const last = stored.updates.at(-1)?.seq;
    if (last === undefined) return stored.snapshot?.byteLength;
    const { state } = replayStored(name, stored);
    upsertSnapshot.run(name, state, new Date().toISOString());
    // Exactly the entries folded in: nothing appended after the read may be dropped.
    dropUpdatesUpTo.run(name, last);
    return state.byteLength;
  });

  const replace = db.transaction((name: string, state: Uint8Array) => {
    upsertSnapshot.run(name, state, new Date().toISOString());
    dropUpdates.run(name);
  });

  const remove = db.transaction((name: string) => {
    dropUpdates.run(name);
    dropSnapshot.run(name);
    dropQuarantined.run(name);
  });

  return {
    read: async (name) => read(name),
    load: async (name) => load(name),
    async append(name, update) {
      insertUpdate.run(name, update);
    },
    logLength: async (name) => countOf.get(name) as number,
    compact: async (name) => compact(name),
    put: async (name, state) => replace(name, state),
    delete: async (name) => remove(name),
    names: async () => allNames.all() as string[],
    putNow: (name, state) => replace(name, state),
    deleteNow: (name) => remove(name),
    quarantined: async (name) =>
      (quarantinedOf.all(name) as { name: string; seq: number; data: unknown; reason: string; at: string }[]).map(
        (row) => ({ ...row, data: row.data instanceof Uint8Array ? row.data : new TextEncoder().encode(String(row.data)) })
      )
  };
}

function byteLength(value: unknown): number {
  return value instanceof Uint8Array ? value.byteLength : String(value).length;
}
