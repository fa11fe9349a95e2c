// Several real server processes serving the same documents, as in production behind a load
// balancer: one fresh PostgreSQL database (DATABASE_URL, dropped in stop) and one Redis (REDIS_URL)
// under a key prefix of the cluster's own (REDIS_PREFIX), so parallel runs never see each other.
//
//   const cluster = await startCluster({ instances: 2 });
//   const standard = await cluster.createStandard({ title: 'Shared' });
//   const a = await connectClient(cluster.servers[0].wsUrl, standard.id, { token: cluster.owner.token });
//   const b = await connectClient(cluster.servers[1].wsUrl, standard.id, { token: cluster.owner.token });
//   …
//   await cluster.stop();
//
// The data-directory helpers of server.ts (createAccountIn, addMemberIn, createGroupIn, ownerOf …)
// take `cluster.databaseUrl` in place of a data directory.

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from './postgres';
import { deleteRedisKeys, SHARED_REDIS_URL } from './redis';
import {
  addMemberIn,
  createAccountIn,
  createStandardIn,
  ownerOf,
  startServerProcess,
  type ServerProcess,
  type TestAccount
} from './server';

export type Role = 'convenor' | 'editor' | 'reviewer' | 'observer';

export interface ClusterOptions {
  /** Number of server processes (2 by default). */
  instances?: number;
  /** Extra environment for every instance (e.g. LOG_LEVEL, COMPACT_AFTER_UPDATES). */
  env?: Record<string, string>;
  /** Another Redis than the machine's (e.g. a dedicated one from startRedisServer). */
  redisUrl?: string;
  /** Extra Node options for every instance (e.g. ['--cpu-prof']). */
  nodeArgs?: string[];
  /** How long to wait for each instance's `listening` line (ms). */
  timeout?: number;
}

export interface Cluster {
  /** The running instances, in order; restart(i) replaces servers[i]. */
  servers: ServerProcess[];
  /** The same array as `servers`. */
  instances: ServerProcess[];
  /** The cluster's own PostgreSQL database; also a target for the server.ts data helpers. */
  databaseUrl: string;
  redisUrl: string;
  /** REDIS_PREFIX of this cluster. */
  redisPrefix: string;
  /** The administrator (convenor of every group). */
  owner: TestAccount;
  /** A standard in the database (in the "Test group" by default), as createStandardIn makes it. */
  createStandard(input?: Parameters<typeof createStandardIn>[1]): Promise<{ id: string; title: string; groupId: string }>;
  /** A new account with a live session. */
  createAccount(opts?: Parameters<typeof createAccountIn>[1]): Promise<TestAccount>;
  /** Makes a user a member of a group with `role` (directly in the database, no access change is announced). */
  addMember(groupId: string, userId: string, role: Role): Promise<void>;
  /**
   * Starts instance `i` again on the same port with the same environment (stopping it gracefully
   * first if it still runs; kill it yourself first for a crash).
   */
  restart(i: number): Promise<ServerProcess>;
  /** Stops every instance, drops the database and deletes the cluster's Redis keys. */
  stop(): Promise<void>;
}

export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const count = options.instances ?? 2;
  if (count < 1) throw new Error('startCluster: instances must be at least 1');
  const database = await createTestDatabase();
  const redisUrl = options.redisUrl ?? SHARED_REDIS_URL;
  const redisPrefix = `cw-test-${randomBytes(6).toString('hex')}`;
  const env = {
    DATABASE_URL: database.url,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: redisPrefix,
    HOST: '127.0.0.1',
    ...options.env
  };
  const servers: ServerProcess[] = [];
  // Unused with DATABASE_URL; it keeps the instances away from ./data all the same.
  const dataDir = mkdtempSync(join(tmpdir(), 'clausework-cluster-'));
  const start = (port = 0) =>
    startServerProcess({
      dataDir,
      env: { ...env, PORT: String(port) },
      nodeArgs: options.nodeArgs,
      timeout: options.timeout
    });
  const cleanup = async () => {
    await Promise.all(servers.map((s) => s.stop().catch(() => s.kill())));
    await dropQuietly(database);
    await deleteRedisKeys(redisUrl, redisPrefix);
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    // The first instance alone: it migrates and seeds the empty database, then the others join.
    servers.push(await start());
    servers.push(...(await Promise.all(Array.from({ length: count - 1 }, () => start()))));
  } catch (error) {
    await cleanup();
    throw error;
  }
  const owner = await ownerOf(database.url);

  let stopping: Promise<void> | undefined;
  return {
    servers,
    instances: servers,
    databaseUrl: database.url,
    redisUrl,
    redisPrefix,
    owner,
    createStandard: (input) => createStandardIn(database.url, input),
    createAccount: (opts) => createAccountIn(database.url, opts),
    addMember: (groupId, userId, role) => addMemberIn(database.url, groupId, userId, role),
    async restart(i) {
      const old = servers[i];
      if (!old) throw new Error(`restart(${i}): the cluster has ${servers.length} instances`);
      await old.stop();
      const next = await start(old.port);
      servers[i] = next;
      return next;
    },
    stop: () => (stopping ??= cleanup())
  };
}

async function dropQuietly(database: TestDatabase): Promise<void> {
  try {
    await database.drop();
  } catch (error) {
    console.warn(`could not drop test database ${database.name}: ${String(error)}`);
  }
}
