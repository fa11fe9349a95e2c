// Users, sessions and API tokens in PostgreSQL (AccountsRepository in ../types). Secrets never
// reach this file: sessions and tokens are stored under the SHA-256 of their token.

import { UniqueViolation, type AccountsRepository, type ApiTokenRow, type SessionRow, type UserRow } from '../types';
import { lock, LOCKS, sqlState, transaction, UNIQUE_VIOLATION, type Db } from './pool';

const USER_COLUMNS = `id, email, name, password_hash AS "passwordHash", is_admin AS "isAdmin", created_at AS "createdAt"`;
const SESSION_COLUMNS = `id, user_id AS "userId", expires_at AS "expiresAt", created_at AS "createdAt"`;
const TOKEN_COLUMNS = `id, hash, user_id AS "userId", name, scope, created_at AS "createdAt",
  expires_at AS "expiresAt", last_used_at AS "lastUsedAt"`;

/** expires_at is a BIGINT, which pg hands back as a string to keep its precision. */
type SessionRecord = Omit<SessionRow, 'expiresAt'> & { expiresAt: string };

export function postgresAccountsRepository(db: Db): AccountsRepository {
  const one = async <T>(sql: string, values: unknown[]): Promise<T | undefined> =>
    (await db.query(sql, values)).rows[0] as T | undefined;
  const changed = async (sql: string, values: unknown[]): Promise<number> => (await db.query(sql, values)).rowCount ?? 0;

  return {
    async userCount() {
      return (await one<{ n: number }>('SELECT COUNT(*)::int AS n FROM users', []))?.n ?? 0;
    },
    userById: (id) => one<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id]),
    userByEmail: (email) => one<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE email = $1`, [email]),
    async createUser(row) {
      try {
        return await transaction(db, async (tx) => {
          // Without the lock, two first sign-ups would each see an empty table under READ
          // COMMITTED and both become administrator. The INSERT runs after the lock is granted,
          // so its snapshot includes a first user committed meanwhile.
          await lock(tx, LOCKS.firstUser);
          const { rows } = await tx.query<UserRow>(
            `INSERT INTO users (id, email, name, password_hash, is_admin, created_at)
             SELECT $1, $2, $3, $4, NOT EXISTS (SELECT 1 FROM users), $5
             RETURNING ${USER_COLUMNS}`,
            [row.id, row.email, row.name, row.passwordHash, row.createdAt]
          );
          return rows[0]!;
        });
      } catch (error) {
        if (sqlState(error) === UNIQUE_VIOLATION && (error as { constraint?: string }).constraint === 'users_email_key') {
          throw new UniqueViolation(`A user with the email ${row.email} already exists.`);
        }
        throw error;
      }
    },
    async setPasswordHash(userId, hash) {
      await db.query('UPDATE users SET password_hash = $1 WHERE id = $2', [hash, userId]);
    },

    async createSession(row) {
      await db.query('INSERT INTO sessions (id, user_id, expires_at, created_at) VALUES ($1, $2, $3, $4)', [
        row.id,
        row.userId,
        row.expiresAt,
        row.createdAt
      ]);
    },
    async session(id) {
      const record = await one<SessionRecord>(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE id = $1`, [id]);
      return record && { ...record, expiresAt: Number(record.expiresAt) };
    },
    async setSessionExpiry(id, expiresAt) {
      await db.query('UPDATE sessions SET expires_at = $1 WHERE id = $2', [expiresAt, id]);
    },
    async deleteSession(id) {
      await db.query('DELETE FROM sessions WHERE id = $1', [id]);
    },
    async deleteSessionsOf(userId, keep) {
      const { rows } = await db.query<{ id: string }>(
        'DELETE FROM sessions WHERE user_id = $1 AND id IS DISTINCT FROM $2 RETURNING id',
        [userId, keep ?? null]
      );
      return rows.map((r) => r.id);
    },
    deleteExpiredSessions: (now) => changed('DELETE FROM sessions WHERE expires_at <= $1', [now]),

    async createApiToken(row: ApiTokenRow) {
      await db.query(
        `INSERT INTO api_tokens (id, hash, user_id, name, scope, created_at, expires_at, last_used_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [row.id, row.hash, row.userId, row.name, row.scope, row.createdAt, row.expiresAt, row.lastUsedAt]
      );
    },
    apiTokenByHash: (hash) => one<ApiTokenRow>(`SELECT ${TOKEN_COLUMNS} FROM api_tokens WHERE hash = $1`, [hash]),
    async apiTokensOf(userId) {
      const { rows } = await db.query<ApiTokenRow>(
        `SELECT ${TOKEN_COLUMNS} FROM api_tokens WHERE user_id = $1 ORDER BY created_at, id`,
        [userId]
      );
      return rows;
    },
    async touchApiToken(id, at) {
      await db.query('UPDATE api_tokens SET last_used_at = $1 WHERE id = $2', [at, id]);
    },
    deleteApiToken: async (userId, id) =>
      (await changed('DELETE FROM api_tokens WHERE user_id = $1 AND id = $2', [userId, id])) > 0
  };
}
