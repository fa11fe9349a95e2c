// Access control on the collaboration socket, against the real server process: who may connect,
// whose edits the server applies, what happens to open connections when access changes, and the
// review threads that travel over the same socket (also on read-only connections).

import { afterAll, afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import type { NewThread, Thread } from '../../clauses/review';
import type { ReviewEvent } from '../../clauses/review-messages';
import {
  addMemberIn,
  connectClient,
  createAccountIn,
  createApiTokenIn,
  createGroupIn,
  createStandardIn,
  expireSessionIn,
  ownerOf,
  paragraphTexts,
  removeTempDataDirs,
  startServerProcess,
  tempDataDir,
  typeInParagraph,
  type ServerProcess,
  type TestAccount
} from '../helpers/server';

// ---- A raw client: a real HocuspocusProvider whose every event is recorded -------------------

interface RawClient {
  provider: HocuspocusProvider;
  socket: HocuspocusProviderWebsocket;
  doc: Y.Doc;
  /** Parsed stateless messages received, in order. */
  received: Record<string, unknown>[];
  /** Reasons of authenticationFailed events. */
  failures: string[];
  /** Close events of the socket itself (code from the server's close frame). */
  socketCloses: { code: number; reason: string }[];
  /** Hocuspocus close messages for this document (code is always 1000 there). */
  documentCloses: string[];
  destroy(): void;
}

let server: ServerProcess | undefined;
const clients: RawClient[] = [];

afterEach(async () => {
  clients.splice(0).forEach((client) => client.destroy());
  await server?.kill();
  server = undefined;
});
afterAll(() => removeTempDataDirs());

/** Connects without waiting for anything; `headers` go on the WebSocket upgrade request. */
function openClient(standardId: string, options: { token?: string; headers?: Record<string, string> } = {}): RawClient {
  const headers = options.headers;
  // The provider constructs the socket itself: a subclass is how extra upgrade headers get in.
  class WithHeaders extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, headers ? { headers } : {});
    }
  }
  const doc = new Y.Doc();
  const socket = new HocuspocusProviderWebsocket({ url: server!.wsUrl, WebSocketPolyfill: WithHeaders, delay: 200, minDelay: 100, maxDelay: 1000 });
  const provider = new HocuspocusProvider({ websocketProvider: socket, name: standardId, document: doc, token: options.token ?? null });
  const client: RawClient = {
    provider,
    socket,
    doc,
    received: [],
    failures: [],
    socketCloses: [],
    documentCloses: [],
    destroy() {
      provider.destroy();
      socket.destroy();
    }
  };
  provider.on('stateless', ({ payload }: { payload: string }) => client.received.push(JSON.parse(payload)));
  provider.on('authenticationFailed', ({ reason }: { reason: string }) => client.failures.push(reason));
  provider.on('close', ({ event }: { event: { code: number; reason: string } }) => {
    if (event.code === 1000) client.documentCloses.push(String(event.reason));
  });
  socket.on('close', ({ event }: { event: { code: number; reason: string } }) =>
    client.socketCloses.push({ code: event.code, reason: String(event.reason) })
  );
  provider.attach();
  clients.push(client);
  return client;
}

async function syncedClient(standardId: string, options: { token?: string; headers?: Record<string, string> } = {}): Promise<RawClient> {
  const client = openClient(standardId, options);
  await until(() => client.provider.isSynced || client.failures.length > 0, 'first sync');
  if (client.failures.length) throw new Error(`authentication failed: ${client.failures[0]}`);
  return client;
}

async function refusalOf(standardId: string, options: { token?: string; headers?: Record<string, string> } = {}): Promise<string> {
  const client = openClient(standardId, options);
  await until(() => client.failures.length > 0 || client.provider.isSynced, 'authentication result');
  client.destroy();
  if (client.provider.isSynced) throw new Error('the connection was accepted');
  return client.failures[0]!;
}

function until(check: () => boolean, what: string, timeout = 10_000): Promise<void> {
  const started = Date.now();
  return new Promise((done, fail) => {
    const poll = () => {
      if (check()) return done();
      if (Date.now() - started > timeout) return fail(new Error(`timed out waiting for ${what}`));
      setTimeout(poll, 20);
    };
    poll();
  });
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

let requests = 0;
/** Sends a review request and resolves with the answer to it (threads, done or refused). */
async function ask(client: RawClient, message: Record<string, unknown>): Promise<ReviewEvent> {
  const requestId = `req-${++requests}`;
  const from = client.received.length;
  client.provider.sendStateless(JSON.stringify({ ...message, requestId }));
  let answer: ReviewEvent | undefined;
  await until(() => {
    answer = client.received.slice(from).find((m) => m.requestId === requestId) as ReviewEvent | undefined;
    return answer !== undefined;
  }, `the answer to ${String(message.type)}`);
  return answer!;
}

/**
 * Waits until the server has handled everything the client sent so far: messages on one socket
 * are handled in order, so the answer to a request sent now comes after them.
 */
async function flush(client: RawClient): Promise<void> {
  await ask(client, { type: 'threads.list' });
}

const comment = (body: string, type: NewThread['type'] = 'technical'): NewThread => ({
  anchor: { clauseId: 'c-scope' },
  type,
  body
});

function threadsIn(client: RawClient): Thread[] {
  return client.received.filter((m) => m.type === 'thread').map((m) => m.thread as Thread);
}

/** A form action on the real web app, as a logged-in browser posts it (same-origin). */
async function postForm(path: string, account: TestAccount, fields: Record<string, string>): Promise<Response> {
  const response = await fetch(`${server!.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      cookie: account.cookie,
      origin: server!.url,
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json'
    },
    body: new URLSearchParams(fields).toString()
  });
  expect(response.status, `${path}: ${await response.clone().text()}`).toBeLessThan(400);
  return response;
}

// ---- A working group with one member per role ------------------------------------------------

interface Group {
  dataDir: string;
  groupId: string;
  standardId: string;
  owner: TestAccount;
  editor: TestAccount;
  reviewer: TestAccount;
  observer: TestAccount;
}

async function groupWithStandard(): Promise<Group> {
  const dataDir = tempDataDir();
  const owner = await ownerOf(dataDir);
  const group = await createGroupIn(dataDir, 'SG17 Q10');
  const editor = await createAccountIn(dataDir, { name: 'Edna Editor' });
  const reviewer = await createAccountIn(dataDir, { name: 'Rex Reviewer' });
  const observer = await createAccountIn(dataDir, { name: 'Olive Observer' });
  await addMemberIn(dataDir, group.id, editor.user.id, 'editor');
  await addMemberIn(dataDir, group.id, reviewer.user.id, 'reviewer');
  await addMemberIn(dataDir, group.id, observer.user.id, 'observer');
  const standard = await createStandardIn(dataDir, { groupId: group.id, title: 'Secured standard' });
  return { dataDir, groupId: group.id, standardId: standard.id, owner, editor, reviewer, observer };
}

const text = (client: { doc: Y.Doc }) => paragraphTexts(client.doc).join('\n');

describe('a reviewer on the socket', () => {
  it('cannot change the document, even with a raw provider, but can comment live', async () => {
    const g = await groupWithStandard();
    server = await startServerProcess({ dataDir: g.dataDir });
    const editor = await syncedClient(g.standardId, { token: g.editor.token });
    const reviewer = await syncedClient(g.standardId, { token: g.reviewer.token });
    expect(reviewer.provider.authorizedScope).toBe('readonly');
    expect(editor.provider.authorizedScope).toBe('read-write');

    typeInParagraph(reviewer.doc, 0, 'REVIEWER-EDIT');
    typeInParagraph(reviewer.doc, 1, 'REVIEWER-EDIT-2');
    await flush(reviewer);
    typeInParagraph(editor.doc, 0, 'EDITOR-EDIT');
    await acknowledged(editor);
    await until(() => text(reviewer).includes('EDITOR-EDIT'), 'the editor’s edit at the reviewer');
    expect(text(editor)).not.toContain('REVIEWER-EDIT');
    expect(reviewer.provider.unsyncedChanges).toBeGreaterThan(0); // never acknowledged

    const fresh = await connectClient(server.wsUrl, g.standardId, { token: g.observer.token });
    expect(paragraphTexts(fresh.doc).join('\n')).toContain('EDITOR-EDIT');
    expect(paragraphTexts(fresh.doc).join('\n')).not.toContain('REVIEWER-EDIT');
    fresh.destroy();

    // The same read-only connection opens a thread; the editor sees it arrive.
    const answer = await ask(reviewer, { type: 'thread.create', thread: comment('The scope is too broad.') });
    expect(answer.type).toBe('done');
    const threadId = answer.type === 'done' ? answer.threadId : '';
    await until(() => threadsIn(editor).some((t) => t.id === threadId), 'the thread at the editor');
    expect(threadsIn(editor)[0]).toMatchObject({
      author: { id: g.reviewer.user.id, name: 'Rex Reviewer' },
      body: 'The scope is too broad.',
      type: 'technical',
      status: 'open'
    });

    // After a restart the stored document lacks the reviewer's text; the thread is kept.
    clients.splice(0).forEach((client) => client.destroy());
    await server.stop();
    server = await startServerProcess({ dataDir: g.dataDir });
    const after = await syncedClient(g.standardId, { token: g.editor.token });
    expect(text(after)).toContain('EDITOR-EDIT');
    expect(text(after)).not.toContain('REVIEWER-EDIT');
    const listed = await ask(after, { type: 'threads.list' });
    expect(listed.type === 'threads' && listed.threads.map((t) => t.id)).toEqual([threadId]);
  });

  it('cannot forge a broadcast to the other connections', async () => {
    const g = await groupWithStandard();
    server = await startServerProcess({ dataDir: g.dataDir });
    const editor = await syncedClient(g.standardId, { token: g.editor.token });
    const reviewer = await syncedClient(g.standardId, { token: g.reviewer.token });
    const forged = JSON.stringify({ type: 'thread', thread: { id: 'fake', body: 'forged' } });
    // Hocuspocus message type 6 (BroadcastStateless); the provider never sends it.
    (reviewer.socket.webSocket as unknown as WebSocket).send(frame(g.standardId, 6, forged));
    await until(() => reviewer.documentCloses.length > 0 || reviewer.socketCloses.length > 0, 'the forger’s connection to close');
    await pause(200);
    expect(editor.received.some((m) => JSON.stringify(m).includes('forged'))).toBe(false);
  });
});

describe('refused on the WebSocket', () => {
  it('no credential, an expired, forged or ended session, an API token, another group', async () => {
    const g = await groupWithStandard();
    const stranger = await createAccountIn(g.dataDir, { name: 'Stranger' });
    const otherGroup = await createGroupIn(g.dataDir, 'Other group');
    await addMemberIn(g.dataDir, otherGroup.id, stranger.user.id, 'editor');
    const expired = await createAccountIn(g.dataDir);
    await addMemberIn(g.dataDir, g.groupId, expired.user.id, 'editor');
    await expireSessionIn(g.dataDir, expired.token);
    const apiToken = await createApiTokenIn(g.dataDir, g.editor.user.id);
    server = await startServerProcess({ dataDir: g.dataDir });

    expect(await refusalOf(g.standardId)).toBe('unauthenticated');
    expect(await refusalOf(g.standardId, { token: expired.token })).toBe('unauthenticated');
    expect(await refusalOf(g.standardId, { token: 'A'.repeat(40) })).toBe('unauthenticated');
    expect(await refusalOf(g.standardId, { token: g.editor.token.slice(0, -2) + 'xx' })).toBe('unauthenticated');
    expect(await refusalOf(g.standardId, { token: apiToken.token })).toBe('unauthenticated');
    expect(await refusalOf(g.standardId, { token: stranger.token })).toBe('forbidden');

    // Logged out (over HTTP): the token no longer opens the socket.
    const leaving = await createAccountIn(g.dataDir);
    await addMemberIn(g.dataDir, g.groupId, leaving.user.id, 'editor');
    await syncedClient(g.standardId, { token: leaving.token });
    await postForm('/logout', leaving, {});
    expect(await refusalOf(g.standardId, { token: leaving.token })).toBe('unauthenticated');
  });

  it('the session cookie counts only from our own origin', async () => {
    const g = await groupWithStandard();
    server = await startServerProcess({ dataDir: g.dataDir });
    const sameOrigin = await syncedClient(g.standardId, { headers: { cookie: g.editor.cookie, origin: server.url } });
    expect(sameOrigin.provider.authorizedScope).toBe('read-write');
    // A client that is not a browser sends no Origin: no other site can be riding on the cookie.
    await syncedClient(g.standardId, { headers: { cookie: g.editor.cookie } });
    expect(await refusalOf(g.standardId, { headers: { cookie: g.editor.cookie, origin: 'https://evil.example' } })).toBe('unauthenticated');
    expect(await refusalOf(g.standardId, { headers: { cookie: g.editor.cookie, origin: 'null' } })).toBe('unauthenticated');
    const port = new URL(server.url).port;
    expect(await refusalOf(g.standardId, { headers: { cookie: g.editor.cookie, origin: `http://localhost.evil.example:${port}` } })).toBe(
      'unauthenticated'
    );
  });
});

describe('behind a proxy (ORIGIN set)', () => {
  it('the cookie counts only from the configured public origin', async () => {
    const g = await groupWithStandard();
    server = await startServerProcess({ dataDir: g.dataDir, env: { ORIGIN: 'https://drafts.example.org' } });
    const viaProxy = await syncedClient(g.standardId, { headers: { cookie: g.editor.cookie, origin: 'https://drafts.example.org' } });
    expect(viaProxy.provider.authorizedScope).toBe('read-write');
    // The Host header matching the Origin is not enough once the public origin is known.
    expect(await refusalOf(g.standardId, { headers: { cookie: g.editor.cookie, origin: server.url } })).toBe('unauthenticated');
  });
});

describe('access changed while connected', () => {
  it('a removed member loses write access at once and is disconnected', async () => {
    const g = await groupWithStandard();
    server = await startServerProcess({ dataDir: g.dataDir });
    const editor = await syncedClient(g.standardId, { token: g.editor.token });
    const leaving = await createAccountIn(g.dataDir, { name: 'Leaving Editor' });
    await addMemberIn(g.dataDir, g.groupId, leaving.user.id, 'editor');
    const member = await syncedClient(g.standardId, { token: leaving.token });
    typeInParagraph(member.doc, 0, 'BEFORE-REMOVAL');
    await until(() => text(editor).includes('BEFORE-REMOVAL'), 'the member’s edit while a member');

    await postForm(`/groups/${g.groupId}?/remove`, g.owner, { userId: leaving.user.id });
    typeInParagraph(member.doc, 0, 'AFTER-REMOVAL');
    await until(() => member.socketCloses.some((c) => c.code === 4403 && c.reason === 'access-revoked'), 'close 4403 access-revoked');
    expect(member.documentCloses).toContain('access-revoked');
    // It reconnects on its own, and is now refused.
    await until(() => member.failures.includes('forbidden'), 'the reconnection to be refused');

    typeInParagraph(editor.doc, 1, 'EDITOR-AFTER');
    await acknowledged(editor);
    const fresh = await syncedClient(g.standardId, { token: g.reviewer.token });
    expect(text(fresh)).toContain('BEFORE-REMOVAL');
    expect(text(fresh)).toContain('EDITOR-AFTER');
    expect(text(fresh)).not.toContain('AFTER-REMOVAL');
    expect(text(editor)).not.toContain('AFTER-REMOVAL');
  });

  it('an editor demoted to reviewer keeps reading but stops writing, without reconnecting', async () => {
    const g = await groupWithStandard();
    server = await startServerProcess({ dataDir: g.dataDir });
    const observer = await syncedClient(g.standardId, { token: g.observer.token });
    const editor = await syncedClient(g.standardId, { token: g.editor.token });
    typeInParagraph(editor.doc, 0, 'EDITOR-EDIT');
    await until(() => text(observer).includes('EDITOR-EDIT'), 'the edit while an editor');

    await postForm(`/groups/${g.groupId}?/setRole`, g.owner, { userId: g.editor.user.id, role: 'reviewer' });
    await until(() => editor.received.some((m) => m.type === 'access' && m.role === 'reviewer' && m.readOnly === true), 'the access notice');
    typeInParagraph(editor.doc, 0, 'DEMOTED-EDIT');
    await flush(editor);

    // Still connected and still reading: the convenor's edits reach it.
    const convenor = await syncedClient(g.standardId, { token: g.owner.token });
    typeInParagraph(convenor.doc, 1, 'CONVENOR-EDIT');
    await until(() => text(editor).includes('CONVENOR-EDIT'), 'the convenor’s edit at the demoted editor');
    expect(editor.socketCloses).toEqual([]);
    expect(editor.documentCloses).toEqual([]);
    expect(text(observer)).toContain('CONVENOR-EDIT');
    expect(text(observer)).not.toContain('DEMOTED-EDIT');
    expect(text(convenor)).not.toContain('DEMOTED-EDIT');
    // As a reviewer it still comments.
    expect((await ask(editor, { type: 'thread.create', thread: comment('Noted as a reviewer.') })).type).toBe('done');
  });

  it('a reviewer promoted to editor writes without reconnecting', async () => {
    const g = await groupWithStandard();
    server = await startServerProcess({ dataDir: g.dataDir });
    const observer = await syncedClient(g.standardId, { token: g.observer.token });
    const reviewer = await syncedClient(g.standardId, { token: g.reviewer.token });
    expect(reviewer.provider.authorizedScope).toBe('readonly');
    await postForm(`/groups/${g.groupId}?/setRole`, g.owner, { userId: g.reviewer.user.id, role: 'editor' });
    await until(() => reviewer.received.some((m) => m.type === 'access' && m.role === 'editor' && m.readOnly === false), 'the access notice');
    typeInParagraph(reviewer.doc, 2, 'PROMOTED-EDIT');
    await until(() => text(observer).includes('PROMOTED-EDIT'), 'the promoted member’s edit');
    await acknowledged(reviewer);
  });

  it('a session ended by logging out closes its connections', async () => {
    const g = await groupWithStandard();
    server = await startServerProcess({ dataDir: g.dataDir });
    const editor = await syncedClient(g.standardId, { token: g.editor.token });
    await postForm('/logout', g.editor, {});
    await until(() => editor.socketCloses.some((c) => c.code === 4401 && c.reason === 'session-ended'), 'close 4401 session-ended');
    await until(() => editor.failures.includes('unauthenticated'), 'the reconnection to be refused');
  });
});

describe('review permissions over the socket', () => {
  it('observers cannot comment; a reviewer cannot resolve another’s thread; an editor can', async () => {
    const g = await groupWithStandard();
    server = await startServerProcess({ dataDir: g.dataDir });
    const observer = await syncedClient(g.standardId, { token: g.observer.token });
    const reviewer = await syncedClient(g.standardId, { token: g.reviewer.token });
    const editor = await syncedClient(g.standardId, { token: g.editor.token });

    const refused = await ask(observer, { type: 'thread.create', thread: comment('I only read.') });
    expect(refused).toMatchObject({ type: 'refused', message: expect.stringMatching(/Observer.*comment/) });
    expect((await ask(observer, { type: 'threads.list' })).type).toBe('threads'); // reading is fine

    const created = await ask(editor, { type: 'thread.create', thread: comment('Clarify "operator".', 'editorial') });
    const threadId = created.type === 'done' ? created.threadId : '';
    expect((await ask(reviewer, { type: 'thread.resolve', threadId })).type).toBe('refused');
    expect((await ask(reviewer, { type: 'thread.reply', threadId, body: 'Agree.' })).type).toBe('done');
    expect((await ask(observer, { type: 'thread.reply', threadId, body: 'Me too.' })).type).toBe('refused');

    const ownId = await ask(reviewer, { type: 'thread.create', thread: comment('Typo in 6.1.', 'editorial') });
    expect(ownId.type).toBe('done');
    const resolved = await ask(editor, { type: 'thread.resolve', threadId: ownId.type === 'done' ? ownId.threadId : '', note: 'Fixed.' });
    expect(resolved.type).toBe('done');
    await until(() => threadsIn(observer).some((t) => t.status === 'resolved' && t.resolution?.note === 'Fixed.'), 'the resolution everywhere');

    // Malformed and oversized requests are refused with a reason; the connection stays open.
    expect(await ask(editor, { type: 'thread.create', thread: { ...comment('x'), colour: 'red' } })).toMatchObject({
      type: 'refused',
      message: expect.stringContaining('thread.colour is not a known field')
    });
    const from = editor.received.length;
    editor.provider.sendStateless('x'.repeat(70 * 1024));
    await until(() => editor.received.slice(from).some((m) => m.type === 'refused' && m.requestId === null), 'the size refusal');
    expect((await ask(editor, { type: 'threads.list' })).type).toBe('threads');
    expect(editor.socketCloses).toEqual([]);
  });
});

async function acknowledged(client: RawClient): Promise<void> {
  await until(() => client.provider.unsyncedChanges === 0, 'acknowledgement of local changes');
}

/** A Hocuspocus message: document name, message type, one string (lib0 var-length encoding). */
function frame(documentName: string, type: number, payload: string): Uint8Array {
  const parts: number[] = [];
  const varUint = (n: number) => {
    while (n > 0x7f) {
      parts.push((n & 0x7f) | 0x80);
      n = Math.floor(n / 128);
    }
    parts.push(n);
  };
  const varString = (s: string) => {
    const bytes = new TextEncoder().encode(s);
    varUint(bytes.length);
    parts.push(...bytes);
  };
  varString(documentName);
  varUint(type);
  varString(payload);
  return Uint8Array.from(parts);
}
