// Chooses the storage backend from the configuration. Only SQLite exists today; a Postgres
// backend would be selected here (e.g. when DATABASE_URL is set) and nothing else changes.

import { join } from 'node:path';
import type { Config } from '../config';
import { openSqliteStorage } from './sqlite';
import type { Storage } from './types';

export function openStorage(config: Config): Storage {
  return openSqliteStorage(join(config.dataDir, 'clausework.sqlite'), config.sqliteSynchronous);
}
