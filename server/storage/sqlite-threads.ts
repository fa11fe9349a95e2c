// Review comment threads and their replies in SQLite (ThreadsRepository in ./types).
// Rows carry user ids; the threads service resolves them to names through the accounts.

import type Database from 'better-sqlite3';
import type { ReplyRow, ThreadRow, ThreadsRepository } from './types';

const THREAD_COLUMNS = `id, standard_id AS standardId, anchor, type, author_id AS authorId, body,
  proposed_change AS proposedChange, created_at AS createdAt, resolved_by AS resolvedBy,
  resolved_at AS resolvedAt, resolution_note AS resolutionNote, reopened_by AS reopenedBy,
  reopened_at AS reopenedAt`;
const REPLY_COLUMNS = 'id, thread_id AS threadId, author_id AS authorId, body, created_at AS createdAt';

/** The columns ThreadsRepository.update may set (a field given as null clears its column). */
const UPDATABLE = {
  resolvedBy: 'resolved_by',
  resolvedAt: 'resolved_at',
  resolutionNote: 'resolution_note',
  reopenedBy: 'reopened_by',
  reopenedAt: 'reopened_at'
} as const;

/** SQLite's default limit on bound parameters is far above this; chunks keep the statements small. */
const IDS_PER_QUERY = 500;

export function sqliteThreadsRepository(db: Database.Database): ThreadsRepository {
  const list = db.prepare(`SELECT ${THREAD_COLUMNS} FROM comment_threads WHERE standard_id = ? ORDER BY created_at, id`);
  const one = db.prepare(`SELECT ${THREAD_COLUMNS} FROM comment_threads WHERE id = ?`);
  const insert = db.prepare(
    `INSERT INTO comment_threads (id, standard_id, anchor, type, author_id, body, proposed_change, created_at,
       resolved_by, resolved_at, resolution_note, reopened_by, reopened_at)
     VALUES (@id, @standardId, @anchor, @type, @authorId, @body, @proposedChange, @createdAt,
       @resolvedBy, @resolvedAt, @resolutionNote, @reopenedBy, @reopenedAt)`
  );
  const insertReply = db.prepare(
    `INSERT INTO comment_replies (id, thread_id, author_id, body, created_at)
     VALUES (@id, @threadId, @authorId, @body, @createdAt)`
  );

  return {
    list: async (standardId) => list.all(standardId) as ThreadRow[],
    get: async (id) => one.get(id) as ThreadRow | undefined,
    create: async (row) => void insert.run(row),
    async update(id, fields) {
      const keys = (Object.keys(UPDATABLE) as (keyof typeof UPDATABLE)[]).filter((k) => fields[k] !== undefined);
      if (keys.length === 0) return;
      const sets = keys.map((k) => `${UPDATABLE[k]} = @${k}`).join(', ');
      db.prepare(`UPDATE comment_threads SET ${sets} WHERE id = @id`).run({ ...fields, id });
    },
    async replies(threadIds) {
      const out: ReplyRow[] = [];
      for (let i = 0; i < threadIds.length; i += IDS_PER_QUERY) {
        const chunk = threadIds.slice(i, i + IDS_PER_QUERY);
        const marks = chunk.map(() => '?').join(', ');
        const sql = `SELECT ${REPLY_COLUMNS} FROM comment_replies WHERE thread_id IN (${marks}) ORDER BY created_at, id`;
        out.push(...(db.prepare(sql).all(...chunk) as ReplyRow[]));
      }
      return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    },
    addReply: async (row) => void insertReply.run(row)
  };
}
