// The connection pool and the two ways the repositories use it: a single statement on any pooled
// connection, or a transaction on one connection held until COMMIT/ROLLBACK.

import pg from 'pg';
import type { Logger } from '../../log';

export type Db = pg.Pool;
export type Tx = pg.PoolClient;
/** Anything a statement can run on: the pool (autocommit) or a client inside a transaction. */
export type Queryable = pg.Pool | pg.PoolClient;

const POOL_SIZE = 10;
const STATEMENT_TIMEOUT_MS = 10_000;
const CONNECT_TIMEOUT_MS = 5_000;

export function createPool(url: string, log?: Logger): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: POOL_SIZE,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    statement_timeout: STATEMENT_TIMEOUT_MS,
    // statement_timeout runs in the database: a query sent on a connection whose far side vanished
    // (network partition) never hears back, and would hold its pool slot forever. The client-side
    // timeout frees it; keep-alive lets the OS notice dead peers.
    query_timeout: STATEMENT_TIMEOUT_MS + 5_000,
    keepAlive: true,
    // A transaction left open by a bug must not hold row and advisory locks forever.
    idle_in_transaction_session_timeout: 4 * STATEMENT_TIMEOUT_MS,
    application_name: 'clausework',
    // An append is acknowledged to the client once it resolves: it must be on disk by then,
    // whatever the server's default says.
    options: '-c synchronous_commit=on'
  });
  // A pooled connection that dies while idle (database restarted, network cut) emits 'error' on
  // the pool; unhandled, that would crash the process. The pool discards the client by itself.
  pool.on('error', (error) => log?.error('storage.postgres.idle-client-error', { error: describe(error) }));
  return pool;
}

/** Runs `work` inside a transaction on one connection; rolls back on any error. */
export async function transaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  const client = await db.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    try {
      await client.query('ROLLBACK');
    } catch (rollbackError) {
      // The connection itself is gone or wedged: do not hand it to the next caller.
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    }
    throw error;
  } finally {
    client.release(broken);
  }
}

/**
 * Advisory locks used by this backend, all under one class id so they never collide with another
 * application's locks on the same database. Transaction-scoped: released at COMMIT/ROLLBACK.
 */
const LOCK_CLASS = 0x436c_7721; // "Clw!"
export const LOCKS = {
  migrations: 1,
  firstUser: 2
} as const;

export async function lock(tx: Tx, key: number): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1, $2)', [LOCK_CLASS, key]);
}

/** Serialises compaction, quarantine and replacement of one document across every instance. */
export async function lockDocument(tx: Tx, name: string): Promise<void> {
  // A third class id keeps the hashed document keys apart from the fixed keys above.
  await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_CLASS + 1, name]);
}

/** The SQLSTATE of a database error, if it is one. */
export function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

export const UNIQUE_VIOLATION = '23505';

/** Error text for logs: never the connection string, which may hold a password. */
function describe(error: Error): { message: string; code?: string } {
  return { message: error.message, code: sqlState(error) };
}
