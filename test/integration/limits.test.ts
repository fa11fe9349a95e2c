// Oversized and malformed input gets a clear error, is not stored, and leaves the server and
// other documents working.

import net from 'node:net';
import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import {
  createStandardIn,
  paragraphTexts,
  startServerProcess,
  tempDataDir,
  typeInParagraph,
  type Client
} from '../helpers/server';
import { collabFixture } from '../helpers/collab-fixture';

const fx = collabFixture();
const connect = fx.connect;

/** Resolves with the reason of the next close the server sends to this client. */
function nextClose(client: Client): Promise<string> {
  return new Promise((done) =>
    client.provider.on('close', ({ event }: { event: { reason: string } }) => done(event.reason))
  );
}

/** An edit by one client reaches another: the server is still serving this document. */
async function stillWorks(id: string, text: string): Promise<void> {
  const a = await connect(id);
  const b = await connect(id);
  typeInParagraph(a.doc, 0, text);
  await a.whenSynced();
  const started = Date.now();
  while (!paragraphTexts(b.doc)[0]!.includes(text)) {
    if (Date.now() - started > 5000) throw new Error(`"${text}" did not reach the other client`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function freshText(id: string): Promise<string> {
  const client = await connect(id);
  return paragraphTexts(client.doc).join('\n');
}

// Minimal Hocuspocus/y-protocols framing, written here so the test does not trust the server's parser.
function varUint(n: number): number[] {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}
function varBytes(bytes: Uint8Array): number[] {
  return [...varUint(bytes.length), ...bytes];
}
const varString = (s: string) => varBytes(new TextEncoder().encode(s));
const authMessage = (name: string, token: string) => Uint8Array.from([...varString(name), 2, 0, ...varString(token)]);
const updateMessage = (name: string, update: Uint8Array) =>
  Uint8Array.from([...varString(name), 0, 2, ...varBytes(update)]);

/** A bare socket signed in as the owner: the session cookie on the upgrade, as a browser sends it. */
async function rawSocket(url: string): Promise<WebSocket> {
  const cookie = `session=${await fx.token()}`;
  return new Promise((done, fail) => {
    const ws = new WebSocket(url, { headers: { cookie } });
    ws.once('open', () => done(ws));
    ws.once('error', fail);
  });
}
function closeOf(ws: WebSocket, timeout = 5000): Promise<{ code: number; reason: string }> {
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error('the server did not close the socket')), timeout);
    ws.once('close', (code, reason) => {
      clearTimeout(timer);
      done({ code, reason: reason.toString() });
    });
  });
}

describe('limits', () => {
  it('refuses an update larger than MAX_UPDATE_BYTES with a clear reason and does not store it', async () => {
    const dataDir = tempDataDir();
    const big = await createStandardIn(dataDir, { title: 'Big' });
    const other = await createStandardIn(dataDir, { title: 'Other' });
    fx.server = await startServerProcess({ dataDir, env: { MAX_UPDATE_BYTES: '64KiB' } });
    const writer = await connect(big.id);
    const closed = nextClose(writer);
    typeInParagraph(writer.doc, 0, 'Q'.repeat(100_000));
    expect(await closed).toMatch(/^update-too-large: .*MAX_UPDATE_BYTES/);
    writer.destroy();

    expect(await freshText(big.id)).not.toContain('QQQQ');
    await stillWorks(big.id, 'small edit after the refused one');
    await stillWorks(other.id, 'other document unaffected');
  });

  it('closes a socket sending a frame far past the limit (1009) and keeps serving', async () => {
    const dataDir = tempDataDir();
    const { id } = await createStandardIn(dataDir);
    fx.server = await startServerProcess({ dataDir, env: { MAX_UPDATE_BYTES: '64KiB' } });
    const ws = await rawSocket(fx.server.wsUrl);
    const closed = closeOf(ws);
    ws.send(new Uint8Array(2 * 1024 * 1024));
    expect((await closed).code).toBe(1009);
    await stillWorks(id, 'after the huge frame');
    expect(fx.server.proc.exitCode).toBeNull();
  });

  it('refuses edits that would grow a document past MAX_DOCUMENT_BYTES, keeping the earlier ones', async () => {
    const dataDir = tempDataDir();
    const { id } = await createStandardIn(dataDir);
    fx.server = await startServerProcess({
      dataDir,
      env: { MAX_UPDATE_BYTES: '64KiB', MAX_DOCUMENT_BYTES: '160KiB' }
    });
    const writer = await connect(id);
    const closed = nextClose(writer);
    let reason: string | undefined;
    void closed.then((r) => (reason = r));
    let accepted = 0;
    for (let i = 0; i < 8 && reason === undefined; i++) {
      typeInParagraph(writer.doc, 0, String(i).repeat(40_000));
      await Promise.race([writer.whenSynced(), closed]);
      if (reason === undefined) accepted += 1;
    }
    expect(reason).toMatch(/^document-too-large: .*MAX_DOCUMENT_BYTES/);
    expect(accepted).toBeGreaterThanOrEqual(2);
    writer.destroy();

    const text = await freshText(id);
    for (let i = 0; i < accepted; i++) expect(text).toContain(String(i).repeat(40_000));
    expect(text).not.toContain(String(accepted).repeat(40_000));
  });

  it('closes sockets sending malformed messages with a reason and keeps serving', async () => {
    const dataDir = tempDataDir();
    const { id } = await createStandardIn(dataDir);
    fx.server = await startServerProcess({ dataDir });
    const before = await freshText(id);
    fx.dropClients();

    const text = await rawSocket(fx.server.wsUrl);
    const textClosed = closeOf(text);
    text.send('hello, is this JSON?');
    expect(await textClosed).toMatchObject({ code: 1003, reason: expect.stringMatching(/^malformed-message/) });

    const garbage = await rawSocket(fx.server.wsUrl);
    const garbageClosed = closeOf(garbage);
    garbage.send(Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]));
    expect(await garbageClosed).toMatchObject({ code: 1007, reason: expect.stringMatching(/^malformed-message/) });

    // A well-framed message carrying a Yjs update that is not one.
    const forged = await rawSocket(fx.server.wsUrl);
    const replies: Buffer[] = [];
    forged.on('message', (data: Buffer) => replies.push(data));
    forged.send(authMessage(id, await fx.token()));
    await new Promise((r) => setTimeout(r, 300));
    forged.send(updateMessage(id, new TextEncoder().encode('definitely not a Yjs update')));
    const started = Date.now();
    while (!replies.some((r) => r.toString().includes('malformed-update')) && Date.now() - started < 5000) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(replies.map((r) => r.toString()).join()).toMatch(/malformed-update: the edit is not a valid Yjs update/);
    forged.close();

    // Bytes that are not a valid WebSocket frame, after a valid handshake: the server answers
    // with a close frame (0x88) and a protocol-error status.
    const cookie = `session=${await fx.token()}`;
    const closeFrame = await new Promise<Buffer>((done, fail) => {
      let received = Buffer.alloc(0);
      const socket = net.connect(fx.server!.port, '127.0.0.1', () => {
        socket.write(
          'GET /collab HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
            `Cookie: ${cookie}\r\n` +
            'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n'
        );
        setTimeout(() => socket.write(Buffer.from([0x8f, 0x00, 0x13, 0x37, 0x00])), 100);
      });
      socket.on('data', (chunk) => {
        received = Buffer.concat([received, chunk]);
        const frameAt = received.indexOf('\r\n\r\n') + 4;
        if (frameAt >= 4 && received.length >= frameAt + 4) {
          socket.destroy();
          done(received.subarray(frameAt));
        }
      });
      socket.on('error', fail);
      setTimeout(() => fail(new Error('the server did not answer invalid frames with a close frame')), 5000);
    });
    expect(closeFrame[0]).toBe(0x88);
    expect(closeFrame.readUInt16BE(2)).toBe(1002);
    for (let i = 0; i < 50 && !fx.server.logs().includes('"event":"collab.websocket_error"'); i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(fx.server.logs()).toMatch(/"event":"collab.websocket_error"/);

    expect(fx.server.proc.exitCode).toBeNull();
    expect(await freshText(id)).toBe(before);
    await stillWorks(id, 'after malformed input');
  });
});
