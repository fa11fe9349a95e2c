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
  const insertUser = db.prepare(
    `INSERT INTO users (id, email, name, password_hash, is_admin, created_at)
     VALUES (@id, @email, @name, @passwordHash, @isAdmin, @createdAt)`
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
    userCount: () => userCount.get() as number,
    userById: (id) => user(userById.get(id)),
    userByEmail: (email) => user(userByEmail.get(email)),
    createUser(row) {
      try {
        insertUser.run({ ...row, isAdmin: row.isAdmin ? 1 : 0 });
      } catch (error) {
        if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
          throw new UniqueViolation(`A user with the email ${row.email} already exists.`);
        }
        throw error;
      }
    },
    setPasswordHash: (userId, hash) => void setHash.run(hash, userId),

    createSession: (row: SessionRow) => void insertSession.run(row),
    session(id) {
      const record = sessionById.get(id) as SessionRecord | undefined;
      return record && { id: record.id, userId: record.user_id, expiresAt: record.expires_at, createdAt: record.created_at };
    },
    setSessionExpiry: (id, expiresAt) => void setExpiry.run(expiresAt, id),
    deleteSession: (id) => void deleteSession.run(id),
    deleteSessionsOf: (userId, keep) => endSessions(userId, keep ?? null),
    deleteExpiredSessions: (now) => deleteExpired.run(now).changes,

    createApiToken: (row: ApiTokenRow) => void insertToken.run(row),
    apiTokenByHash(hash) {
      const record = tokenByHash.get(hash) as ApiTokenRecord | undefined;
      return record && toApiToken(record);
    },
    apiTokensOf: (userId) => (tokensOf.all(userId) as ApiTokenRecord[]).map(toApiToken),
    touchApiToken: (id, at) => void touchToken.run(at, id),
    deleteApiToken: (userId, id) => deleteToken.run(userId, id).changes > 0
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
