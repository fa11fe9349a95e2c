// Writing into and reading from a PostgreSQL database directly, for tests that run the real server
// with DATABASE_URL: the Postgres counterparts of createAccountIn / createStandardIn (which open
// storage from a data directory), and the stored rows of a document, byte for byte.

import pg from 'pg';
import type { Storage } from '../../server/storage/types';

export interface PgAccount {
  user: { id: string; isAdmin: boolean };
  /** The session token: a Node provider's `token`. */
  token: string;
  headers: { cookie: string };
}

async function withStorage<T>(url: string, work: (storage: Storage) => Promise<T>): Promise<T> {
  const [{ openStorage }, { loadConfig }] = await Promise.all([import('../../server/storage/open'), import('../../server/config')]);
  const storage = await openStorage(loadConfig({ DATABASE_URL: url }));
  try {
    return await work(storage);
  } finally {
    await storage.close();
  }
}

async function services(storage: Storage) {
  const [standards, log, accounts, changes, rateLimit, tokens] = await Promise.all([
    import('../../server/standards'),
    import('../../server/log'),
    import('../../server/access/accounts'),
    import('../../server/access/changes'),
    import('../../server/access/rate-limit'),
    import('../../server/access/tokens')
  ]);
  const silent = log.createLogger('silent');
  return {
    standards: standards.standardsService({ storage, log: silent, evict: () => undefined }),
    accounts: accounts.accountsService({
      storage,
      changes: changes.changeHub(),
      log: silent,
      limits: new rateLimit.LoginLimits({ perIp: { points: 1_000_000, durationSeconds: 1 } })
    }),
    newRowId: tokens.newRowId
  };
}

/**
 * Migrates the database and creates an account with a session (the first one is administrator,
 * so convenor of every group) and a group holding `titles.length` standards.
 */
export async function seedPostgres(
  url: string,
  titles: string[]
): Promise<{ owner: PgAccount; groupId: string; standards: { id: string; title: string }[] }> {
  return withStorage(url, async (storage) => {
    const { standards, accounts, newRowId } = await services(storage);
    const grant = await accounts.signUp({ email: `owner-${process.pid}@example.test`, name: 'Owner', password: 'correct horse battery staple' }, 'test');
    const groupId = newRowId('g');
    await storage.groups.create({ id: groupId, name: 'Fault group', description: '', createdAt: new Date().toISOString() }, null);
    const created = [];
    for (const title of titles) {
      const summary = await standards.create({ title, designation: 'ITU-T X.FAULT', series: 'SERIES X', studyGroup: 'SG17', groupId });
      created.push({ id: summary.id, title: summary.title });
    }
    const cookie = `session=${grant.token}`;
    return { owner: { user: { id: grant.user.id, isAdmin: grant.user.isAdmin }, token: grant.token, headers: { cookie } }, groupId, standards: created };
  });
}

/** A document's stored rows as they are: the snapshot and the log in order, raw bytes. */
export interface StoredRows {
  snapshot: string | null;
  log: { seq: string; data: string }[];
  quarantine: number;
}

/** Reads a document's rows straight from PostgreSQL (hex strings, so equality is byte equality). */
export async function storedRows(url: string, name: string): Promise<StoredRows> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const snapshot = await client.query<{ state: Buffer }>('SELECT state FROM document_snapshots WHERE name = $1', [name]);
    const log = await client.query<{ seq: string; data: Buffer }>('SELECT seq, data FROM document_updates WHERE name = $1 ORDER BY seq', [name]);
    const quarantine = await client.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM document_quarantine WHERE name = $1', [name]);
    return {
      snapshot: snapshot.rows[0]?.state.toString('hex') ?? null,
      log: log.rows.map((r) => ({ seq: r.seq, data: r.data.toString('hex') })),
      quarantine: quarantine.rows[0]!.n
    };
  } finally {
    await client.end();
  }
}

/** The stored document's state (snapshot + every logged update), as the server would load it. */
export async function storedState(url: string, name: string): Promise<Uint8Array[]> {
  const rows = await storedRows(url, name);
  return [...(rows.snapshot ? [rows.snapshot] : []), ...rows.log.map((r) => r.data)].map((hex) => new Uint8Array(Buffer.from(hex, 'hex')));
}
