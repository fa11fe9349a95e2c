// The standards service inside a running server: creating a standard stores its skeleton
// document, renaming keeps the document, deleting closes live connections and removes every row.

import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import WebSocket from 'ws';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';
import { startServer, type RunningServer } from '../../server/main';
import { InputError } from '../../server/services';
import {
  connectClient,
  createGroupIn,
  ownerOf,
  paragraphTexts,
  removeTempDataDirs,
  tempDataDir,
  typeInParagraph,
  type Client
} from '../helpers/server';

let server: RunningServer | undefined;
const clients: Client[] = [];

afterEach(async () => {
  clients.splice(0).forEach((client) => client.destroy());
  await server?.close();
  server = undefined;
});
afterAll(() => removeTempDataDirs());

/**
 * Starts the server in this process. Clients sign in as the data directory's administrator
 * (convenor of every group); new standards go into a working group made for the test, after the
 * server started so that a new database still gets its seeded example.
 */
async function start(dataDir = tempDataDir()) {
  server = await startServer(loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }));
  const owner = await ownerOf(dataDir);
  const { id: groupId } = await createGroupIn(dataDir);
  const wsUrl = `ws://127.0.0.1:${server.port}/collab`;
  return {
    dataDir,
    wsUrl,
    groupId,
    owner,
    connect: (id: string) => connectClient(wsUrl, id, { token: owner.token }),
    standards: server.services.standards
  };
}

describe('standards service', () => {
  it('seeds one example standard on the first start only, created on the server', async () => {
    const dataDir = tempDataDir();
    let { connect, standards } = await start(dataDir);
    const seeded = await standards.list();
    expect(seeded).toHaveLength(1);
    const client = await connect(seeded[0]!.id);
    const texts = paragraphTexts(client.doc);
    client.destroy();
    expect(texts.join(' ').length).toBeGreaterThan(500);

    await server!.close();
    ({ connect, standards } = await start(dataDir));
    expect(await standards.list()).toEqual(seeded);
    const again = await connect(seeded[0]!.id);
    expect(paragraphTexts(again.doc)).toEqual(texts); // not duplicated by the restart
    again.destroy();

    await standards.remove(seeded[0]!.id);
    await server!.close();
    ({ standards } = await start(dataDir));
    expect(await standards.list()).toEqual([]);
  });

  it('creates a standard whose document holds the clause skeleton', async () => {
    const { connect, groupId, standards } = await start();
    const created = await standards.create({ title: '  Face recognition  ', designation: 'ITU-T F.FRS', series: 'F', studyGroup: 'SG16', groupId });
    expect(created).toMatchObject({ title: 'Face recognition', designation: 'ITU-T F.FRS', studyGroup: 'SG16' });
    expect((await standards.list()).map((row) => row.id)).toContain(created.id);
    const client = await connect(created.id);
    clients.push(client);
    expect(paragraphTexts(client.doc).join('\n')).toMatch(/following terms/);
  });

  it('refuses bad input with a clear InputError', async () => {
    const { standards } = await start();
    await expect(standards.create({ title: '', designation: '', series: '', studyGroup: '' })).rejects.toThrow(/title must not be empty/);
    await expect(standards.create({ title: 7 } as never)).rejects.toThrow(InputError);
    await expect(standards.create({ title: 'x', colour: 'red' } as never)).rejects.toThrow(/Unknown field\(s\) colour/);
    await expect(standards.update('nope', { title: 'x' })).rejects.toThrow(expect.objectContaining({ status: 404 }));
    await expect(standards.remove('nope')).rejects.toThrow(expect.objectContaining({ status: 404 }));
  });

  it('renames a standard without touching its document', async () => {
    const { connect, groupId, standards } = await start();
    const { id } = await standards.create({ title: 'Old', designation: 'X.1', series: 'X', studyGroup: 'SG17', groupId });
    const client = await connect(id);
    clients.push(client);
    typeInParagraph(client.doc, 0, 'kept');
    await client.whenSynced();
    const renamed = await standards.update(id, { title: 'New' });
    expect(renamed).toMatchObject({ title: 'New', designation: 'X.1' });
    expect((await standards.get(id))!.title).toBe('New');
    expect(paragraphTexts(client.doc)[0]).toContain('kept');
  });

  it('deletes a standard: open connections are closed, reconnecting is refused, nothing is stored', async () => {
    const { dataDir, connect, groupId, standards } = await start();
    const { id } = await standards.create({ title: 'Doomed', designation: '', series: '', studyGroup: '', groupId });
    const keep = await standards.create({ title: 'Kept', designation: '', series: '', studyGroup: '', groupId });
    const client = await connect(id);
    clients.push(client);
    typeInParagraph(client.doc, 0, 'soon gone');
    await client.whenSynced();
    const closed = new Promise<string>((done) =>
      client.provider.on('close', ({ event }: { event: { reason: string } }) => done(event.reason))
    );
    await standards.remove(id);
    await closed;
    expect(await standards.get(id)).toBeUndefined();
    await expect(connect(id)).rejects.toThrow(/unknown-standard/);

    // The document unloads after its last client leaves; it must not be written back.
    clients.splice(0).forEach((c) => c.destroy());
    const other = await connect(keep.id);
    clients.push(other);
    await server!.close();
    server = undefined;
    const db = new Database(join(dataDir, 'clausework.sqlite'), { readonly: true });
    const rows = [
      db.prepare('SELECT COUNT(*) FROM standards WHERE id = ?').pluck().get(id),
      db.prepare('SELECT COUNT(*) FROM document_snapshots WHERE name = ?').pluck().get(id),
      db.prepare('SELECT COUNT(*) FROM document_updates WHERE name = ?').pluck().get(id)
    ];
    const kept = db.prepare('SELECT COUNT(*) FROM document_snapshots WHERE name = ?').pluck().get(keep.id);
    db.close();
    expect(rows).toEqual([0, 0, 0]);
    expect(kept).toBe(1);
  });
});

describe('one HTTP server for the app and the socket', () => {
  it('serves the built app, or explains how to build it', async () => {
    const { owner } = await start();
    const health = await fetch(`http://127.0.0.1:${server!.port}/healthz`);
    expect(health.status).toBe(200);
    const page = await fetch(`http://127.0.0.1:${server!.port}/`, { headers: owner.headers, redirect: 'manual' });
    if (existsSync('build/handler.js')) {
      expect(page.status).toBe(200);
    } else {
      expect(page.status).toBe(503);
      expect(await page.text()).toMatch(/npm run build/);
    }
  });

  it('takes WebSocket upgrades on /collab only', async () => {
    await start();
    const refused = await new Promise<string>((done) => {
      const ws = new WebSocket(`ws://127.0.0.1:${server!.port}/elsewhere`);
      ws.on('unexpected-response', (_req, res) => done(String(res.statusCode)));
      ws.on('error', (error) => done(error.message));
      ws.on('open', () => done('open'));
    });
    expect(refused).toBe('404');
  });
});

describe('a document that fails to load', () => {
  it('leaves nothing behind in the server however often clients retry', async () => {
    const dataDir = tempDataDir();
    const { connect, groupId, standards } = await start(dataDir);
    const { id } = await standards.create({ title: 'Broken', designation: '', series: '', studyGroup: '', groupId });
    // A corrupt snapshot (a corrupt log entry would be set aside and the document opened).
    const db = new Database(join(dataDir, 'clausework.sqlite'));
    db.prepare('UPDATE document_snapshots SET state = ? WHERE name = ?').run(Buffer.from('garbage'), id);
    db.close();
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const attempt = () => expect(connect(id)).rejects.toThrow(/load-failed/);
    await attempt();
    await new Promise((r) => setTimeout(r, 100));
    const before = timers();
    for (let i = 0; i < 10; i++) await attempt();
    await new Promise((r) => setTimeout(r, 100));
    expect(timers()).toBeLessThanOrEqual(before);
    expect(await server!.services.standards.get(id)).toBeDefined();
  });
});
