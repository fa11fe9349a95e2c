// Collaborative documents in PostgreSQL: a snapshot row per document plus an append-only log.
//
// Appends are single autocommit INSERTs (durable when they resolve: synchronous_commit is on).
// Compaction, quarantine and replacement of one document take a per-document advisory lock, so
// two instances never fold the same log at once; appends take no lock and may land at any time.
// Compaction deletes exactly the entries it read (by seq), never a range: a BIGSERIAL seq is
// allocated before its INSERT commits, so an entry with a lower seq than the ones read can still
// become visible between the read and the delete, and a range delete would drop it unread.

import { replay, type Replayed } from '../replay';
import type { DocumentStore, LoggedUpdate, QuarantinedUpdate, StoredDocument } from '../types';
import { lockDocument, transaction, type Db, type Queryable, type Tx } from './pool';

interface UpdateRecord {
  seq: string; // BIGINT arrives as a string
  data: Buffer;
}

interface QuarantineRecord extends UpdateRecord {
  name: string;
  reason: string;
  at: string;
}

export function postgresDocumentStore(db: Db): DocumentStore {
  const read = (name: string, on: Queryable = db) => readStored(on, name);

  return {
    read: (name) => read(name),

    async load(name) {
      const stored = await read(name);
      if (!stored) return undefined;
      const replayed = replay(name, stored.snapshot, stored.updates);
      const quarantined = replayed.bad.length > 0 ? await quarantine(db, name, replayed.bad) : [];
      return {
        state: replayed.state,
        bytes: sizeOf(stored.snapshot, replayed.good),
        logged: replayed.good.length,
        quarantined
      };
    },

    async append(name, update) {
      await db.query('INSERT INTO document_updates (name, data) VALUES ($1, $2)', [name, toBuffer(update)]);
    },

    async logLength(name) {
      const { rows } = await db.query<{ n: number }>(
        'SELECT COUNT(*)::int AS n FROM document_updates WHERE name = $1',
        [name]
      );
      return rows[0]?.n ?? 0;
    },

    compact: (name) =>
      transaction(db, async (tx) => {
        await lockDocument(tx, name);
        const stored = await read(name, tx);
        if (!stored) return undefined;
        if (stored.updates.length === 0) return stored.snapshot?.byteLength;
        const replayed = replay(name, stored.snapshot, stored.updates);
        await moveToQuarantine(tx, name, replayed.bad);
        await upsertSnapshot(tx, name, replayed.state);
        await tx.query('DELETE FROM document_updates WHERE name = $1 AND seq = ANY($2::bigint[])', [
          name,
          replayed.good.map((u) => String(u.seq))
        ]);
        return replayed.state.byteLength;
      }),

    put: (name, state) =>
      transaction(db, async (tx) => {
        await lockDocument(tx, name);
        await replaceDocument(tx, name, state);
      }),

    delete: (name) =>
      transaction(db, async (tx) => {
        await lockDocument(tx, name);
        await deleteDocument(tx, name);
      }),

    async names() {
      const { rows } = await db.query<{ name: string }>(
        'SELECT name FROM document_snapshots UNION SELECT name FROM document_updates ORDER BY name'
      );
      return rows.map((r) => r.name);
    },

    async quarantined(name) {
      const { rows } = await db.query<QuarantineRecord>(
        'SELECT name, seq, data, reason, at FROM document_quarantine WHERE name = $1 ORDER BY seq',
        [name]
      );
      return rows.map((r) => ({ name: r.name, seq: Number(r.seq), reason: r.reason, at: r.at, data: toBytes(r.data) }));
    }
  };
}

/** Replaces the whole document (the caller holds the document lock or a fresh name). */
export async function replaceDocument(tx: Tx, name: string, state: Uint8Array): Promise<void> {
  await upsertSnapshot(tx, name, state);
  await tx.query('DELETE FROM document_updates WHERE name = $1', [name]);
}

export async function deleteDocument(tx: Tx, name: string): Promise<void> {
  await tx.query('DELETE FROM document_updates WHERE name = $1', [name]);
  await tx.query('DELETE FROM document_snapshots WHERE name = $1', [name]);
  await tx.query('DELETE FROM document_quarantine WHERE name = $1', [name]);
}

async function readStored(on: Queryable, name: string): Promise<StoredDocument | undefined> {
  const snapshotRows = await on.query<{ state: Buffer }>('SELECT state FROM document_snapshots WHERE name = $1', [name]);
  const updateRows = await on.query<UpdateRecord>(
    'SELECT seq, data FROM document_updates WHERE name = $1 ORDER BY seq',
    [name]
  );
  const snapshot = snapshotRows.rows[0] ? toBytes(snapshotRows.rows[0].state) : null;
  const updates = updateRows.rows.map((r) => ({ seq: Number(r.seq), data: toBytes(r.data) }));
  if (!snapshot && updates.length === 0) return undefined;
  return { snapshot, updates, bytes: sizeOf(snapshot, updates) };
}

async function upsertSnapshot(tx: Tx, name: string, state: Uint8Array): Promise<void> {
  await tx.query(
    `INSERT INTO document_snapshots (name, state, updated_at) VALUES ($1, $2, $3)
     ON CONFLICT (name) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
    [name, toBuffer(state), new Date().toISOString()]
  );
}

async function quarantine(db: Db, name: string, bad: Replayed['bad']): Promise<QuarantinedUpdate[]> {
  return transaction(db, async (tx) => {
    await lockDocument(tx, name);
    return moveToQuarantine(tx, name, bad);
  });
}

/**
 * Moves entries from the log to quarantine in one statement per entry. An entry another instance
 * moved (or compacted) first is no longer in the log and is skipped, so nothing is kept twice.
 */
async function moveToQuarantine(tx: Tx, name: string, bad: Replayed['bad']): Promise<QuarantinedUpdate[]> {
  const moved: QuarantinedUpdate[] = [];
  const at = new Date().toISOString();
  for (const entry of bad) {
    await tx.query(
      `WITH moved AS (DELETE FROM document_updates WHERE name = $1 AND seq = $2 RETURNING name, seq, data)
       INSERT INTO document_quarantine (name, seq, data, reason, at) SELECT name, seq, data, $3, $4 FROM moved`,
      [name, String(entry.seq), entry.reason, at]
    );
    // Reported even when another instance moved it first: this load skipped it too.
    moved.push({ name, seq: entry.seq, reason: entry.reason });
  }
  return moved;
}

function sizeOf(snapshot: Uint8Array | null, updates: readonly LoggedUpdate[]): number {
  return (snapshot?.byteLength ?? 0) + updates.reduce((sum, u) => sum + u.data.byteLength, 0);
}

/** A standalone copy: pg may hand out views into a shared pool buffer. */
function toBytes(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer);
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
