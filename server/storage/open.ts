// Chooses the storage backend from the configuration: embedded SQLite in the data directory (the
// zero-configuration default) or PostgreSQL (DATABASE_URL). Nothing else knows which one it is.

import { join } from 'node:path';
import type { Config } from '../config';
import type { Logger } from '../log';
import { openPostgresStorage } from './postgres';
import { openSqliteStorage } from './sqlite';
import type { Storage } from './types';

/** Where the SQLite database of a data directory lives. */
export function databaseFile(config: Pick<Config, 'dataDir'>): string {
  return join(config.dataDir, 'clausework.sqlite');
}

/** PostgreSQL when DATABASE_URL is set (several instances share it), else SQLite in dataDir. */
export async function openStorage(config: Config, log?: Logger): Promise<Storage> {
  if (config.databaseUrl) return openPostgresStorage(config.databaseUrl, log);
  return openSqliteStorage(databaseFile(config), config.sqliteSynchronous);
}
