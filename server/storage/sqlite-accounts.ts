// Users, sessions and API tokens in SQLite (AccountsRepository in ./types). Secrets never reach
// this file: sessions and tokens are stored under the SHA-256 of their token.

import type Database from 'better-sqlite3';
import { UniqueViolation, type AccountsRepository, type ApiTokenRow, type SessionRow, type UserRow } from './types';

interface UserRecord {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  is_admin: number;
  created_at: string;
}

interface SessionRecord {
  id: string;
  user_id: string;
  expires_at: number;
  created_at: string;
}

interface ApiTokenRecord {
  id: string;
  hash: string;
  user_id: string;
  name: string;
  scope: 'read';
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
}

export function sqliteAccountsRepository(db: Database.Database): AccountsRepository {
  const userCount = db.prepare('SELECT COUNT(*) FROM users').pluck();
  const userById = db.prepare('SELECT * FROM users WHERE id = ?');
  const userByEmail = db.prepare('SELECT * FROM users WHERE email = ?');
  // The first user ever is the administrator: decided inside the INSERT, so two simultaneous
  // first sign-ups cannot both see an empty table.
  const insertUser = db.prepare(
    `INSERT INTO users (id, email, name, password_hash, is_admin, created_at)
     SELECT @id, @email, @name, @passwordHash, NOT EXISTS (SELECT 1 FROM users), @createdAt`
  );
  const setHash = db.prepare('UPDATE users SET password_hash = ? WHERE id = ?');

  const insertSession = db.prepare(
    'INSERT INTO sessions (id, user_id, expires_at, created_at) VALUES (@id, @userId, @expiresAt, @createdAt)'
  );
  const sessionById = db.prepare('SELECT * FROM sessions WHERE id = ?');
  const setExpiry = db.prepare('UPDATE sessions SET expires_at = ? WHERE id = ?');
  const deleteSession = db.prepare('DELETE FROM sessions WHERE id = ?');
  const sessionIdsOf = db.prepare('SELECT id FROM sessions WHERE user_id = ? AND id IS NOT ?').pluck();
  const deleteSessionsOf = db.prepare('DELETE FROM sessions WHERE user_id = ? AND id IS NOT ?');
  const deleteExpired = db.prepare('DELETE FROM sessions WHERE expires_at <= ?');

  const insertToken = db.prepare(
    `INSERT INTO api_tokens (id, hash, user_id, name, scope, created_at, expires_at, last_used_at)
     VALUES (@id, @hash, @userId, @name, @scope, @createdAt, @expiresAt, @lastUsedAt)`
  );
  const tokenByHash = db.prepare('SELECT * FROM api_tokens WHERE hash = ?');
  const tokensOf = db.prepare('SELECT * FROM api_tokens WHERE user_id = ? ORDER BY created_at, id');
  const touchToken = db.prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ?');
  const deleteToken = db.prepare('DELETE FROM api_tokens WHERE user_id = ? AND id = ?');

  const user = (record: unknown) => (record ? toUser(record as UserRecord) : undefined);
  const endSessions = db.transaction((userId: string, keep: string | null) => {
    const ids = sessionIdsOf.all(userId, keep) as string[];
    deleteSessionsOf.run(userId, keep);
    return ids;
  });

  return {
    userCount: async () => userCount.get() as number,
    userById: async (id) => user(userById.get(id)),
    userByEmail: async (email) => user(userByEmail.get(email)),
    async createUser(row) {
      try {
        insertUser.run({ id: row.id, email: row.email, name: row.name, passwordHash: row.passwordHash, createdAt: row.createdAt });
        return toUser(userById.get(row.id) as UserRecord);
      } catch (error) {
        if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
          throw new UniqueViolation(`A user with the email ${row.email} already exists.`);
        }
        throw error;
      }
    },
    setPasswordHash: async (userId, hash) => void setHash.run(hash, userId),

    createSession: async (row: SessionRow) => void insertSession.run(row),
    async session(id) {
      const record = sessionById.get(id) as SessionRecord | undefined;
      return record && { id: record.id, userId: record.user_id, expiresAt: record.expires_at, createdAt: record.created_at };
    },
    setSessionExpiry: async (id, expiresAt) => void setExpiry.run(expiresAt, id),
    deleteSession: async (id) => void deleteSession.run(id),
    deleteSessionsOf: async (userId, keep) => endSessions(userId, keep ?? null),
    deleteExpiredSessions: async (now) => deleteExpired.run(now).changes,

    createApiToken: async (row: ApiTokenRow) => void insertToken.run(row),
    async apiTokenByHash(hash) {
      const record = tokenByHash.get(hash) as ApiTokenRecord | undefined;
      return record && toApiToken(record);
    },
    apiTokensOf: async (userId) => (tokensOf.all(userId) as ApiTokenRecord[]).map(toApiToken),
    touchApiToken: async (id, at) => void touchToken.run(at, id),
    deleteApiToken: async (userId, id) => deleteToken.run(userId, id).changes > 0
  };
}

function toUser(record: UserRecord): UserRow {
  return {
    id: record.id,
    email: record.email,
    name: record.name,
    passwordHash: record.password_hash,
    isAdmin: record.is_admin === 1,
    createdAt: record.created_at
  };
}

function toApiToken(record: ApiTokenRecord): ApiTokenRow {
  return {
    id: record.id,
    hash: record.hash,
    userId: record.user_id,
    name: record.name,
    scope: record.scope,
    createdAt: record.created_at,
    expiresAt: record.expires_at,
    lastUsedAt: record.last_used_at
  };
}
