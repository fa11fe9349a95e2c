// Review comment threads and their replies in PostgreSQL (ThreadsRepository in ../types).
// Rows carry user ids; the threads service resolves them to names through the accounts.

import type { ReplyRow, ThreadRow, ThreadsRepository } from '../types';
import type { Db } from './pool';

const THREAD_COLUMNS = `id, standard_id AS "standardId", anchor, type, author_id AS "authorId", body,
  proposed_change AS "proposedChange", created_at AS "createdAt", resolved_by AS "resolvedBy",
  resolved_at AS "resolvedAt", resolution_note AS "resolutionNote", reopened_by AS "reopenedBy",
  reopened_at AS "reopenedAt"`;
const REPLY_COLUMNS = `id, thread_id AS "threadId", author_id AS "authorId", body, created_at AS "createdAt"`;

type ThreadUpdate = Parameters<ThreadsRepository['update']>[1];
const UPDATABLE: Record<keyof ThreadUpdate, string> = {
  resolvedBy: 'resolved_by',
  resolvedAt: 'resolved_at',
  resolutionNote: 'resolution_note',
  reopenedBy: 'reopened_by',
  reopenedAt: 'reopened_at'
};

export function postgresThreadsRepository(db: Db): ThreadsRepository {
  return {
    async list(standardId) {
      const { rows } = await db.query<ThreadRow>(
        `SELECT ${THREAD_COLUMNS} FROM comment_threads WHERE standard_id = $1 ORDER BY created_at, id`,
        [standardId]
      );
      return rows;
    },
    async get(id) {
      const { rows } = await db.query<ThreadRow>(`SELECT ${THREAD_COLUMNS} FROM comment_threads WHERE id = $1`, [id]);
      return rows[0];
    },
    async create(row) {
      await db.query(
        `INSERT INTO comment_threads (id, standard_id, anchor, type, author_id, body, proposed_change, created_at,
           resolved_by, resolved_at, resolution_note, reopened_by, reopened_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [
          row.id,
          row.standardId,
          row.anchor,
          row.type,
          row.authorId,
          row.body,
          row.proposedChange,
          row.createdAt,
          row.resolvedBy,
          row.resolvedAt,
          row.resolutionNote,
          row.reopenedBy,
          row.reopenedAt
        ]
      );
    },
    async update(id, fields) {
      // Only the fields given change; a field given as null is cleared.
      const keys = (Object.keys(UPDATABLE) as (keyof ThreadUpdate)[]).filter((k) => fields[k] !== undefined);
      if (keys.length === 0) return;
      const sets = keys.map((k, i) => `${UPDATABLE[k]} = $${i + 2}`).join(', ');
      await db.query(`UPDATE comment_threads SET ${sets} WHERE id = $1`, [id, ...keys.map((k) => fields[k])]);
    },
    async replies(threadIds) {
      if (threadIds.length === 0) return [];
      const { rows } = await db.query<ReplyRow>(
        `SELECT ${REPLY_COLUMNS} FROM comment_replies WHERE thread_id = ANY($1::text[]) ORDER BY created_at, id`,
        [threadIds]
      );
      return rows;
    },
    async addReply(row) {
      await db.query(
        'INSERT INTO comment_replies (id, thread_id, author_id, body, created_at) VALUES ($1, $2, $3, $4, $5)',
        [row.id, row.threadId, row.authorId, row.body, row.createdAt]
      );
    }
  };
}
