// The persistence extension's hooks on their own, with a stand-in store: an update is appended
// before the hook lets Hocuspocus apply it, a failed append refuses only that message, one
// connection's messages keep their order whatever the store's latency, and nothing is logged twice.

import * as encoding from 'lib0/encoding';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { Document, type Connection } from '@hocuspocus/server';
import { persistence } from '../../server/collab/persistence';
import type { Logger } from '../../server/log';
import type { DocumentStore, LoadedDocument } from '../../server/storage/types';

const LIMITS = { maxUpdateBytes: 1_000_000, maxDocumentBytes: 10_000_000, compactAfterUpdates: 3 };

/** A store that keeps appends in memory; `fail` makes appends reject, `delay` slows them down. */
function fakeStore(loaded?: LoadedDocument) {
  const appended: Uint8Array[] = [];
  const control = { fail: false, delay: 0, compactions: 0, compactFails: false };
  const store = {
    async load() {
      return loaded;
    },
    async append(_name: string, update: Uint8Array) {
      if (control.delay) await new Promise((resolve) => setTimeout(resolve, control.delay));
      if (control.fail) throw new Error('connection to the database lost');
      appended.push(update);
    },
    async compact() {
      control.compactions += 1;
      if (control.compactFails) throw new Error('compaction refused');
      return 10;
    }
  } as unknown as DocumentStore;
  return { store, appended, control };
}

function recordingLog() {
  const lines: { level: string; event: string; fields: Record<string, unknown> }[] = [];
  const at = (level: string) => (event: string, fields: Record<string, unknown> = {}) => void lines.push({ level, event, fields });
  const log = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } as unknown as Logger;
  return { log, lines };
}

/** A Hocuspocus sync message carrying `update` (y-protocols sync "update", or step 2). */
function syncMessage(name: string, update: Uint8Array, subtype = 2): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, name);
  encoding.writeVarUint(encoder, 0); // Sync
  encoding.writeVarUint(encoder, subtype);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** An awareness message (type 1): no document content. */
function awarenessMessage(name: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, name);
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint8Array(encoder, new Uint8Array([0]));
  return encoding.toUint8Array(encoder);
}

/** One client edit: the update a client would send after typing `text`. */
function edit(base: Y.Doc, text: string): Uint8Array {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(base));
  const before = Y.encodeStateVector(client);
  client.getText('t').insert(0, text);
  return Y.encodeStateAsUpdate(client, before);
}

async function setup(loaded?: LoadedDocument) {
  const { store, appended, control } = fakeStore(loaded);
  const { log, lines } = recordingLog();
  const extension = persistence({ store, limits: LIMITS, log, exists: async () => true });
  const document = new Document('std-1');
  await extension.onLoadDocument!({ document, documentName: 'std-1' } as never);
  const connection = (readOnly = false) => ({ readOnly }) as unknown as Connection;
  const handle = (connection: Connection, update: Uint8Array) =>
    extension.beforeHandleMessage!({ document, documentName: 'std-1', connection, socketId: 's', update } as never);
  return { extension, document, appended, control, lines, connection, handle };
}

describe('collaboration persistence', () => {
  it('stores an update before the hook resolves (so before Hocuspocus applies and acknowledges it)', async () => {
    const { document, appended, connection, handle } = await setup();
    const update = edit(document, 'hello');
    await handle(connection(), syncMessage('std-1', update));
    expect(appended).toEqual([update]);
  });

  it('refuses the message when the append fails, and tries the next append afresh', async () => {
    const { document, appended, control, lines, connection, handle } = await setup();
    control.fail = true;
    const first = connection();
    await expect(handle(first, syncMessage('std-1', edit(document, 'lost')))).rejects.toMatchObject({
      code: 4503,
      kind: 'storage-failed',
      reason: expect.stringMatching(/^storage-failed: Could not store the edit: connection to the database lost/)
    });
    expect(appended).toEqual([]);
    expect(lines).toContainEqual(expect.objectContaining({ level: 'error', event: 'document.append_failed' }));
    // Later messages on the refused connection are refused too (it is being closed) …
    await expect(handle(first, awarenessMessage('std-1'))).rejects.toMatchObject({ kind: 'storage-failed' });
    // … while another connection, once the database is back, stores its edits again.
    control.fail = false;
    const update = edit(document, 'kept');
    await handle(connection(), syncMessage('std-1', update));
    expect(appended).toEqual([update]);
  });

  it("keeps one connection's messages in order whatever the store's latency", async () => {
    const { document, control, connection, handle } = await setup();
    const c = connection();
    const done: string[] = [];
    control.delay = 30;
    const slow = handle(c, syncMessage('std-1', edit(document, 'a'))).then(() => done.push('update'));
    control.delay = 0;
    const quick = handle(c, awarenessMessage('std-1')).then(() => done.push('awareness'));
    const other = handle(connection(), awarenessMessage('std-1')).then(() => done.push('other connection'));
    await Promise.all([slow, quick, other]);
    expect(done).toEqual(['other connection', 'update', 'awareness']);
  });

  it('stores nothing for empty or already known updates, nor for read-only connections', async () => {
    const { document, appended, connection, handle } = await setup();
    const text = document.getText('t');
    text.insert(0, 'known text');
    text.delete(0, 6);
    // A reconnecting client's sync step 2: nothing new, but the whole delete set.
    const known = Y.encodeStateAsUpdate(document);
    await handle(connection(), syncMessage('std-1', known, 1));
    await handle(connection(), syncMessage('std-1', new Uint8Array([0, 0])));
    await handle(connection(true), syncMessage('std-1', edit(document, 'not mine to write')));
    expect(appended).toEqual([]);
    // A deletion of known text is new, though it adds no struct.
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(document));
    const before = Y.encodeStateVector(client);
    client.getText('t').delete(0, 2);
    const deletion = Y.encodeStateAsUpdate(client, before);
    await handle(connection(), syncMessage('std-1', deletion));
    expect(appended).toEqual([deletion]);
  });

  it('refuses a malformed update without storing it', async () => {
    const { appended, connection, handle } = await setup();
    await expect(handle(connection(), syncMessage('std-1', new Uint8Array([5, 5, 5, 5])))).rejects.toMatchObject({ kind: 'malformed-update' });
    expect(appended).toEqual([]);
  });

  it('compacts the stored log after COMPACT_AFTER_UPDATES appends and on unload; failures are only logged', async () => {
    const { extension, document, control, lines, connection, handle } = await setup();
    for (const text of ['a', 'b']) await handle(connection(), syncMessage('std-1', edit(document, text)));
    expect(control.compactions).toBe(0);
    await handle(connection(), syncMessage('std-1', edit(document, 'c')));
    await vi.waitFor(() => expect(control.compactions).toBe(1));
    await handle(connection(), syncMessage('std-1', edit(document, 'd')));
    control.compactFails = true;
    await expect(extension.beforeUnloadDocument!({ document, documentName: 'std-1' } as never)).resolves.toBeUndefined();
    expect(control.compactions).toBe(2);
    expect(lines).toContainEqual(expect.objectContaining({ level: 'error', event: 'document.compact_failed' }));
  });

  it('logs each log entry the store set aside on load as an error', async () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'good');
    const { document, lines } = await setup({
      state: Y.encodeStateAsUpdate(doc),
      bytes: 20,
      logged: 1,
      quarantined: [{ name: 'std-1', seq: 7, reason: 'log entry 7 of document "std-1" is corrupt: Unexpected end of array' }]
    });
    expect(document.getText('t').toString()).toBe('good');
    expect(lines).toContainEqual({
      level: 'error',
      event: 'document.quarantined',
      fields: { document: 'std-1', seq: 7, reason: 'log entry 7 of document "std-1" is corrupt: Unexpected end of array' }
    });
  });

  it('refuses an edit for a document it no longer tracks (unloaded) instead of letting it through unstored', async () => {
    const { extension, document, appended, connection, handle } = await setup();
    await extension.beforeUnloadDocument!({ document, documentName: 'std-1' } as never);
    await expect(handle(connection(), syncMessage('std-1', edit(document, 'late')))).rejects.toMatchObject({
      code: 1013,
      kind: 'not-loaded'
    });
    expect(appended).toEqual([]);
    // Messages without document content (presence) still pass.
    await expect(handle(connection(), awarenessMessage('std-1'))).resolves.toBeUndefined();
  });
});
