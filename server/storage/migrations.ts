// The SQLite schema, as numbered migrations applied once each (recorded in `migrations`).
// Append new entries; never edit one that has shipped. PostgreSQL has its own DDL with the same
// tables and columns (server/storage/postgres/), numbered alike.

export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE standards (
     id TEXT PRIMARY KEY,
     title TEXT NOT NULL,
     designation TEXT NOT NULL,
     series TEXT NOT NULL,
     study_group TEXT NOT NULL,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE TABLE document_snapshots (
     name TEXT PRIMARY KEY,
     state BLOB NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE TABLE document_updates (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     name TEXT NOT NULL,
     data BLOB NOT NULL
   );
   CREATE INDEX document_updates_by_name ON document_updates (name, seq);`
,
  // Issue 5: accounts, sessions, API tokens, working groups, invitations, review threads.
  // Standards that existed before belong to a group made for them ("Default working group").
  `CREATE TABLE users (
     id TEXT PRIMARY KEY,
     email TEXT NOT NULL UNIQUE,
     name TEXT NOT NULL,
     password_hash TEXT NOT NULL,
     is_admin INTEGER NOT NULL DEFAULT 0,
     created_at TEXT NOT NULL
   );
   CREATE TABLE sessions (
     id TEXT PRIMARY KEY,
     user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     expires_at INTEGER NOT NULL,
     created_at TEXT NOT NULL
   );
   CREATE INDEX sessions_by_user ON sessions (user_id);
   CREATE TABLE api_tokens (
     id TEXT PRIMARY KEY,
     hash TEXT NOT NULL UNIQUE,
     user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     name TEXT NOT NULL,
     scope TEXT NOT NULL CHECK (scope IN ('read')),
     created_at TEXT NOT NULL,
     expires_at TEXT,
     last_used_at TEXT
   );
   CREATE TABLE working_groups (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     description TEXT NOT NULL DEFAULT '',
     created_at TEXT NOT NULL
   );
   CREATE TABLE memberships (
     group_id TEXT NOT NULL REFERENCES working_groups (id) ON DELETE CASCADE,
     user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     role TEXT NOT NULL CHECK (role IN ('convenor', 'editor', 'reviewer', 'observer')),
     created_at TEXT NOT NULL,
     PRIMARY KEY (group_id, user_id)
   );
   CREATE INDEX memberships_by_user ON memberships (user_id);
   CREATE TABLE invitations (
     id TEXT PRIMARY KEY,
     hash TEXT NOT NULL UNIQUE,
     group_id TEXT NOT NULL REFERENCES working_groups (id) ON DELETE CASCADE,
     role TEXT NOT NULL CHECK (role IN ('convenor', 'editor', 'reviewer', 'observer')),
     created_by TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     created_at TEXT NOT NULL,
     expires_at TEXT NOT NULL
   );
   ALTER TABLE standards ADD COLUMN group_id TEXT REFERENCES working_groups (id);
   INSERT INTO working_groups (id, name, description, created_at)
     SELECT 'default', 'Default working group', 'Standards created before working groups existed.', datetime('now')
     WHERE EXISTS (SELECT 1 FROM standards);
   UPDATE standards SET group_id = 'default' WHERE group_id IS NULL;
   CREATE INDEX standards_by_group ON standards (group_id);
   CREATE TABLE comment_threads (
     id TEXT PRIMARY KEY,
     standard_id TEXT NOT NULL REFERENCES standards (id) ON DELETE CASCADE,
     anchor TEXT NOT NULL,
     type TEXT NOT NULL CHECK (type IN ('general', 'technical', 'editorial')),
     author_id TEXT NOT NULL REFERENCES users (id),
     body TEXT NOT NULL,
     proposed_change TEXT NOT NULL DEFAULT '',
     created_at TEXT NOT NULL,
     resolved_by TEXT REFERENCES users (id),
     resolved_at TEXT,
     resolution_note TEXT,
     reopened_by TEXT REFERENCES users (id),
     reopened_at TEXT
   );
   CREATE INDEX comment_threads_by_standard ON comment_threads (standard_id, created_at);
   CREATE TABLE comment_replies (
     id TEXT PRIMARY KEY,
     thread_id TEXT NOT NULL REFERENCES comment_threads (id) ON DELETE CASCADE,
     author_id TEXT NOT NULL REFERENCES users (id),
     body TEXT NOT NULL,
     created_at TEXT NOT NULL
   );
   CREATE INDEX comment_replies_by_thread ON comment_replies (thread_id, created_at);`
,
  // Issue 6: log entries that could not be applied on load, set aside for inspection (seq is the
  // entry's seq in document_updates, so unique).
  `CREATE TABLE document_quarantine (
     seq INTEGER PRIMARY KEY,
     name TEXT NOT NULL,
     data BLOB NOT NULL,
     reason TEXT NOT NULL,
     at TEXT NOT NULL
   );
   CREATE INDEX document_quarantine_by_name ON document_quarantine (name, seq);`
];
