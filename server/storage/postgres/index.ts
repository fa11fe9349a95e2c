// PostgreSQL storage (DATABASE_URL): the same Storage as the embedded SQLite backend, for
// deployments that run several server instances against one database.

import type { Logger } from '../../log';
import type { Storage } from '../types';
import { postgresAccountsRepository } from './accounts';
import { postgresDocumentStore } from './documents';
import { postgresGroupsRepository } from './groups';
import { migrate } from './migrations';
import { createPool } from './pool';
import { postgresStandardsRepository } from './standards';
import { postgresThreadsRepository } from './threads';
import { errorMessage } from '../../error-message';

export async function openPostgresStorage(url: string, log?: Logger): Promise<Storage> {
  const db = createPool(url, log);
  let found: number;
  try {
    found = await migrate(db);
  } catch (error) {
    await db.end().catch(() => undefined);
    const reason = errorMessage(error);
    throw new Error(`Could not open the PostgreSQL storage at ${where(url)} (DATABASE_URL): ${reason}`, { cause: error });
  }
  let closing: Promise<void> | undefined;
  return {
    kind: 'postgres',
    fresh: found === 0,
    documents: postgresDocumentStore(db),
    standards: postgresStandardsRepository(db),
    accounts: postgresAccountsRepository(db),
    groups: postgresGroupsRepository(db),
    threads: postgresThreadsRepository(db),
    // pg refuses a second end(); closing twice is harmless here, as with SQLite.
    close: () => (closing ??= db.end())
  };
}

/** host:port/database of a URL, without the user name or password, for messages and logs. */
function where(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host || 'localhost'}${parsed.pathname}`;
  } catch {
    return 'the configured URL';
  }
}
