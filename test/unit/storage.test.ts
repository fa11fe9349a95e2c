import Database from 'better-sqlite3';
import { join } from 'node:path';
import * as Y from 'yjs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openSqliteStorage } from '../../server/storage/sqlite';
import { CorruptDocumentError, type LoadedDocument, type Storage } from '../../server/storage/types';
import { removeTempDataDirs, tempDataDir } from '../helpers/server';

const open: Storage[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});
afterAll(() => removeTempDataDirs());

function storage(file = join(tempDataDir(), 'db.sqlite')) {
  const s = openSqliteStorage(file);
  open.push(s);
  return { s, file };
}

/** A client document whose every update is captured, as the server would receive them. */
function editor() {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  return { doc, text: doc.getText('t'), updates };
}

function textOf(loaded: LoadedDocument | undefined): string {
  const doc = new Y.Doc();
  if (loaded) Y.applyUpdate(doc, loaded.state);
  return doc.getText('t').toString();
}

/** Writes a row behind the store's back, as a disk fault or a bad backup would. */
function writeRaw(file: string, sql: string, ...values: unknown[]): void {
  const raw = new Database(file);
  raw.prepare(sql).run(...values);
  raw.close();
}

describe('SQLite document store', () => {
  it('loads what was appended: snapshot plus the log replayed in order', async () => {
    const { s } = storage();
    const e = editor();
    e.text.insert(0, 'hello');
    await s.documents.put('d', Y.encodeStateAsUpdate(e.doc));
    e.updates.length = 0;
    e.text.insert(5, ' world');
    e.text.delete(0, 1);
    for (const u of e.updates) await s.documents.append('d', u);
    expect(await s.documents.logLength('d')).toBe(2);
    const loaded = await s.documents.load('d');
    expect(textOf(loaded)).toBe('ello world');
    expect(loaded).toMatchObject({ logged: 2, quarantined: [] });
    expect(loaded!.bytes).toBe((await s.documents.read('d'))!.bytes);
    expect((await s.documents.read('d'))!.updates.map((u) => u.seq)).toEqual([expect.any(Number), expect.any(Number)]);
    expect(await s.documents.load('missing')).toBeUndefined();
  });

  it('compacts the log into the snapshot without changing the content', async () => {
    const { s } = storage();
    const e = editor();
    for (let i = 0; i < 50; i++) e.text.insert(i, String(i % 10));
    for (const u of e.updates) await s.documents.append('d', u);
    const before = textOf(await s.documents.load('d'));
    const sizeBefore = (await s.documents.read('d'))!.bytes;
    const size = await s.documents.compact('d');
    expect(await s.documents.logLength('d')).toBe(0);
    expect((await s.documents.read('d'))!.updates).toEqual([]);
    expect(textOf(await s.documents.load('d'))).toBe(before);
    expect((await s.documents.read('d'))!.bytes).toBe(size);
    expect(size).toBeLessThan(sizeBefore);
    e.text.insert(0, '!');
    await s.documents.append('d', e.updates.at(-1)!);
    await s.documents.compact('d');
    expect(textOf(await s.documents.load('d'))).toBe('!' + before);
    expect(await s.documents.compact('missing')).toBeUndefined();
  });

  it('compacts from what is stored, not from any one server: entries logged by another instance are kept', async () => {
    const { s, file } = storage();
    const here = editor();
    here.text.insert(0, 'mine ');
    for (const u of here.updates) await s.documents.append('d', u);
    // Another server instance (another connection to the same database) logs an edit of its own.
    const elsewhere = editor();
    Y.applyUpdate(elsewhere.doc, Y.encodeStateAsUpdate(here.doc));
    elsewhere.updates.length = 0;
    elsewhere.text.insert(5, 'theirs');
    const other = openSqliteStorage(file);
    await other.documents.append('d', elsewhere.updates[0]!);
    await other.close();
    await s.documents.compact('d');
    expect(textOf(await s.documents.load('d'))).toBe('mine theirs');
  });

  it('deletes a document entirely', async () => {
    const { s } = storage();
    const e = editor();
    e.text.insert(0, 'x');
    await s.documents.put('d', Y.encodeStateAsUpdate(e.doc));
    await s.documents.append('d', e.updates[0]!);
    await s.documents.put('other', Y.encodeStateAsUpdate(e.doc));
    await s.documents.delete('d');
    expect(await s.documents.read('d')).toBeUndefined();
    expect(await s.documents.names()).toEqual(['other']);
  });

  it('survives reopening (data is on disk, in WAL mode)', async () => {
    const { s, file } = storage();
    const e = editor();
    e.text.insert(0, 'persisted');
    for (const u of e.updates) await s.documents.append('d', u);
    await s.close();
    open.pop();
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
    const again = storage(file).s;
    expect(textOf(await again.documents.load('d'))).toBe('persisted');
  });

  it('sets a corrupt log entry aside with its reason and opens the document from the rest of the log', async () => {
    const { s, file } = storage();
    const e = editor();
    e.text.insert(0, 'good');
    await s.documents.append('d', e.updates[0]!);
    writeRaw(file, 'INSERT INTO document_updates (name, data) VALUES (?, ?)', 'd', Buffer.from('garbage!'));
    e.text.insert(4, ' and later');
    await s.documents.append('d', e.updates[1]!);
    const [, bad] = (await s.documents.read('d'))!.updates;

    const loaded = await s.documents.load('d');
    expect(textOf(loaded)).toBe('good and later');
    expect(loaded!.logged).toBe(2);
    expect(loaded!.quarantined).toEqual([{ name: 'd', seq: bad!.seq, reason: expect.stringMatching(/log entry \d+ of document "d" is corrupt/) }]);
    // Kept aside for inspection, byte for byte, and out of the log.
    const kept = await s.documents.quarantined('d');
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ name: 'd', seq: bad!.seq, reason: loaded!.quarantined[0]!.reason });
    expect(Buffer.from(kept[0]!.data).toString()).toBe('garbage!');
    expect(Date.parse(kept[0]!.at)).not.toBeNaN();
    expect(await s.documents.logLength('d')).toBe(2);
    // The next load finds nothing more to set aside.
    expect((await s.documents.load('d'))!.quarantined).toEqual([]);
    expect(await s.documents.quarantined('other')).toEqual([]);
  });

  it('compaction also sets corrupt entries aside instead of folding them away', async () => {
    const { s, file } = storage();
    const e = editor();
    e.text.insert(0, 'good');
    await s.documents.append('d', e.updates[0]!);
    writeRaw(file, 'INSERT INTO document_updates (name, data) VALUES (?, ?)', 'd', Buffer.from('garbage!'));
    await s.documents.compact('d');
    expect(await s.documents.logLength('d')).toBe(0);
    expect(await s.documents.quarantined('d')).toHaveLength(1);
    expect(textOf(await s.documents.load('d'))).toBe('good');
  });

  it('refuses a corrupt snapshot and changes nothing', async () => {
    const { s, file } = storage();
    const e = editor();
    e.text.insert(0, 'x');
    writeRaw(file, 'INSERT INTO document_snapshots (name, state, updated_at) VALUES (?, ?, ?)', 'd', Buffer.from('not yjs'), 'now');
    writeRaw(file, 'INSERT INTO document_updates (name, data) VALUES (?, ?)', 'd', Buffer.from('garbage!'));
    await s.documents.append('d', e.updates[0]!);
    const before = await s.documents.read('d');
    await expect(s.documents.load('d')).rejects.toThrow(CorruptDocumentError);
    await expect(s.documents.load('d')).rejects.toThrow(/snapshot of document "d" is corrupt/);
    await expect(s.documents.compact('d')).rejects.toThrow(CorruptDocumentError);
    expect(await s.documents.read('d')).toEqual(before);
    expect(await s.documents.quarantined('d')).toEqual([]);
  });

  it('reports a row that is not binary', async () => {
    const { s, file } = storage();
    writeRaw(file, 'INSERT INTO document_snapshots (name, state, updated_at) VALUES (?, ?, ?)', 'd', 'text', 'now');
    await expect(s.documents.load('d')).rejects.toThrow(/snapshot of document "d" is corrupt: it is not binary/);
  });
});

describe('SQLite standards repository', () => {
  const row = (id: string, title: string) => ({
    id,
    title,
    designation: 'ITU-T F.X',
    series: 'SERIES F',
    studyGroup: 'SG16',
    groupId: 'g',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z'
  });
  const state = () => Y.encodeStateAsUpdate(new Y.Doc());
  /** Every standard belongs to a working group (a foreign key). */
  const withGroup = async (s: Storage) => {
    await s.groups.create({ id: 'g', name: 'Group', description: '', createdAt: '2026-01-01T00:00:00.000Z' }, null);
    return s;
  };

  it('creates, lists, gets, updates and deletes rows', async () => {
    const s = await withGroup(storage().s);
    await s.standards.create(row('a', 'First'), state());
    await s.standards.create(row('b', 'Second'), state());
    expect((await s.standards.list()).map((r) => r.title)).toEqual(['First', 'Second']);
    expect(await s.standards.count()).toBe(2);
    const updated = await s.standards.update('a', { title: 'Renamed', studyGroup: 'SG17' }, '2026-02-01T00:00:00.000Z');
    expect(updated).toMatchObject({ title: 'Renamed', studyGroup: 'SG17', designation: 'ITU-T F.X' });
    expect(updated!.updatedAt).toBe('2026-02-01T00:00:00.000Z');
    expect(await s.standards.update('zzz', { title: 'x' }, 'now')).toBeUndefined();
    expect(await s.standards.delete('a')).toBe(true);
    expect(await s.standards.delete('a')).toBe(false);
    expect(await s.standards.get('a')).toBeUndefined();
    expect((await s.standards.get('b'))!.title).toBe('Second');
    expect((await s.standards.get('b'))!.groupId).toBe('g');
  });

  it('stores a standard with its document, and removes both with its threads, atomically', async () => {
    const s = await withGroup(storage().s);
    await s.standards.create(row('a', 'First'), state());
    expect(await s.documents.read('a')).toBeDefined();
    await s.accounts.createUser({ id: 'u', email: 'u@example.org', name: 'U', passwordHash: 'x', createdAt: 'now' });
    const thread = {
      id: 't', standardId: 'a', anchor: '{}', type: 'general' as const, authorId: 'u', body: 'b', proposedChange: '',
      createdAt: 'now', resolvedBy: null, resolvedAt: null, resolutionNote: null, reopenedBy: null, reopenedAt: null
    };
    await s.threads.create(thread);
    await s.threads.addReply({ id: 'r', threadId: 't', authorId: 'u', body: 'reply', createdAt: 'now' });
    expect(await s.standards.delete('a')).toBe(true);
    expect(await s.documents.read('a')).toBeUndefined();
    expect(await s.threads.list('a')).toEqual([]);
    expect(await s.threads.replies(['t'])).toEqual([]);
  });

  it('stores neither row nor document when the row is refused', async () => {
    const s = storage().s; // no group 'g': the foreign key refuses the row
    await expect(s.standards.create(row('a', 'First'), state())).rejects.toThrow(/FOREIGN KEY/);
    expect(await s.standards.count()).toBe(0);
    expect(await s.documents.read('a')).toBeUndefined();
  });

  it('refuses a database written by a newer version', async () => {
    const { s, file } = storage();
    await s.close();
    open.pop();
    writeRaw(file, 'INSERT INTO migrations (version, applied_at) VALUES (99, ?)', 'now');
    expect(() => openSqliteStorage(file)).toThrow(/newer Clausework \(schema version 99/);
  });
});

describe('SQLite threads repository', () => {
  it('sets resolution and reopening fields in one update; null clears a field', async () => {
    const s = storage().s;
    await s.groups.create({ id: 'g', name: 'Group', description: '', createdAt: 'now' }, null);
    await s.standards.create(
      { id: 'a', title: 'A', designation: '', series: '', studyGroup: '', groupId: 'g', createdAt: 'now', updatedAt: 'now' },
      Y.encodeStateAsUpdate(new Y.Doc())
    );
    await s.accounts.createUser({ id: 'u', email: 'u@example.org', name: 'U', passwordHash: 'x', createdAt: 'now' });
    await s.threads.create({
      id: 't', standardId: 'a', anchor: '{}', type: 'general', authorId: 'u', body: 'b', proposedChange: '',
      createdAt: 'now', resolvedBy: null, resolvedAt: null, resolutionNote: null, reopenedBy: null, reopenedAt: null
    });
    await s.threads.update('t', { resolvedBy: 'u', resolvedAt: 'then', resolutionNote: 'done' });
    expect(await s.threads.get('t')).toMatchObject({ resolvedBy: 'u', resolvedAt: 'then', resolutionNote: 'done', reopenedBy: null });
    await s.threads.update('t', { resolvedBy: null, resolvedAt: null, resolutionNote: null, reopenedBy: 'u', reopenedAt: 'later' });
    expect(await s.threads.get('t')).toMatchObject({ resolvedBy: null, resolvedAt: null, resolutionNote: null, reopenedBy: 'u', reopenedAt: 'later' });
  });
});
