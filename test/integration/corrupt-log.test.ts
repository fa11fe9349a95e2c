// A corrupted entry in a document's update log, through the real server: the document opens from
// everything that is still good, the bad entry is moved aside (document_quarantine) with the reason
// and reported in the log, and editing goes on as usual.

import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createStandardIn, paragraphTexts, startServerProcess, tempDataDir, typeInParagraph } from '../helpers/server';
import { collabFixture } from '../helpers/collab-fixture';

const fx = collabFixture();
const dbFile = (dataDir: string) => join(dataDir, 'clausework.sqlite');
const GARBAGE = Buffer.from('definitely not a Yjs update');

/** Appends edits to a stored document's log the way the server would, with garbage between them. */
function logEditsAroundGarbage(dataDir: string, id: string): { garbageSeq: number } {
  const db = new Database(dbFile(dataDir));
  try {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, db.prepare('SELECT state FROM document_snapshots WHERE name = ?').pluck().get(id) as Uint8Array);
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    const insert = db.prepare('INSERT INTO document_updates (name, data) VALUES (?, ?)');
    typeInParagraph(doc, 0, ' [before]');
    for (const update of updates.splice(0)) insert.run(id, update);
    const garbageSeq = Number(insert.run(id, GARBAGE).lastInsertRowid);
    typeInParagraph(doc, 0, ' [after]');
    for (const update of updates.splice(0)) insert.run(id, update);
    return { garbageSeq };
  } finally {
    db.close();
  }
}

describe('a corrupted update in the log', () => {
  it('is set aside and reported; the document opens with every good edit and keeps working', async () => {
    const dataDir = tempDataDir();
    const { id } = await createStandardIn(dataDir);
    const { garbageSeq } = logEditsAroundGarbage(dataDir, id);

    fx.server = await startServerProcess({ dataDir });
    const client = await fx.connect(id);
    expect(paragraphTexts(client.doc)[0]).toMatch(/ \[before\] \[after\]$/);

    const reported = fx.server
      .logs()
      .split('\n')
      .filter((line) => line.includes('"event":"document.quarantined"'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(reported).toEqual([
      expect.objectContaining({ level: 'error', document: id, seq: garbageSeq, reason: expect.stringMatching(/is corrupt/) })
    ]);

    // Still editable, and the edit is stored.
    typeInParagraph(client.doc, 0, ' [later]');
    await client.whenSynced();
    fx.dropClients();
    await fx.server.kill('SIGKILL');

    const db = new Database(dbFile(dataDir), { readonly: true });
    const kept = db.prepare('SELECT seq, data, reason FROM document_quarantine WHERE name = ?').all(id) as {
      seq: number;
      data: Buffer;
      reason: string;
    }[];
    const stillLogged = db.prepare('SELECT COUNT(*) FROM document_updates WHERE name = ? AND seq = ?').pluck().get(id, garbageSeq);
    db.close();
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ seq: garbageSeq, reason: reported[0]!.reason });
    expect(Buffer.compare(kept[0]!.data, GARBAGE)).toBe(0);
    expect(stillLogged).toBe(0);

    fx.server = await startServerProcess({ dataDir });
    const again = await fx.connect(id);
    expect(paragraphTexts(again.doc)[0]).toMatch(/ \[before\] \[after\] \[later\]$/);
    expect(fx.server.logs()).not.toMatch(/"event":"document.quarantined"/);
  });
});
