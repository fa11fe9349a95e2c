// Review comment threads and their replies in SQLite (ThreadsRepository in ./types).
// Rows carry user ids; the threads service resolves them to names through the accounts.

import type Database from 'better-sqlite3';
import type { ReplyRow, ThreadRow, ThreadsRepository } from './types';

const THREAD_COLUMNS = `id, standard_id AS standardId, anchor, type, author_id AS authorId, body,
  proposed_change AS proposedChange, created_at AS createdAt, resolved_by AS resolvedBy,
  resolved_at AS resolvedAt, resolution_note AS resolutionNote, reopened_by AS reopenedBy,
  reopened_at AS reopenedAt`;
const REPLY_COLUMNS = 'id, thread_id AS threadId, author_id AS authorId, body, created_at AS createdAt';

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
  const resolve = db.prepare(
    `UPDATE comment_threads SET resolved_by = @resolvedBy, resolved_at = @resolvedAt,
       resolution_note = @resolutionNote WHERE id = @id`
  );
  const reopen = db.prepare(
    'UPDATE comment_threads SET reopened_by = @reopenedBy, reopened_at = @reopenedAt WHERE id = @id'
  );
  const insertReply = db.prepare(
    `INSERT INTO comment_replies (id, thread_id, author_id, body, created_at)
     VALUES (@id, @threadId, @authorId, @body, @createdAt)`
  );
  const deleteForStandard = db.prepare('DELETE FROM comment_threads WHERE standard_id = ?');

  return {
    list: (standardId) => list.all(standardId) as ThreadRow[],
    get: (id) => one.get(id) as ThreadRow | undefined,
    create: (row) => void insert.run(row),
    setResolution: (id, fields) => void resolve.run({ ...fields, id }),
    setReopened: (id, fields) => void reopen.run({ ...fields, id }),
    replies(threadIds) {
      const out: ReplyRow[] = [];
      for (let i = 0; i < threadIds.length; i += IDS_PER_QUERY) {
        const chunk = threadIds.slice(i, i + IDS_PER_QUERY);
        const marks = chunk.map(() => '?').join(', ');
        const sql = `SELECT ${REPLY_COLUMNS} FROM comment_replies WHERE thread_id IN (${marks}) ORDER BY created_at, id`;
        out.push(...(db.prepare(sql).all(...chunk) as ReplyRow[]));
      }
      return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    },
    addReply: (row) => void insertReply.run(row),
    deleteForStandard: (standardId) => void deleteForStandard.run(standardId)
  };
}
