// The PostgreSQL schema: the same numbered migrations as SQLite's (server/storage/migrations.ts),
// version for version, with the same tables, columns and constraints. Append; never edit one that
// has shipped.
//
// Type choices: Yjs data is BYTEA, the update log's seq a BIGSERIAL, sessions.expires_at BIGINT
// milliseconds; timestamps stay ISO-8601 TEXT exactly as SQLite keeps them, so rows come back
// byte-identical. Every TEXT column is COLLATE "C" so ORDER BY sorts like SQLite's BINARY
// collation whatever the database's locale.

import { lock, LOCKS, transaction, type Db } from './pool';

export const POSTGRES_MIGRATIONS: readonly string[] = [
  `CREATE TABLE standards (
     id TEXT COLLATE "C" PRIMARY KEY,
     title TEXT COLLATE "C" NOT NULL,
     designation TEXT COLLATE "C" NOT NULL,
     series TEXT COLLATE "C" NOT NULL,
     study_group TEXT COLLATE "C" NOT NULL,
     created_at TEXT COLLATE "C" NOT NULL,
     updated_at TEXT COLLATE "C" NOT NULL
   );
   CREATE TABLE document_snapshots (
     name TEXT COLLATE "C" PRIMARY KEY,
     state BYTEA NOT NULL,
     updated_at TEXT COLLATE "C" NOT NULL
   );
   CREATE TABLE document_updates (
     seq BIGSERIAL PRIMARY KEY,
     name TEXT COLLATE "C" NOT NULL,
     data BYTEA NOT NULL
   );
   CREATE INDEX document_updates_by_name ON document_updates (name, seq);`,

  // Issue 5: accounts, sessions, API tokens, working groups, invitations, review threads.
  // Standards that existed before belong to a group made for them ("Default working group").
  `CREATE TABLE users (
     id TEXT COLLATE "C" PRIMARY KEY,
     email TEXT COLLATE "C" NOT NULL UNIQUE,
     name TEXT COLLATE "C" NOT NULL,
     password_hash TEXT COLLATE "C" NOT NULL,
     is_admin BOOLEAN NOT NULL DEFAULT FALSE,
     created_at TEXT COLLATE "C" NOT NULL
   );
   CREATE TABLE sessions (
     id TEXT COLLATE "C" PRIMARY KEY,
     user_id TEXT COLLATE "C" NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     expires_at BIGINT NOT NULL,
     created_at TEXT COLLATE "C" NOT NULL
   );
   CREATE INDEX sessions_by_user ON sessions (user_id);
   CREATE INDEX sessions_by_expiry ON sessions (expires_at);
   CREATE TABLE api_tokens (
     id TEXT COLLATE "C" PRIMARY KEY,
     hash TEXT COLLATE "C" NOT NULL UNIQUE,
     user_id TEXT COLLATE "C" NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     name TEXT COLLATE "C" NOT NULL,
     scope TEXT COLLATE "C" NOT NULL CHECK (scope IN ('read')),
     created_at TEXT COLLATE "C" NOT NULL,
     expires_at TEXT COLLATE "C",
     last_used_at TEXT COLLATE "C"
   );
   CREATE INDEX api_tokens_by_user ON api_tokens (user_id);
   CREATE TABLE working_groups (
     id TEXT COLLATE "C" PRIMARY KEY,
     name TEXT COLLATE "C" NOT NULL,
     description TEXT COLLATE "C" NOT NULL DEFAULT '',
     created_at TEXT COLLATE "C" NOT NULL
   );
   CREATE TABLE memberships (
     group_id TEXT COLLATE "C" NOT NULL REFERENCES working_groups (id) ON DELETE CASCADE,
     user_id TEXT COLLATE "C" NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     role TEXT COLLATE "C" NOT NULL CHECK (role IN ('convenor', 'editor', 'reviewer', 'observer')),
     created_at TEXT COLLATE "C" NOT NULL,
     PRIMARY KEY (group_id, user_id)
   );
   CREATE INDEX memberships_by_user ON memberships (user_id);
   CREATE TABLE invitations (
     id TEXT COLLATE "C" PRIMARY KEY,
     hash TEXT COLLATE "C" NOT NULL UNIQUE,
     group_id TEXT COLLATE "C" NOT NULL REFERENCES working_groups (id) ON DELETE CASCADE,
     role TEXT COLLATE "C" NOT NULL CHECK (role IN ('convenor', 'editor', 'reviewer', 'observer')),
     created_by TEXT COLLATE "C" NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     created_at TEXT COLLATE "C" NOT NULL,
     expires_at TEXT COLLATE "C" NOT NULL
   );
   CREATE INDEX invitations_by_group ON invitations (group_id);
   ALTER TABLE standards ADD COLUMN group_id TEXT COLLATE "C" REFERENCES working_groups (id);
   INSERT INTO working_groups (id, name, description, created_at)
     SELECT 'default', 'Default working group', 'Standards created before working groups existed.',
            to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')
     WHERE EXISTS (SELECT 1 FROM standards);
   UPDATE standards SET group_id = 'default' WHERE group_id IS NULL;
   CREATE INDEX standards_by_group ON standards (group_id);
   CREATE TABLE comment_threads (
     id TEXT COLLATE "C" PRIMARY KEY,
     standard_id TEXT COLLATE "C" NOT NULL REFERENCES standards (id) ON DELETE CASCADE,
     anchor TEXT COLLATE "C" NOT NULL,
     type TEXT COLLATE "C" NOT NULL CHECK (type IN ('general', 'technical', 'editorial')),
     author_id TEXT COLLATE "C" NOT NULL REFERENCES users (id),
     body TEXT COLLATE "C" NOT NULL,
     proposed_change TEXT COLLATE "C" NOT NULL DEFAULT '',
     created_at TEXT COLLATE "C" NOT NULL,
     resolved_by TEXT COLLATE "C" REFERENCES users (id),
     resolved_at TEXT COLLATE "C",
     resolution_note TEXT COLLATE "C",
     reopened_by TEXT COLLATE "C" REFERENCES users (id),
     reopened_at TEXT COLLATE "C"
   );
   CREATE INDEX comment_threads_by_standard ON comment_threads (standard_id, created_at);
   CREATE TABLE comment_replies (
     id TEXT COLLATE "C" PRIMARY KEY,
     thread_id TEXT COLLATE "C" NOT NULL REFERENCES comment_threads (id) ON DELETE CASCADE,
     author_id TEXT COLLATE "C" NOT NULL REFERENCES users (id),
     body TEXT COLLATE "C" NOT NULL,
     created_at TEXT COLLATE "C" NOT NULL
   );
   CREATE INDEX comment_replies_by_thread ON comment_replies (thread_id, created_at);`,

  // Issue 6: log entries that could not be applied, set aside for inspection (seq is the entry's
  // seq in document_updates, so unique).
  `CREATE TABLE document_quarantine (
     seq BIGINT PRIMARY KEY,
     name TEXT COLLATE "C" NOT NULL,
     data BYTEA NOT NULL,
     reason TEXT COLLATE "C" NOT NULL,
     at TEXT COLLATE "C" NOT NULL
   );
   CREATE INDEX document_quarantine_by_name ON document_quarantine (name, seq);`
];

/**
 * Applies pending migrations, each in its own transaction under a database-wide advisory lock, so
 * instances starting together apply each migration exactly once (the others wait, then find it
 * recorded). Returns the schema version found before this process applied anything.
 */
export async function migrate(db: Db, migrations: readonly string[] = POSTGRES_MIGRATIONS): Promise<number> {
  let found: number | undefined;
  for (;;) {
    const done = await transaction(db, async (tx) => {
      await lock(tx, LOCKS.migrations);
      await tx.query(
        'CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, applied_at TEXT COLLATE "C" NOT NULL)'
      );
      const { rows } = await tx.query<{ v: number | null }>('SELECT MAX(version) AS v FROM migrations');
      const applied = rows[0]?.v ?? 0;
      found ??= applied;
      if (applied > migrations.length) {
        throw new Error(
          `The database was written by a newer Clausework (schema version ${applied}, this one knows ${migrations.length}).`
        );
      }
      if (applied === migrations.length) return true;
      await tx.query(migrations[applied]!);
      await tx.query('INSERT INTO migrations (version, applied_at) VALUES ($1, $2)', [
        applied + 1,
        new Date().toISOString()
      ]);
      return false;
    });
    if (done) return found ?? 0;
  }
}
