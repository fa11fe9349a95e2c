// Test harness shared by the integration, durability, e2e and benchmark code: start the real
// server as a child process (so it can be killed with SIGKILL) and connect real providers to it.
// Keep this API stable: other engineers' tests depend on it.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { initProseMirrorDoc, updateYFragment } from '@tiptap/y-tiptap';
import { Transform } from '@tiptap/pm/transform';
import type { Node as PMNode, Schema } from '@tiptap/pm/model';
import { clauseSchema, YDOC_FIELD } from '../../clauses/schema';
import type { Storage } from '../../server/storage/types';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const MAIN = join(ROOT, 'server', 'main.ts');

export interface ServerProcess {
  port: number;
  /** http://127.0.0.1:PORT */
  url: string;
  /** ws://127.0.0.1:PORT/collab */
  wsUrl: string;
  dataDir: string;
  proc: ChildProcess;
  /** Sends a signal (SIGKILL by default) and resolves once the process has exited. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Graceful stop (SIGTERM); resolves once the process has exited. */
  stop(): Promise<void>;
  /** Everything the process wrote to stdout and stderr so far. */
  logs(): string;
}

export interface StartOptions {
  /** Reuse a data directory (e.g. to restart on the same data); a fresh temp dir by default. */
  dataDir?: string;
  /** Extra environment. LOG_LEVEL defaults to info; any level but silent still prints `listening`. */
  env?: Record<string, string>;
  /** How long to wait for the `listening` line (ms). */
  timeout?: number;
  /** Extra Node options for the server process (e.g. ['--cpu-prof']). */
  nodeArgs?: string[];
}

const tempDirs: string[] = [];

/** A fresh temporary data directory; see removeTempDataDirs. */
export function tempDataDir(prefix = 'clausework-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/**
 * Removes every directory tempDataDir made in this process (call it in afterAll, after the
 * servers using them have stopped). Test runners kill their workers, so an exit hook is not enough.
 */
export function removeTempDataDirs(): void {
  tempDirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
}

export async function startServerProcess(options: StartOptions = {}): Promise<ServerProcess> {
  const dataDir = options.dataDir ?? tempDataDir();
  const env: Record<string, string | undefined> = {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    ...options.env
  };
  // Vitest marks its own environment; the child is a real server, not a test.
  delete env.VITEST;
  const proc = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', MAIN], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe']
  });
  let output = '';
  const exited = new Promise<void>((done) => proc.once('exit', () => done()));
  const port = await new Promise<number>((resolvePort, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL'); // never leave a half-started server behind
      reject(new Error(`server did not log "listening" in time; output:\n${output}`));
    }, options.timeout ?? 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"event":"listening"[^\n]*"port":(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolvePort(Number(match[1]));
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    proc.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`server exited (code ${code}, signal ${signal}) before listening:\n${output}`));
    });
  });
  const kill = async (signal: NodeJS.Signals = 'SIGKILL') => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
    await exited;
  };
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/collab`,
    dataDir,
    proc,
    kill,
    stop: () => kill('SIGTERM'),
    logs: () => output
  };
}

export interface ConnectOptions {
  /** An existing Y.Doc to sync; a new one by default. */
  document?: Y.Doc;
  /** A session token (TestAccount.token) sent as the provider's `token`, as Node clients authenticate. */
  token?: string;
  /** Milliseconds to wait for the first sync. */
  timeout?: number;
}

export interface Client {
  provider: HocuspocusProvider;
  socket: HocuspocusProviderWebsocket;
  doc: Y.Doc;
  /** Resolves when every local change has been acknowledged by the server. */
  whenSynced(timeout?: number): Promise<void>;
  destroy(): void;
}

/** Connects a real HocuspocusProvider from Node to a standard and waits for the first sync. */
export async function connectClient(
  wsUrl: string,
  standardId: string,
  options: ConnectOptions = {}
): Promise<Client> {
  const doc = options.document ?? new Y.Doc();
  // Reconnects like a browser would (unlimited attempts until destroyed); a bounded number of
  // attempts makes the provider reject a promise nobody can catch.
  const socket = new HocuspocusProviderWebsocket({ url: wsUrl, WebSocketPolyfill: WebSocket });
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: standardId,
    document: doc,
    token: options.token ?? null
  });
  provider.attach();
  const destroy = () => {
    provider.destroy();
    socket.destroy();
  };
  try {
    await waitFor(
      (done, fail) => {
        if (provider.isSynced) return done();
        provider.on('synced', () => done());
        provider.on('authenticationFailed', ({ reason }: { reason: string }) =>
          fail(new Error(`authentication failed: ${reason}`))
        );
        socket.on('close', ({ event }: { event: { code: number; reason: string } }) =>
          fail(new Error(`connection closed (${event.code}): ${event.reason}`))
        );
      },
      options.timeout ?? 10_000,
      `sync of "${standardId}"`
    );
  } catch (error) {
    destroy();
    throw error;
  }
  return {
    provider,
    socket,
    doc,
    whenSynced: (timeout = 10_000) => waitForAcknowledged(provider, timeout),
    destroy
  };
}

export function waitForAcknowledged(provider: HocuspocusProvider, timeout = 10_000): Promise<void> {
  return waitFor(
    (done) => {
      if (provider.unsyncedChanges === 0) return done();
      provider.on('unsyncedChanges', ({ number }: { number: number }) => {
        if (number === 0) done();
      });
    },
    timeout,
    'acknowledgement of local changes'
  );
}

function waitFor(
  start: (done: () => void, fail: (error: Error) => void) => void,
  timeout: number,
  what: string
): Promise<void> {
  return new Promise((resolveWait, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), timeout);
    start(
      () => {
        clearTimeout(timer);
        resolveWait();
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      }
    );
  });
}

// ---- Writing directly into a data directory ------------------------------------------------
// These go through the real storage and services, the way the server would. They work before
// the server starts and while it runs (SQLite in WAL mode lets both write). Where they take a
// `dataDir`, a PostgreSQL URL (postgres://…) works too: they then write into that database, as
// for a cluster of instances (test/helpers/cluster.ts, `cluster.databaseUrl`).

/** A user and a live session, as signing up would give them. */
export interface TestAccount {
  user: { id: string; email: string; name: string; isAdmin: boolean };
  password: string;
  /** The session token: the cookie's value, or a Node provider's `token`. */
  token: string;
  /** 'session=<token>' */
  cookie: string;
  headers: { cookie: string };
}

export const TEST_PASSWORD = 'correct horse battery staple';

type ServerModules = Awaited<ReturnType<typeof serverModules>>;

async function withStorage<T>(
  dataDir: string,
  work: (deps: ServerModules & { storage: Storage }) => T | Promise<T>
): Promise<T> {
  const modules = await serverModules();
  const target = /^postgres(ql)?:\/\//i.test(dataDir) ? { DATABASE_URL: dataDir } : { DATA_DIR: dataDir };
  const storage = await modules.openStorage(modules.loadConfig(target));
  try {
    return await work({ ...modules, storage });
  } finally {
    await storage.close();
  }
}

/** Loaded on first use: importing the server from a test file must stay cheap. */
async function serverModules() {
  const [open, config, standards, log, accounts, changes, rateLimit, tokens] = await Promise.all([
    import('../../server/storage/open'),
    import('../../server/config'),
    import('../../server/standards'),
    import('../../server/log'),
    import('../../server/access/accounts'),
    import('../../server/access/changes'),
    import('../../server/access/rate-limit'),
    import('../../server/access/tokens')
  ]);
  const silent = log.createLogger('silent');
  return {
    openStorage: open.openStorage,
    loadConfig: config.loadConfig,
    standardsOf: (storage: Storage) => standards.standardsService({ storage, log: silent, evict: () => undefined }),
    accountsOf: (storage: Storage) =>
      accounts.accountsService({
        storage,
        changes: changes.changeHub(),
        log: silent,
        limits: new rateLimit.LoginLimits({ perIp: { points: 1_000_000, durationSeconds: 1 } })
      }),
    hashToken: tokens.hashToken,
    newRowId: tokens.newRowId
  };
}

let accountCounter = 0;
const owners = new Map<string, Promise<TestAccount>>();

/**
 * Creates an account with a session in a data directory. The first account of a data
 * directory becomes its administrator (and so convenor of every group).
 */
export async function createAccountIn(
  dataDir: string,
  opts: { email?: string; name?: string; password?: string } = {}
): Promise<TestAccount> {
  accountCounter += 1;
  const suffix = `${process.pid}-${accountCounter}-${Math.random().toString(36).slice(2, 8)}`;
  const password = opts.password ?? TEST_PASSWORD;
  const grant = await withStorage(dataDir, ({ storage, accountsOf }) =>
    accountsOf(storage).signUp(
      { email: opts.email ?? `user-${suffix}@example.test`, name: opts.name ?? `Test user ${accountCounter}`, password },
      'test-helper'
    )
  );
  const { id, email, name, isAdmin } = grant.user;
  const cookie = `session=${grant.token}`;
  const account: TestAccount = { user: { id, email, name, isAdmin }, password, token: grant.token, cookie, headers: { cookie } };
  if (isAdmin && !owners.has(dataDir)) owners.set(dataDir, Promise.resolve(account));
  return account;
}

/** The administrator of a data directory: created on first call, then the same account. */
export function ownerOf(dataDir: string): Promise<TestAccount> {
  let owner = owners.get(dataDir);
  if (!owner) {
    owner = createAccountIn(dataDir, { name: 'Owner' }).then((account) => {
      if (!account.user.isAdmin) {
        throw new Error(
          `ownerOf(${dataDir}): an account existed before (made outside these helpers), so the new one is not administrator.`
        );
      }
      return account;
    });
    owners.set(dataDir, owner);
    owner.catch(() => owners.delete(dataDir));
  }
  return owner;
}

/** Creates a working group (without members: the administrator is convenor of every group). */
export async function createGroupIn(dataDir: string, name = 'Test group'): Promise<{ id: string; name: string }> {
  return withStorage(dataDir, async ({ storage, newRowId }) => {
    const id = newRowId('g');
    await storage.groups.create({ id, name, description: '', createdAt: new Date().toISOString() }, null);
    return { id, name };
  });
}

/** Makes a user a member of a group with `role` (or changes their role). */
export async function addMemberIn(
  dataDir: string,
  groupId: string,
  userId: string,
  role: 'convenor' | 'editor' | 'reviewer' | 'observer'
): Promise<void> {
  await withStorage(dataDir, ({ storage }) =>
    storage.groups.putMembership({ groupId, userId, role, createdAt: new Date().toISOString() })
  );
}

/** A personal read-only API token for a user, as `clausework token create` makes it. */
export async function createApiTokenIn(
  dataDir: string,
  userId: string,
  opts: { name?: string; expiresInDays?: number } = {}
): Promise<{ token: string; id: string }> {
  return withStorage(dataDir, async ({ storage, accountsOf }) => {
    const { token, info } = await accountsOf(storage).createApiToken(userId, opts.name ?? 'test token', opts.expiresInDays);
    return { token, id: info.id };
  });
}

/** Makes a session token expired (as if 30 days had passed without use). */
export async function expireSessionIn(dataDir: string, token: string): Promise<void> {
  await withStorage(dataDir, ({ storage, hashToken }) => storage.accounts.setSessionExpiry(hashToken(token), Date.now() - 1000));
}

/**
 * Creates a standard (metadata row + skeleton document) directly in a data directory, the way
 * the server's StandardsService does. It belongs to `groupId`, or by default to a group named
 * "Test group" (created if missing).
 */
export async function createStandardIn(
  dataDir: string,
  input: Partial<{ title: string; designation: string; series: string; studyGroup: string; groupId: string }> = {}
): Promise<{ id: string; title: string; groupId: string }> {
  return withStorage(dataDir, async ({ storage, standardsOf, newRowId }) => {
    const groupId = input.groupId ?? (await defaultGroup(storage, newRowId));
    const created = await standardsOf(storage).create({
      title: input.title ?? 'Test standard',
      designation: input.designation ?? 'ITU-T X.TEST',
      series: input.series ?? 'SERIES X',
      studyGroup: input.studyGroup ?? 'SG17',
      groupId
    });
    return created;
  });
}

async function defaultGroup(storage: Storage, newRowId: (prefix: string) => string): Promise<string> {
  const name = 'Test group';
  const found = (await storage.groups.list()).find((g) => g.name === name);
  if (found) return found.id;
  const id = newRowId('g');
  await storage.groups.create({ id, name, description: '', createdAt: new Date().toISOString() }, null);
  return id;
}

let schema: Schema | undefined;
const theSchema = () => (schema ??= clauseSchema());

/** The ProseMirror document held by a Y.Doc, read with the shared schema. */
export function documentNode(doc: Y.Doc): PMNode {
  return initProseMirrorDoc(doc.getXmlFragment(YDOC_FIELD), theSchema()).doc;
}

/** The ProseMirror JSON of a Y.Doc: what two converged clients must agree on. */
export function documentJSON(doc: Y.Doc): unknown {
  return documentNode(doc).toJSON();
}

/**
 * Applies a ProseMirror edit to a Y.Doc the way the editor's sync plugin does (minimal Yjs
 * changes computed by y-tiptap), so tests edit through the real schema.
 */
export function editDocument(doc: Y.Doc, edit: (tr: Transform) => void): void {
  const fragment = doc.getXmlFragment(YDOC_FIELD);
  const { doc: node, meta } = initProseMirrorDoc(fragment, theSchema());
  const tr = new Transform(node);
  edit(tr);
  doc.transact(() => updateYFragment(doc, fragment, tr.doc, meta));
}

/** Position just inside the end of the `index`-th paragraph (document order). */
export function paragraphEnd(node: PMNode, index: number): number {
  let seen = 0;
  let found = -1;
  node.descendants((child, pos) => {
    if (found >= 0) return false;
    if (child.type.name === 'paragraph') {
      if (seen === index) found = pos + child.nodeSize - 1;
      seen += 1;
      return false;
    }
    return true;
  });
  if (found < 0) throw new Error(`the document has no paragraph #${index}`);
  return found;
}

/** Appends text at the end of the `index`-th paragraph. */
export function typeInParagraph(doc: Y.Doc, index: number, text: string): void {
  editDocument(doc, (tr) => tr.insert(paragraphEnd(tr.doc, index), theSchema().text(text)));
}

/** Plain text of every paragraph, in document order. */
export function paragraphTexts(doc: Y.Doc): string[] {
  const out: string[] = [];
  documentNode(doc).descendants((child) => {
    if (child.type.name !== 'paragraph') return true;
    out.push(child.textContent);
    return false;
  });
  return out;
}
