// Storage failing while a document is being edited, through the real server: a SQLite trigger
// makes every append of one document fail, as a full disk or a lost database would. The edit is
// neither applied nor acknowledged, its connection is closed with storage-failed, everything
// else keeps working, and once storage works again the client's kept edit is stored.

import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStandardIn, paragraphTexts, startServerProcess, tempDataDir, typeInParagraph } from '../helpers/server';
import { collabFixture } from '../helpers/collab-fixture';

const fx = collabFixture();
const dbFile = (dataDir: string) => join(dataDir, 'clausework.sqlite');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function sql(dataDir: string, statement: string): void {
  const db = new Database(dbFile(dataDir));
  try {
    db.exec(statement);
  } finally {
    db.close();
  }
}

describe('an append that fails', () => {
  it('refuses the edit without applying it, closes only that connection, and works again once storage does', async () => {
    const dataDir = tempDataDir();
    const failing = await createStandardIn(dataDir, { title: 'Failing' });
    const healthy = await createStandardIn(dataDir, { title: 'Healthy' });
    fx.server = await startServerProcess({ dataDir });
    const writer = await fx.connect(failing.id);
    const watcher = await fx.connect(failing.id);
    const other = await fx.connect(healthy.id);
    const before = paragraphTexts(watcher.doc)[0]!;

    sql(
      dataDir,
      `CREATE TRIGGER fail_appends BEFORE INSERT ON document_updates WHEN NEW.name = '${failing.id}'
       BEGIN SELECT RAISE(ABORT, 'simulated storage failure'); END;`
    );
    const closed = new Promise<string>((resolve) =>
      writer.provider.on('close', ({ event }: { event: { reason: string } }) => resolve(event.reason))
    );
    typeInParagraph(writer.doc, 0, ' [kept by the client]');
    expect(await closed).toMatch(/^storage-failed: Could not store the edit: simulated storage failure/);
    expect(writer.provider.unsyncedChanges).toBeGreaterThan(0); // never acknowledged

    // Not applied: nobody else received it. The document and the server keep serving.
    typeInParagraph(other.doc, 0, ' [elsewhere]');
    await other.whenSynced();
    await sleep(200);
    expect(paragraphTexts(watcher.doc)[0]).toBe(before);
    const reader = await fx.connect(failing.id);
    expect(paragraphTexts(reader.doc)[0]).toBe(before);
    expect(fx.server.logs()).toMatch(/"event":"document.append_failed"/);

    // Storage works again: the client rejoins (as the editor does) and its edit is stored.
    sql(dataDir, 'DROP TRIGGER fail_appends');
    writer.provider.detach();
    writer.provider.attach();
    await writer.whenSynced();
    await fx.server.kill('SIGKILL');
    fx.dropClients();
    fx.server = await startServerProcess({ dataDir });
    const fresh = await fx.connect(failing.id);
    expect(paragraphTexts(fresh.doc)[0]).toBe(`${before} [kept by the client]`);
    const fine = await fx.connect(healthy.id);
    expect(paragraphTexts(fine.doc)[0]).toMatch(/ \[elsewhere\]$/);
  });
});
