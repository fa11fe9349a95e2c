// Chooses the storage backend from the configuration. Only SQLite exists today; a Postgres
// backend would be selected here (e.g. when DATABASE_URL is set) and nothing else changes.

import { join } from 'node:path';
import type { Config } from '../config';
import { openSqliteStorage } from './sqlite';
import type { Storage } from './types';

/** Where the SQLite database of a data directory lives. */
export function databaseFile(config: Pick<Config, 'dataDir'>): string {
  return join(config.dataDir, 'clausework.sqlite');
}

export function openStorage(config: Config): Storage {
  return openSqliteStorage(databaseFile(config), config.sqliteSynchronous);
}
