// The SQLite schema, as numbered migrations applied once each (recorded in `migrations`).
// Append new entries; never edit one that has shipped.

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
];
