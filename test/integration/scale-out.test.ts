// Scale-out mode against the real services: several server processes on the machine's PostgreSQL
// (one fresh database per cluster) and Redis, with real HocuspocusProviders connected to each
// instance. Concurrent edits converge everywhere and are stored exactly once; review threads and
// access changes cross instances live; an instance killed with kill -9 loses no acknowledged edit;
// a Redis restart (a dedicated redis-server, so the shared one is not disturbed) is survived and
// the edits made during it reach the other instance afterwards.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import type { NewThread, Thread } from '../../clauses/review';
import { startCluster, type Cluster } from '../helpers/cluster';
import { postgresAvailable } from '../helpers/postgres';
import { storedRows, storedState } from '../helpers/postgres-server';
import { redisAvailable, startRedisServer, type RedisServer } from '../helpers/redis';
import { createGroupIn, documentJSON, paragraphTexts, typeInParagraph, type TestAccount } from '../helpers/server';

// ---- Clients that reconnect quickly (a restarted instance is back within seconds) -------------

interface Peer {
  name: string;
  provider: HocuspocusProvider;
  doc: Y.Doc;
  /** Stateless messages received (review events, access notices), parsed. */
  received: Record<string, unknown>[];
  socketCloses: { code: number; reason: string }[];
  failures: string[];
  destroy(): void;
}

const peers: Peer[] = [];

function openPeer(name: string, wsUrl: string, standardId: string, token: string): Peer {
  const doc = new Y.Doc();
  const socket = new HocuspocusProviderWebsocket({ url: wsUrl, WebSocketPolyfill: WebSocket, delay: 100, minDelay: 100, maxDelay: 500 });
  const provider = new HocuspocusProvider({ websocketProvider: socket, name: standardId, document: doc, token });
  const peer: Peer = {
    name,
    provider,
    doc,
    received: [],
    socketCloses: [],
    failures: [],
    destroy() {
      provider.destroy();
      socket.destroy();
    }
  };
  provider.on('stateless', ({ payload }: { payload: string }) => peer.received.push(JSON.parse(payload) as Record<string, unknown>));
  provider.on('authenticationFailed', ({ reason }: { reason: string }) => peer.failures.push(reason));
  socket.on('close', ({ event }: { event: { code: number; reason: string } }) => peer.socketCloses.push({ code: event.code, reason: String(event.reason) }));
  provider.attach();
  peers.push(peer);
  return peer;
}

async function syncedPeer(name: string, wsUrl: string, standardId: string, token: string): Promise<Peer> {
  const peer = openPeer(name, wsUrl, standardId, token);
  await until(() => peer.provider.isSynced || peer.failures.length > 0, `${name}: first sync`);
  if (peer.failures.length) throw new Error(`${name}: authentication failed: ${peer.failures[0]}`);
  return peer;
}

function until(check: () => boolean, what: string, timeout = 15_000): Promise<void> {
  const started = Date.now();
  return new Promise((done, fail) => {
    const poll = () => {
      if (check()) return done();
      if (Date.now() - started > timeout) return fail(new Error(`timed out after ${timeout} ms waiting for ${what}`));
      setTimeout(poll, 20);
    };
    poll();
  });
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const text = (doc: Y.Doc) => paragraphTexts(doc).join('\n');
const acknowledged = (peer: Peer) => until(() => peer.provider.unsyncedChanges === 0, `${peer.name}: acknowledgement`);

/** Waits until every peer holds the same document, and returns it. */
async function converged(group: Peer[], what: string, timeout = 15_000): Promise<unknown> {
  await until(
    () => group.every((p) => p.provider.unsyncedChanges === 0) && new Set(group.map((p) => JSON.stringify(documentJSON(p.doc)))).size === 1,
    what,
    timeout
  ).catch((error: Error) => {
    const states = group.map((p) => `${p.name} (unsynced ${p.provider.unsyncedChanges}): ${text(p.doc).slice(0, 300)}`).join('\n');
    throw new Error(`${error.message}\n${states}`);
  });
  return documentJSON(group[0]!.doc);
}

/** The stored document (snapshot and every logged update), loaded as the server would. */
async function storedDoc(cluster: Cluster, standardId: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  for (const update of await storedState(cluster.databaseUrl, standardId)) Y.applyUpdate(doc, update);
  return doc;
}

/** A review request and its answer ({type:'done'} or {type:'refused'}). */
async function ask(peer: Peer, message: Record<string, unknown>): Promise<Record<string, unknown>> {
  const requestId = `req-${Math.random().toString(36).slice(2)}`;
  peer.provider.sendStateless(JSON.stringify({ ...message, requestId }));
  let answer: Record<string, unknown> | undefined;
  await until(() => (answer = peer.received.find((m) => m.requestId === requestId)) !== undefined, `${peer.name}: answer to ${String(message.type)}`);
  return answer!;
}

const threadEvents = (peer: Peer) => peer.received.filter((m) => m.type === 'thread').map((m) => m.thread as Thread);

/** A form action on an instance's web app, as a logged-in browser posts it. */
async function postForm(baseUrl: string, path: string, account: TestAccount, fields: Record<string, string>): Promise<void> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: account.cookie, origin: baseUrl, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams(fields).toString()
  });
  expect(response.status, `${path}: ${await response.clone().text()}`).toBeLessThan(400);
  const body = (await response.json()) as { type?: string };
  expect(body.type, `${path}: ${JSON.stringify(body)}`).toBe('success');
}

function login(baseUrl: string, email: string, password: string): Promise<Response> {
  return fetch(`${baseUrl}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: baseUrl },
    body: new URLSearchParams({ email, password }).toString()
  });
}

beforeAll(async () => {
  if (!(await postgresAvailable())) throw new Error('PostgreSQL is not answering on 127.0.0.1:5432 (or TEST_POSTGRES_URL): the scale-out tests need it.');
  if (!(await redisAvailable())) throw new Error('Redis is not answering on 127.0.0.1:6379 (or TEST_REDIS_URL): the scale-out tests need it.');
});

afterEach(() => {
  peers.splice(0).forEach((p) => p.destroy());
});

// ---- Two instances sharing one database and one Redis -------------------------------------------

describe('two instances on PostgreSQL and Redis', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    // No compaction while the test reads the log: it counts the stored updates.
    cluster = await startCluster({ instances: 2, env: { COMPACT_AFTER_UPDATES: '1000000' } });
  });
  afterAll(async () => {
    peers.splice(0).forEach((p) => p.destroy());
    await cluster?.stop();
  });
  const [A, B] = [0, 1];
  const ws = (i: number) => cluster.servers[i]!.wsUrl;

  it('concurrent edits on both instances converge on every client and in the database, each stored once', async () => {
    const standard = await cluster.createStandard({ title: 'Converging' });
    const token = cluster.owner.token;
    const group = [
      await syncedPeer('a1', ws(A), standard.id, token),
      await syncedPeer('a2', ws(A), standard.id, token),
      await syncedPeer('b1', ws(B), standard.id, token),
      await syncedPeer('b2', ws(B), standard.id, token)
    ];
    // Two clients, one per instance, will append to paragraph 0 at once. It gets text first: two
    // concurrent first insertions into an empty paragraph give it two Yjs texts, which y-prosemirror's
    // diff may later fold into one, dropping a concurrent word (the editor's binding, not the server).
    typeInParagraph(group[0]!.doc, 0, 'Shared: ');
    await converged(group, 'the shared paragraph');
    const rowsBefore = (await storedRows(cluster.databaseUrl, standard.id)).log.length;
    let sent = 0;
    for (const peer of group) peer.doc.on('update', (_u: Uint8Array, _o: unknown, _d: Y.Doc, tr: Y.Transaction) => void (tr.local && (sent += 1)));
    const tokens: string[] = [];
    const rounds = 25;
    for (let round = 0; round < rounds; round += 1) {
      // Every client edits before any message is exchanged: these edits are concurrent, and a1
      // (instance A) and b1 (instance B) append to the same paragraph.
      group.forEach((peer, i) => {
        const word = `[${peer.name}-${round}]`;
        tokens.push(word);
        typeInParagraph(peer.doc, [0, 1, 0, 2][i]!, word);
      });
      await pause(round % 5 === 0 ? 0 : 15);
    }
    const final = await converged(group, 'every client to hold the same document');
    expect(tokens.filter((word) => !text(group[0]!.doc).includes(word)), 'words missing').toEqual([]);

    // Fresh clients on either instance load the same document.
    const freshA = await syncedPeer('freshA', ws(A), standard.id, token);
    const freshB = await syncedPeer('freshB', ws(B), standard.id, token);
    expect(documentJSON(freshA.doc)).toEqual(final);
    expect(documentJSON(freshB.doc)).toEqual(final);

    // The database holds it, and each client update exactly once: an instance stores what its own
    // clients send, never what reaches it from the other instance through Redis.
    expect(documentJSON(await storedDoc(cluster, standard.id))).toEqual(final);
    const rows = await storedRows(cluster.databaseUrl, standard.id);
    expect(rows.log.length - rowsBefore, 'stored updates (one per update a client sent)').toBe(sent);
  });

  it('a review thread created on one instance appears live on the other, and replies come back', async () => {
    const standard = await cluster.createStandard({ title: 'Reviewed' });
    const token = cluster.owner.token;
    const onA = await syncedPeer('onA', ws(A), standard.id, token);
    const onB = await syncedPeer('onB', ws(B), standard.id, token);
    const thread: NewThread = { anchor: { clauseId: 'c-scope' }, type: 'technical', body: 'Across instances.' };
    const created = await ask(onA, { type: 'thread.create', thread });
    expect(created.type).toBe('done');
    await until(() => threadEvents(onB).some((t) => t.id === created.threadId), 'the thread on the other instance');
    expect(threadEvents(onB).find((t) => t.id === created.threadId)!.body).toBe('Across instances.');

    expect((await ask(onB, { type: 'thread.reply', threadId: created.threadId, body: 'Seen from B.' })).type).toBe('done');
    await until(
      () => threadEvents(onA).some((t) => t.id === created.threadId && t.replies.some((r) => r.body === 'Seen from B.')),
      'the reply back on the first instance'
    );
  });

  it('a member removed through one instance loses write access on the other at once', async () => {
    const group = await createGroupIn(cluster.databaseUrl, 'Cross-instance group');
    const standard = await cluster.createStandard({ title: 'Guarded', groupId: group.id });
    const leaving = await cluster.createAccount({ name: 'Leaving Editor' });
    const demoted = await cluster.createAccount({ name: 'Demoted Editor' });
    await cluster.addMember(group.id, leaving.user.id, 'editor');
    await cluster.addMember(group.id, demoted.user.id, 'editor');
    const watcher = await syncedPeer('watcher', ws(A), standard.id, cluster.owner.token);
    const member = await syncedPeer('member', ws(B), standard.id, leaving.token);
    const editor = await syncedPeer('editor', ws(B), standard.id, demoted.token);
    typeInParagraph(member.doc, 0, 'BEFORE-REMOVAL');
    await until(() => text(watcher.doc).includes('BEFORE-REMOVAL'), 'the member’s edit while a member');

    // Removed through instance A; the member's connection is on instance B.
    const removedAt = Date.now();
    await postForm(cluster.servers[A]!.url, `/groups/${group.id}?/remove`, cluster.owner, { userId: leaving.user.id });
    await until(() => member.socketCloses.some((c) => c.code === 4403 && c.reason === 'access-revoked'), 'close 4403 access-revoked on B');
    expect(Date.now() - removedAt, 'ms from the removal to the close on the other instance').toBeLessThan(2000);
    typeInParagraph(member.doc, 0, 'AFTER-REMOVAL');
    await until(() => member.failures.includes('forbidden'), 'the member’s reconnection to be refused');

    // Demoted through A: B's connection turns read-only without reconnecting.
    await postForm(cluster.servers[A]!.url, `/groups/${group.id}?/setRole`, cluster.owner, { userId: demoted.user.id, role: 'reviewer' });
    await until(() => editor.received.some((m) => m.type === 'access' && m.role === 'reviewer' && m.readOnly === true), 'the read-only notice on B');
    typeInParagraph(editor.doc, 1, 'AS-REVIEWER');

    typeInParagraph(watcher.doc, 2, 'WATCHER-AFTER');
    await acknowledged(watcher);
    const fresh = await syncedPeer('fresh', ws(B), standard.id, cluster.owner.token);
    expect(text(fresh.doc)).toContain('BEFORE-REMOVAL');
    expect(text(fresh.doc)).toContain('WATCHER-AFTER');
    const stored = text(await storedDoc(cluster, standard.id));
    for (const refused of ['AFTER-REMOVAL', 'AS-REVIEWER']) {
      expect(text(fresh.doc)).not.toContain(refused);
      expect(text(watcher.doc)).not.toContain(refused);
      expect(stored).not.toContain(refused);
    }
  });

  it('a client rejoining just after the last one left keeps every edit', async () => {
    const standard = await cluster.createStandard({ title: 'Rejoined' });
    const token = cluster.owner.token;
    // The document is being unloaded (compacted; the stock Redis extension also waited a second
    // first) when the client comes back: its edits were acknowledged but no longer stored.
    for (const [k, gap] of [0, 150, 400, 650, 900].entries()) {
      const first = await syncedPeer(`first${k}`, ws(B), standard.id, token);
      typeInParagraph(first.doc, 0, `<left${k}>`);
      await acknowledged(first);
      first.destroy();
      await pause(gap);
      const again = await syncedPeer(`again${k}`, ws(B), standard.id, token);
      typeInParagraph(again.doc, 1, `<rejoined${k}>`);
      await acknowledged(again);
      await pause(1200); // past the stock delay
      const stored = text(await storedDoc(cluster, standard.id));
      expect(stored, `rejoined after ${gap} ms`).toContain(`<left${k}>`);
      expect(stored, `rejoined after ${gap} ms`).toContain(`<rejoined${k}>`);
      again.destroy();
      await pause(100);
    }
  });

  it('login limits hold across instances: failures on either count towards the same lock', async () => {
    const account = await cluster.createAccount({ name: 'Brute Force Target' });
    for (let i = 0; i < 5; i += 1) {
      const res = await login(cluster.servers[i % 2]!.url, account.user.email, `wrong-password-${i}`);
      expect(res.status, `attempt ${i + 1}`).not.toBe(429);
    }
    // 3 failures went to A and 2 to B: only a shared count reaches the limit of 5.
    for (const server of cluster.servers) {
      const res = await login(server.url, account.user.email, account.password);
      expect(res.status, `the right password on ${server.url}`).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  });
});

// ---- Crashes and outages ---------------------------------------------------------------------

describe('an instance killed with kill -9 mid-edit', () => {
  let cluster: Cluster | undefined;
  afterAll(async () => {
    peers.splice(0).forEach((p) => p.destroy());
    await cluster?.stop();
  });

  it('loses no acknowledged edit; its clients reconnect after the restart and everything converges', async () => {
    cluster = await startCluster({ instances: 2, env: { COMPACT_AFTER_UPDATES: '40' } });
    const standard = await cluster.createStandard({ title: 'Crash' });
    const token = cluster.owner.token;
    const [A, B] = cluster.servers as [NonNullable<(typeof cluster.servers)[0]>, NonNullable<(typeof cluster.servers)[1]>];
    const group = [
      await syncedPeer('a1', A.wsUrl, standard.id, token),
      await syncedPeer('a2', A.wsUrl, standard.id, token),
      await syncedPeer('b1', B.wsUrl, standard.id, token)
    ];
    // Each client types numbered words into its own paragraph. Whenever it has no unacknowledged
    // change, every word it typed so far is acknowledged: those must survive the crash.
    const typed = new Map(group.map((p) => [p.name, [] as string[]]));
    const acked = new Map(group.map((p) => [p.name, 0]));
    for (const peer of group) {
      peer.provider.on('unsyncedChanges', ({ number }: { number: number }) => {
        if (number === 0) acked.set(peer.name, typed.get(peer.name)!.length);
      });
    }
    let typing = true;
    const typists = group.map(async (peer, i) => {
      for (let n = 0; typing; n += 1) {
        const word = `<${peer.name}.${n}>`;
        typeInParagraph(peer.doc, i, word);
        typed.get(peer.name)!.push(word);
        // Bursts of three words, then a breath in which the acknowledgements usually arrive.
        await pause(n % 3 === 2 ? 60 : 5);
      }
    });

    await pause(1500);
    await cluster.servers[0]!.kill('SIGKILL');
    // Nothing acknowledges a1 and a2 any more: what they count as acknowledged is final.
    const ackedByKilled = ['a1', 'a2'].map((name) => ({ name, words: typed.get(name)!.slice(0, acked.get(name)!), typed: typed.get(name)!.length }));

    // Before anyone can resend anything to the dead instance: the database has every acknowledged word.
    const afterCrash = text(await storedDoc(cluster, standard.id));
    for (const { name, words, typed: count } of ackedByKilled) {
      expect(words.length, `${name}: edits acknowledged before the kill (of ${count} typed)`).toBeGreaterThanOrEqual(5);
      for (const word of words) expect(afterCrash, `${word}, acknowledged by the killed instance`).toContain(word);
    }

    // The other instance keeps serving its client meanwhile.
    await pause(500);
    const bBefore = acked.get('b1')!;
    await pause(500);
    expect(acked.get('b1')!, 'b1 acknowledged while the other instance is down').toBeGreaterThan(bBefore);

    await cluster.restart(0);
    await pause(1000); // the clients of the killed instance find it again and resend
    typing = false;
    await Promise.all(typists);
    const final = await converged(group, 'every client after the restart', 20_000);
    const all = text(group[0]!.doc);
    for (const words of typed.values()) for (const word of words) expect(all).toContain(word);
    expect(documentJSON(await storedDoc(cluster, standard.id))).toEqual(final);
    const fresh = await syncedPeer('fresh', cluster.servers[1]!.wsUrl, standard.id, token);
    expect(documentJSON(fresh.doc)).toEqual(final);
  });
});

describe('Redis restarted mid-session', () => {
  let cluster: Cluster | undefined;
  let redis: RedisServer | undefined;
  afterAll(async () => {
    peers.splice(0).forEach((p) => p.destroy());
    await cluster?.stop();
    await redis?.stop();
  });

  it('both instances keep serving their own clients, and catch up with each other once Redis is back', async () => {
    redis = await startRedisServer();
    cluster = await startCluster({ instances: 2, redisUrl: redis.url });
    const standard = await cluster.createStandard({ title: 'Outage' });
    const group = await createGroupIn(cluster.databaseUrl, 'Outage group');
    const guarded = await cluster.createStandard({ title: 'Outage access', groupId: group.id });
    const leaving = await cluster.createAccount({ name: 'Removed During Outage' });
    await cluster.addMember(group.id, leaving.user.id, 'editor');
    const token = cluster.owner.token;
    const [A, B] = [cluster.servers[0]!, cluster.servers[1]!];
    const a1 = await syncedPeer('a1', A.wsUrl, standard.id, token);
    const a2 = await syncedPeer('a2', A.wsUrl, standard.id, token);
    const b1 = await syncedPeer('b1', B.wsUrl, standard.id, token);
    const member = await syncedPeer('member', B.wsUrl, guarded.id, leaving.token);
    typeInParagraph(a1.doc, 0, 'BEFORE-OUTAGE');
    await until(() => text(b1.doc).includes('BEFORE-OUTAGE'), 'relay before the outage');

    await redis.kill();
    typeInParagraph(a1.doc, 0, 'DURING-A');
    typeInParagraph(b1.doc, 1, 'DURING-B');
    // Clients of one instance keep working together, and every edit is stored and acknowledged.
    await until(() => text(a2.doc).includes('DURING-A'), 'a2 to see a1’s edit during the outage');
    await acknowledged(a1);
    await acknowledged(b1);
    // A member removed through A meanwhile: the change waits for Redis to reach B.
    await postForm(A.url, `/groups/${group.id}?/remove`, cluster.owner, { userId: leaving.user.id });
    await pause(1000);
    expect(text(b1.doc), 'nothing crosses instances without Redis').not.toContain('DURING-A');
    const storedDuring = text(await storedDoc(cluster, standard.id));
    expect(storedDuring).toContain('DURING-A');
    expect(storedDuring).toContain('DURING-B');

    await redis.start();
    await converged([a1, a2, b1], 'the instances to catch up after Redis is back', 20_000);
    expect(text(b1.doc)).toContain('DURING-A');
    expect(text(a1.doc)).toContain('DURING-B');
    await until(() => member.socketCloses.some((c) => c.code === 4403 && c.reason === 'access-revoked'), 'the removal to reach B after the outage');

    // Live relaying works again: edits and review threads.
    typeInParagraph(b1.doc, 2, 'AFTER-OUTAGE');
    await until(() => text(a1.doc).includes('AFTER-OUTAGE') && text(a2.doc).includes('AFTER-OUTAGE'), 'relay after the outage');
    const created = await ask(b1, { type: 'thread.create', thread: { anchor: { clauseId: 'c-scope' }, type: 'editorial', body: 'After the outage.' } });
    await until(() => threadEvents(a1).some((t) => t.id === created.threadId), 'a thread from B on A after the outage');
    expect(documentJSON(await storedDoc(cluster, standard.id))).toEqual(await converged([a1, a2, b1], 'all after the outage'));
  });
});
