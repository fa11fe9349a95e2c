// Randomized convergence, in the style of Yjs's own applyRandomTests (yjs tests/testHelper.js):
// a seeded PRNG (lib0/prng) picks, op after op, a random client and a random "mod" — typing,
// deleting, formatting, splitting and joining paragraphs, the editor's structure commands, tags,
// review comments — with random disconnects and reconnects in between. Unlike Yjs's test, the
// clients are real HocuspocusProviders talking to the real server over WebSockets, editing through
// the real schema (test/helpers/random-edits.ts). Where Yjs flushes random messages, we let the
// network run to a "settle" point at random; there every connected client renders what it received
// (y-tiptap, as the editor does, which may write back) and repairs duplicate ids (the editor's
// duplicate-ids plugin). At the end everyone reconnects, and every client, a freshly connected
// client and the stored document (after a graceful restart) must hold the same valid document: it
// passes the schema's check, y-tiptap reads it as its Yjs XML says, its ids are unique, every
// clause gets a number, and every comment thread that was created is listed exactly once.
//
// Replaying a seed. A failing run names its seed and its last operations; run only that seed with
//     SEED=123 npx vitest run test/integration/convergence-random.test.ts
// (OPS=1000 changes the number of operations per run; SEEDS=1,2,3 runs several.) A seed replays
// exactly: ops are synchronous and happen only between settle points, where every connected client
// has converged with the server; disconnects happen only at those points; Y.Doc client ids and new
// node ids come from the PRNG. So what each client sees when it edits, every edit and the merged
// result depend on the seed alone, not on network timing (the log line's `hash` shows it: two runs
// of one seed print the same). The price: a client never sees half of another's burst of edits —
// concurrency comes from the edits between two settle points and from clients that are offline.

import { createHash } from 'node:crypto';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import * as prng from 'lib0/prng';
import * as Y from 'yjs';
import { Node as PMNode } from '@tiptap/pm/model';
import {
  addMemberIn,
  connectClient,
  createAccountIn,
  createStandardIn,
  documentJSON,
  documentNode,
  editDocument,
  ownerOf,
  removeTempDataDirs,
  startServerProcess,
  type Client,
  type ServerProcess
} from '../helpers/server';
import { startCluster } from '../helpers/cluster';
import { postgresAvailable } from '../helpers/postgres';
import { redisAvailable } from '../helpers/redis';
import { pickMod, randomClauseId, repairDuplicateIds, seededIds, type PRNG } from '../helpers/random-edits';
import { clauseSchema, YDOC_FIELD } from '../../clauses/schema';
import { ydocToStandard, type PMJSON } from '../../clauses/convert';
import { numberStandard } from '../../clauses/numbering';
import { completeMeta } from '../../clauses/skeleton';
import { isValidId } from '../../clauses/ids';
import type { Clause } from '../../clauses/model';
import type { Thread } from '../../clauses/review';
import { parseReviewEvent, type ReviewEvent } from '../../clauses/review-messages';

const FILE = 'test/integration/convergence-random.test.ts';
const DEFAULT_SEEDS = [1, 2, 3];
const SEEDS = seedsFromEnv() ?? DEFAULT_SEEDS;
const OPS = Number(process.env.OPS ?? 300);

function seedsFromEnv(): number[] | undefined {
  const raw = process.env.SEED ?? process.env.SEEDS;
  if (!raw) return undefined;
  const seeds = raw.split(',').map((s) => Number(s.trim()));
  if (seeds.some((s) => !Number.isSafeInteger(s))) throw new Error(`SEED must be whole numbers, got ${JSON.stringify(raw)}`);
  return seeds;
}

// ---------------------------------------------------------------- where the clients connect

/** Server instances serving one standard, and the sessions the clients use. */
interface Deployment {
  label: string;
  /** Collaboration URLs of the instances; client i connects to wsUrls[i % length]. */
  wsUrls: string[];
  standardId: string;
  /** Session tokens of accounts that may edit (editors take them in turn). */
  editorTokens: string[];
  /** A session of a reviewer (read-only connection that comments), when the deployment has one. */
  reviewerToken?: string;
  /** A session that may read everything, for the fresh clients. */
  readerToken: string;
  /** Stops every instance gracefully and starts them on the same storage; updates wsUrls. */
  restart(): Promise<void>;
  close(): Promise<void>;
  /** What the instances logged (warnings and errors), for a failure. */
  logs(): string;
}

/** One server on a fresh SQLite data directory, with two editors and a reviewer in the group. */
async function sqliteDeployment(): Promise<Deployment> {
  let server: ServerProcess = await startServerProcess({ env: { LOG_LEVEL: 'warn', COMPACT_AFTER_UPDATES: '97' } });
  const { dataDir } = server;
  const owner = await ownerOf(dataDir);
  const standard = await createStandardIn(dataDir, { title: 'Randomized convergence' });
  const member = async (role: 'editor' | 'reviewer') => {
    const account = await createAccountIn(dataDir, { name: `Random ${role}` });
    await addMemberIn(dataDir, standard.groupId, account.user.id, role);
    return account.token;
  };
  const editors = [owner.token, await member('editor'), await member('editor')];
  const reviewer = await member('reviewer');
  const deployment: Deployment = {
    label: 'one SQLite instance',
    wsUrls: [server.wsUrl],
    standardId: standard.id,
    editorTokens: editors,
    reviewerToken: reviewer,
    readerToken: owner.token,
    async restart() {
      await server.stop();
      server = await startServerProcess({ dataDir, env: { LOG_LEVEL: 'warn' } });
      deployment.wsUrls = [server.wsUrl];
    },
    close: () => server.kill(),
    logs: () => server.logs()
  };
  return deployment;
}

/**
 * Two instances behind no load balancer, as in production: one PostgreSQL database, Redis between
 * them (test/helpers/cluster.ts). Clients alternate between the instances.
 */
async function clusterDeployment(): Promise<Deployment> {
  if (!(await postgresAvailable())) throw new Error('PostgreSQL is not answering on 127.0.0.1:5432 (or TEST_POSTGRES_URL): the two-instance runs need it.');
  if (!(await redisAvailable())) throw new Error('Redis is not answering on 127.0.0.1:6379 (or TEST_REDIS_URL): the two-instance runs need it.');
  const cluster = await startCluster({ instances: 2, env: { LOG_LEVEL: 'warn', COMPACT_AFTER_UPDATES: '97' } });
  try {
    const standard = await cluster.createStandard({ title: 'Randomized convergence' });
    const member = async (role: 'editor' | 'reviewer') => {
      const account = await cluster.createAccount({ name: `Random ${role}` });
      await cluster.addMember(standard.groupId, account.user.id, role);
      return account.token;
    };
    const deployment: Deployment = {
      label: 'two instances (PostgreSQL + Redis)',
      wsUrls: cluster.servers.map((s) => s.wsUrl),
      standardId: standard.id,
      editorTokens: [cluster.owner.token, await member('editor'), await member('editor')],
      reviewerToken: await member('reviewer'),
      readerToken: cluster.owner.token,
      async restart() {
        // All down before any comes back, so no instance can hand the document to another.
        await Promise.all(cluster.servers.map((s) => s.stop()));
        for (let i = 0; i < cluster.servers.length; i++) await cluster.restart(i);
        deployment.wsUrls = cluster.servers.map((s) => s.wsUrl);
      },
      close: () => cluster.stop(),
      logs: () => cluster.servers.map((s, i) => `instance ${i}:\n${s.logs()}`).join('\n')
    };
    return deployment;
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}

// ---------------------------------------------------------------- clients

interface SimClient {
  name: string;
  role: 'editor' | 'reviewer';
  client: Client;
  online: boolean;
  /** Review events received (answers and broadcasts). */
  events: ReviewEvent[];
  /** Review requests sent and not answered yet. */
  pending: Set<string>;
  /** Changes this client's own Y.Doc made (edits, and writes y-tiptap or Yjs make on their own). */
  localChanges: number;
  /** Why the server closed this client's document while its socket stayed open (it rejoined). */
  rejoins: string[];
}

async function connectSim(name: string, role: SimClient['role'], wsUrl: string, deployment: Deployment, token: string, clientID: number): Promise<SimClient> {
  const doc = new Y.Doc();
  doc.clientID = clientID; // conflict resolution orders concurrent inserts by client id
  const client = await connectClient(wsUrl, deployment.standardId, { token, document: doc });
  const sim: SimClient = { name, role, client, online: true, events: [], pending: new Set(), localChanges: 0, rejoins: [] };
  client.provider.on('stateless', ({ payload }: { payload: string }) => {
    const event = parseReviewEvent(payload);
    if (!event) return;
    sim.events.push(event);
    if ((event.type === 'done' || event.type === 'refused') && event.requestId) sim.pending.delete(event.requestId);
  });
  doc.on('update', (_update: Uint8Array, origin: unknown) => {
    if (origin !== client.provider) sim.localChanges += 1;
  });
  rejoinWhenClosed(sim);
  return sim;
}

/**
 * The server may close one document on a socket that stays open (e.g. "not-loaded": the document
 * was being unloaded as the edit came in; send it again). The provider never rejoins by itself; the
 * editor does (web/lib/editor/connection.ts), and so does a test client, after the same delay.
 */
function rejoinWhenClosed(sim: SimClient): void {
  const { provider, socket } = sim.client;
  provider.on('close', ({ event }: { event?: { reason?: string } }) => {
    if (!sim.online || socket.status !== 'connected') return; // the socket itself closed: it reconnects
    sim.rejoins.push(event?.reason ?? '');
    // Unconditionally, as the editor does: a sync answer may still arrive after the close and
    // mark the provider synced although the server no longer serves it this document.
    setTimeout(() => {
      if (!sim.online || socket.status !== 'connected') return;
      provider.detach();
      provider.attach();
    }, 500);
  });
}

function until(check: () => boolean, what: string, timeout = 15_000): Promise<void> {
  const started = Date.now();
  return new Promise((done, fail) => {
    const poll = () => {
      if (check()) return done();
      if (Date.now() - started > timeout) return fail(new Error(`timed out (${timeout} ms) waiting for ${what}`));
      setTimeout(poll, 5);
    };
    poll();
  });
}

const sameState = (a: Y.Doc, b: Y.Doc) => Y.equalSnapshots(Y.snapshot(a), Y.snapshot(b));

/**
 * Waits until every connected client is synced, has nothing unacknowledged, has its review
 * requests answered and holds the same Yjs state (state vector and delete set) as the others: then
 * each holds everything the server holds. This is the only place the network gets to run.
 *
 * A read-only client is exempt from "nothing unacknowledged": Yjs itself writes on every client
 * that receives concurrent formatting (it deletes redundant format markers, the same ones
 * everywhere), the server refuses a read-only client's write with SyncStatus(false), and the
 * provider's unsyncedChanges then stays above 0 for good.
 */
async function settle(clients: SimClient[], what: string): Promise<void> {
  const online = clients.filter((c) => c.online);
  const quiet = () =>
    online.every(
      ({ client, role, pending }) =>
        client.provider.isSynced && (role === 'reviewer' || client.provider.unsyncedChanges === 0) && pending.size === 0
    ) && online.every((c) => sameState(c.client.doc, online[0]!.client.doc));
  try {
    await until(quiet, `${what}: ${online.map((c) => c.name).join(', ')} to converge`);
  } catch (error) {
    (error as Error).message += `\n${online.map(describeClient).join('\n')}`;
    throw error;
  }
}

/** A client's sync state, for a settle that timed out. */
function describeClient({ name, client, rejoins }: SimClient): string {
  const sv = [...Y.decodeStateVector(Y.encodeStateVector(client.doc))].map(([id, clock]) => `${id}:${clock}`).join(' ');
  const { provider, socket } = client;
  const ds = Y.snapshot(client.doc).ds.clients;
  const deleted = [...ds].map(([id, items]) => `${id}:${items.reduce((n, i) => n + i.len, 0)}`).join(' ');
  return `  ${name}: socket ${socket.status}, synced ${provider.isSynced}, unsynced ${provider.unsyncedChanges}, scope ${String(provider.authorizedScope)}, state ${sv}, deleted ${deleted}, closed by the server ${rejoins.length}× ${JSON.stringify(rejoins.slice(-2))}`;
}

/**
 * What every connected editor does when changes arrive: y-tiptap renders the Y.Doc into ProseMirror
 * (which may itself write to the Y.Doc) and the duplicate-ids plugin repairs ids. Answers how many
 * ids were repaired.
 */
function receive(clients: SimClient[]): number {
  let repaired = 0;
  for (const sim of clients.filter((c) => c.online)) {
    documentNode(sim.client.doc);
    if (sim.role === 'editor') repaired += repairDuplicateIds(sim.client.doc);
  }
  return repaired;
}

/**
 * Settles until nothing moves: every client has rendered the converged document and none of them
 * wrote anything in response. Answers how many ids were repaired on the way.
 */
async function quiesce(clients: SimClient[], what: string): Promise<number> {
  let repaired = 0;
  for (let round = 0; round < 8; round++) {
    await settle(clients, what);
    const before = clients.reduce((n, c) => n + (c.role === 'editor' ? c.localChanges : 0), 0);
    repaired += receive(clients);
    const after = clients.reduce((n, c) => n + (c.role === 'editor' ? c.localChanges : 0), 0);
    if (after === before) return repaired;
  }
  throw new Error(`${what}: the clients were still writing after 8 rounds of settling`);
}

/**
 * Closes a client's socket and waits for the close: until then the provider still counts as
 * connected, and connect() is a no-op (so a reconnect right after a disconnect would never happen).
 */
async function goOffline(sim: SimClient): Promise<void> {
  sim.client.socket.disconnect();
  sim.online = false;
  await until(() => sim.client.socket.status === 'disconnected', `${sim.name}'s socket to close`);
}

let requestCounter = 0;
function createThread(sim: SimClient, clauseId: string, body: string): string {
  const requestId = `rnd-${++requestCounter}`;
  sim.pending.add(requestId);
  sim.client.provider.sendStateless(
    JSON.stringify({ type: 'thread.create', requestId, thread: { anchor: { clauseId }, type: 'technical', body } })
  );
  return requestId;
}

async function listThreads(client: Client): Promise<Thread[]> {
  const requestId = `list-${++requestCounter}`;
  let threads: Thread[] | undefined;
  client.provider.on('stateless', ({ payload }: { payload: string }) => {
    const event = parseReviewEvent(payload);
    if (event?.type === 'threads' && event.requestId === requestId) threads = event.threads;
  });
  client.provider.sendStateless(JSON.stringify({ type: 'threads.list', requestId }));
  await until(() => threads !== undefined, 'the thread list');
  return threads!;
}

// ---------------------------------------------------------------- checking a document

/**
 * The Y.Doc's document read straight from the Yjs XML, without y-tiptap (which silently drops,
 * and deletes from the Y.Doc, any element the schema rejects).
 */
function rawJSON(doc: Y.Doc): PMJSON {
  const read = (node: Y.XmlElement | Y.XmlText | Y.XmlHook): PMJSON[] => {
    if (node instanceof Y.XmlText) {
      return (node.toDelta() as { insert: unknown; attributes?: Record<string, Record<string, unknown>> }[]).map((op) => ({
        type: 'text',
        text: String(op.insert),
        ...(op.attributes ? { marks: Object.entries(op.attributes).map(([type, attrs]) => ({ type, attrs })) } : {})
      }));
    }
    if (node instanceof Y.XmlElement) {
      return [{ type: node.nodeName, attrs: node.getAttributes() as Record<string, unknown>, content: node.toArray().flatMap((c) => read(c as Y.XmlElement)) }];
    }
    throw new Error('unexpected Y.XmlHook in the document');
  };
  return { type: 'doc', content: doc.getXmlFragment(YDOC_FIELD).toArray().flatMap((c) => read(c as Y.XmlElement)) };
}

/** What is wrong with a converged document; empty when it is valid. */
function problemsOf(doc: Y.Doc, standardId: string): string[] {
  const problems: string[] = [];
  let raw: PMNode;
  try {
    raw = PMNode.fromJSON(clauseSchema(), rawJSON(doc));
    raw.check();
  } catch (error) {
    return [`the Yjs document does not fit the schema: ${(error as Error).message}`];
  }
  if (!raw.eq(documentNode(doc))) problems.push('y-tiptap reads the document differently from its Yjs XML');
  const seen = new Set<string>();
  raw.descendants((node) => {
    const id = node.attrs.id;
    if (id == null) return true;
    if (!isValidId(id)) problems.push(`${node.type.name} has an invalid id ${JSON.stringify(id)}`);
    else if (seen.has(id)) problems.push(`id ${id} occurs more than once`);
    seen.add(String(id));
    return true;
  });
  try {
    const std = ydocToStandard(doc, completeMeta({ id: standardId }));
    const numbering = numberStandard(std);
    const walk = (clause: Clause) => {
      if (!numbering.clause.has(clause.id)) problems.push(`clause ${clause.id} got no number`);
      clause.children.forEach(walk);
    };
    std.clauses.forEach(walk);
  } catch (error) {
    problems.push(`conversion or numbering failed: ${(error as Error).message}`);
  }
  return problems;
}

/** Where two JSON values first differ ("content.3.content.0.text: "ab" vs "abc""), for a failure. */
function firstDifference(actual: unknown, expected: unknown, path = ''): string {
  if (JSON.stringify(actual) === JSON.stringify(expected)) return 'no difference';
  if (typeof actual === 'object' && actual && typeof expected === 'object' && expected) {
    const a = actual as Record<string, unknown>;
    const e = expected as Record<string, unknown>;
    for (const key of new Set([...Object.keys(e), ...Object.keys(a)])) {
      if (JSON.stringify(a[key]) !== JSON.stringify(e[key])) return firstDifference(a[key], e[key], path ? `${path}.${key}` : key);
    }
  }
  const show = (v: unknown) => (JSON.stringify(v) ?? 'undefined').slice(0, 300);
  return `first difference at ${path || 'the top'}: ${show(actual)} where the clients have ${show(expected)}`;
}

/**
 * The document with the ids the server drew at random for the skeleton replaced by their order of
 * appearance, so two runs of one seed compare equal (seeded ids hold a '_', clauses/ids.ts never does).
 */
function withoutSkeletonIds(json: unknown): unknown {
  const names = new Map<string, string>();
  return JSON.parse(JSON.stringify(json), (key, value: unknown) => {
    if (key !== 'id' || typeof value !== 'string' || value.includes('_')) return value;
    if (!names.has(value)) names.set(value, `skeleton-${names.size}`);
    return names.get(value);
  });
}

// ---------------------------------------------------------------- one run

interface RunStats {
  ops: number;
  skipped: number;
  comments: number;
  disconnects: number;
  repairs: number;
  /** Times the server closed a client's document and the client rejoined. */
  rejoins: number;
  clients: number;
  /** A short hash of the converged document: equal for two runs of one seed. */
  hash: string;
}

/** Recent operations, printed with a failure. */
class OpLog {
  private lines: string[] = [];
  add(line: string) {
    this.lines.push(line);
    if (this.lines.length > 40) this.lines.shift();
  }
  toString() {
    return this.lines.join('\n');
  }
}

async function runSeed(deployment: Deployment, seed: number, ops: number, log: OpLog): Promise<RunStats> {
  const gen: PRNG = prng.create(seed);
  const newId = seededIds(gen);
  const stats: RunStats = { ops: 0, skipped: 0, comments: 0, disconnects: 0, repairs: 0, rejoins: 0, clients: 0, hash: '' };
  const clientIds = new Set<number>();
  const nextClientId = () => {
    let id: number;
    do id = prng.uint32(gen, 1, 0x7fffffff);
    while (clientIds.has(id));
    clientIds.add(id);
    return id;
  };

  const editorCount = prng.int31(gen, 3, 5);
  const clients: SimClient[] = [];
  try {
    for (let i = 0; i < editorCount; i++) {
      const token = deployment.editorTokens[i % deployment.editorTokens.length]!;
      clients.push(await connectSim(`editor${i}`, 'editor', deployment.wsUrls[i % deployment.wsUrls.length]!, deployment, token, nextClientId()));
    }
    if (deployment.reviewerToken) {
      const i = clients.length;
      clients.push(await connectSim('reviewer', 'reviewer', deployment.wsUrls[i % deployment.wsUrls.length]!, deployment, deployment.reviewerToken, nextClientId()));
    }
    stats.clients = clients.length;
    const commentRequests: { sim: SimClient; requestId: string }[] = [];

    for (let i = 0; i < ops; i++) {
      const roll = prng.int31(gen, 0, 99);
      if (roll < 4) {
        // Connectivity changes at a settled point, so a replay disconnects at the same state.
        stats.repairs += await quiesce(clients, `before op ${i}`);
        const sim = prng.oneOf(gen, clients);
        if (sim.online) {
          await goOffline(sim);
          stats.disconnects += 1;
          log.add(`#${i} ${sim.name} goes offline`);
        } else {
          sim.online = true;
          void sim.client.socket.connect();
          log.add(`#${i} ${sim.name} comes back`);
        }
      } else if (roll < 30) {
        await settle(clients, `before op ${i}`);
        stats.repairs += receive(clients);
      }
      const sim = prng.oneOf(gen, clients);
      // The reviewer's connection is read-only: it comments now and then and otherwise reads.
      if (sim.role === 'reviewer' && prng.int31(gen, 0, 2) > 0) continue;
      const comment = sim.role === 'reviewer' || prng.int31(gen, 0, 99) < 3;
      if (comment) {
        const clauseId = randomClauseId(sim.client.doc, gen);
        const body = `Comment ${i}: ${prng.word(gen, 3, 12)}`;
        // Offline, the provider would queue the message and send it on reconnecting; comments
        // are made online here (a client that is reconnecting counts as online).
        if (!sim.online || !clauseId) {
          stats.skipped += 1;
          continue;
        }
        commentRequests.push({ sim, requestId: createThread(sim, clauseId, body) });
        stats.comments += 1;
        log.add(`#${i} ${sim.name} comments on ${clauseId}`);
        continue;
      }
      const did = pickMod(gen)({ doc: sim.client.doc, gen, newId });
      if (did === null) stats.skipped += 1;
      else {
        stats.ops += 1;
        log.add(`#${i} ${sim.name}${sim.online ? '' : ' (offline)'}: ${did}`);
      }
    }

    // Everyone back; settle until every client has rendered the result and nobody writes any more.
    for (const sim of clients.filter((c) => !c.online)) {
      sim.online = true;
      void sim.client.socket.connect();
    }
    stats.repairs += await quiesce(clients, 'after the last op');

    // Every comment request was answered, and the answers name the threads.
    const answerOf = ({ sim, requestId }: { sim: SimClient; requestId: string }) =>
      sim.events.find((e) => (e.type === 'done' || e.type === 'refused') && e.requestId === requestId);
    const refused = commentRequests.map(answerOf).filter((e) => e?.type === 'refused');
    expect(refused, 'comment requests refused').toEqual([]);
    const threadIds = commentRequests.map((r) => (answerOf(r) as { threadId: string }).threadId);

    // Every client holds the same document, and it is valid.
    const reference = documentJSON(clients[0]!.client.doc);
    const same = (actual: unknown, what: string) => expect(actual, `${what}; ${firstDifference(actual, reference)}`).toEqual(reference);
    for (const sim of clients) same(documentJSON(sim.client.doc), `${sim.name} differs from ${clients[0]!.name}`);
    expect(problemsOf(clients[0]!.client.doc, deployment.standardId), 'problems in the converged document').toEqual([]);
    stats.rejoins = clients.reduce((n, c) => n + c.rejoins.length, 0);
    stats.hash = createHash('sha256').update(JSON.stringify(withoutSkeletonIds(reference))).digest('hex').slice(0, 12);

    // A fresh client on each instance loads the same.
    for (const wsUrl of deployment.wsUrls) {
      const fresh = await connectClient(wsUrl, deployment.standardId, { token: deployment.readerToken });
      try {
        same(documentJSON(fresh.doc), `a fresh client on ${wsUrl}`);
      } finally {
        fresh.destroy();
      }
    }

    // The stored document: restart every instance on the same storage and load it again.
    clients.splice(0).forEach((sim) => sim.client.destroy());
    await deployment.restart();
    const reloaded = await connectClient(deployment.wsUrls[0]!, deployment.standardId, { token: deployment.readerToken });
    try {
      same(documentJSON(reloaded.doc), 'the stored document after a restart');
      for (const wsUrl of deployment.wsUrls.slice(1)) {
        const other = await connectClient(wsUrl, deployment.standardId, { token: deployment.readerToken });
        try {
          same(documentJSON(other.doc), `the stored document after a restart, on ${wsUrl}`);
        } finally {
          other.destroy();
        }
      }
      expect(problemsOf(reloaded.doc, deployment.standardId), 'problems in the stored document').toEqual([]);
      const listed = (await listThreads(reloaded)).map((t) => t.id);
      expect([...listed].sort(), 'threads listed after the restart').toEqual([...threadIds].sort());
      expect(new Set(listed).size, 'a thread listed twice').toBe(listed.length);
    } finally {
      reloaded.destroy();
    }
    return stats;
  } finally {
    clients.forEach((sim) => sim.client.destroy());
  }
}

/** Runs a seed and, if it fails, names the seed, how to replay it and the last operations. */
async function runNamed(deployment: Deployment, seed: number): Promise<RunStats> {
  const log = new OpLog();
  const started = Date.now();
  try {
    const stats = await runSeed(deployment, seed, OPS, log);
    console.info(`[convergence-random] ${deployment.label} seed ${seed}: ${JSON.stringify(stats)} in ${Date.now() - started} ms`);
    return stats;
  } catch (error) {
    const err = error instanceof Error ? error : new Error(String(error));
    err.message =
      `seed ${seed} (${deployment.label}) failed — replay with: SEED=${seed} npx vitest run ${FILE}\n` +
      `${err.message}\nlast operations:\n${log}\nserver logs (last lines):\n${deployment.logs().split('\n').slice(-30).join('\n')}`;
    throw err;
  }
}

// ---------------------------------------------------------------- the tests

let deployment: Deployment | undefined;
afterEach(async () => {
  await deployment?.close();
  deployment = undefined;
});
afterAll(() => removeTempDataDirs());

describe('randomized convergence over the real schema and server', () => {
  describe.each(SEEDS)('seed %i', (seed) => {
    it(`${OPS} random ops by 4–6 clients on two instances (PostgreSQL + Redis) converge to one valid stored document`, async () => {
      deployment = await clusterDeployment();
      const stats = await runNamed(deployment, seed);
      expect(stats.ops).toBeGreaterThan(OPS / 3);
    });

    it(`${OPS} random ops by 4–6 clients on one SQLite instance converge to one valid stored document`, async () => {
      deployment = await sqliteDeployment();
      const stats = await runNamed(deployment, seed);
      expect(stats.ops).toBeGreaterThan(OPS / 3);
    });
  });
});

// A finding of this test, pinned down. y-tiptap (3.0.9, as y-prosemirror since its fix for
// duplicated characters, yjs/y-prosemirror#160/#161) writes while it *reads* a Y.Doc: when a
// paragraph holds several Y.XmlText siblings, each client moves the content of the sibling it
// created into the sibling on its left and deletes its own. With three or more siblings by
// different clients, those moves run concurrently and a moved text lands in a sibling that its own
// creator is deleting at the same time: the text is gone for everyone, though nobody deleted it.
// Siblings appear whenever several people type into one empty paragraph before seeing each other's
// text (offline, or within the network's latency). `it.fails` records the loss; when an upgrade
// fixes it this test fails, and `.fails` should go.
describe('text typed concurrently into one empty paragraph', () => {
  it.fails('survives every client rendering the merged paragraph (y-tiptap loses all but two texts)', async () => {
    deployment = await sqliteDeployment();
    const d = deployment;
    const clients = await Promise.all(
      [0, 1, 2].map((i) => connectSim(`editor${i}`, 'editor', d.wsUrls[0]!, d, d.editorTokens[i % d.editorTokens.length]!, 1000 + i))
    );
    try {
      editDocument(clients[0]!.client.doc, (tr) => {
        const at = tr.doc.child(0).nodeSize; // after the first top-level clause's content ends
        tr.insert(at - 1, tr.doc.type.schema.node('paragraph', { id: 'p-empty' }));
      });
      await quiesce(clients, 'the empty paragraph');
      for (const sim of clients) await goOffline(sim);
      const words = ['alpha', 'bravo', 'charlie'];
      clients.forEach((sim, i) => typeInto(sim.client.doc, 'p-empty', words[i]!));
      for (const sim of clients) {
        sim.online = true;
        void sim.client.socket.connect();
      }
      await quiesce(clients, 'the three words');
      const text = paragraphText(clients[0]!.client.doc, 'p-empty');
      for (const sim of clients) expect(paragraphText(sim.client.doc, 'p-empty')).toBe(text);
      for (const word of words) expect(text, `"${word}" in the merged paragraph "${text}"`).toContain(word);
    } finally {
      clients.forEach((sim) => sim.client.destroy());
    }
  });
});

function findById(doc: PMNode, id: string): { node: PMNode; pos: number } {
  let found: { node: PMNode; pos: number } | undefined;
  doc.descendants((node, pos) => {
    if (node.attrs.id === id) found = { node, pos };
    return !found;
  });
  if (!found) throw new Error(`no node with id ${id}`);
  return found;
}

function typeInto(doc: Y.Doc, id: string, text: string): void {
  editDocument(doc, (tr) => {
    const { node, pos } = findById(tr.doc, id);
    tr.insert(pos + 1 + node.content.size, tr.doc.type.schema.text(text));
  });
}

const paragraphText = (doc: Y.Doc, id: string) => findById(documentNode(doc), id).node.textContent;
