import Database from 'better-sqlite3';
import { join } from 'node:path';
import * as Y from 'yjs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openSqliteStorage } from '../../server/storage/sqlite';
import { CorruptDocumentError, type Storage } from '../../server/storage/types';
import { removeTempDataDirs, tempDataDir } from '../helpers/server';

const open: Storage[] = [];
afterEach(() => open.splice(0).forEach((s) => s.close()));
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

function textOf(state: Uint8Array | undefined): string {
  const doc = new Y.Doc();
  if (state) Y.applyUpdate(doc, state);
  return doc.getText('t').toString();
}

describe('SQLite document store', () => {
  it('loads what was appended: snapshot plus the log replayed in order', () => {
    const { s } = storage();
    const e = editor();
    e.text.insert(0, 'hello');
    s.documents.put('d', Y.encodeStateAsUpdate(e.doc));
    e.updates.length = 0;
    e.text.insert(5, ' world');
    e.text.delete(0, 1);
    e.updates.forEach((u) => s.documents.append('d', u));
    expect(s.documents.logLength('d')).toBe(2);
    expect(textOf(s.documents.load('d'))).toBe('ello world');
    expect(s.documents.load('missing')).toBeUndefined();
  });

  it('compacts the log into the snapshot without changing the content', () => {
    const { s } = storage();
    const e = editor();
    for (let i = 0; i < 50; i++) e.text.insert(i, String(i % 10));
    e.updates.forEach((u) => s.documents.append('d', u));
    const before = textOf(s.documents.load('d'));
    const sizeBefore = s.documents.read('d')!.bytes;
    s.documents.compact('d');
    expect(s.documents.logLength('d')).toBe(0);
    expect(s.documents.read('d')!.updates).toEqual([]);
    expect(textOf(s.documents.load('d'))).toBe(before);
    expect(s.documents.read('d')!.bytes).toBeLessThan(sizeBefore);
    e.text.insert(0, '!');
    s.documents.append('d', e.updates.at(-1)!);
    s.documents.compact('d', Y.encodeStateAsUpdate(e.doc));
    expect(textOf(s.documents.load('d'))).toBe('!' + before);
  });

  it('deletes a document entirely', () => {
    const { s } = storage();
    const e = editor();
    e.text.insert(0, 'x');
    s.documents.put('d', Y.encodeStateAsUpdate(e.doc));
    s.documents.append('d', e.updates[0]!);
    s.documents.put('other', Y.encodeStateAsUpdate(e.doc));
    s.documents.delete('d');
    expect(s.documents.read('d')).toBeUndefined();
    expect(s.documents.names()).toEqual(['other']);
  });

  it('survives reopening (data is on disk, in WAL mode)', () => {
    const { s, file } = storage();
    const e = editor();
    e.text.insert(0, 'persisted');
    e.updates.forEach((u) => s.documents.append('d', u));
    s.close();
    open.pop();
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
    const again = storage(file).s;
    expect(textOf(again.documents.load('d'))).toBe('persisted');
  });

  it('reports a corrupt log row naming the document and the row, and compaction keeps it', () => {
    const { s, file } = storage();
    const e = editor();
    e.text.insert(0, 'good');
    s.documents.append('d', e.updates[0]!);
    const raw = new Database(file);
    raw.prepare('INSERT INTO document_updates (name, data) VALUES (?, ?)').run('d', Buffer.from('garbage!'));
    raw.close();
    expect(() => s.documents.load('d')).toThrow(CorruptDocumentError);
    expect(() => s.documents.load('d')).toThrow(/update 2 of 2 in the log of document "d" is corrupt/);
    expect(() => s.documents.compact('d')).toThrow(CorruptDocumentError);
    expect(s.documents.logLength('d')).toBe(2);
  });

  it('reports a row that is not binary', () => {
    const { s, file } = storage();
    const raw = new Database(file);
    raw.prepare('INSERT INTO document_snapshots (name, state, updated_at) VALUES (?, ?, ?)').run('d', 'text', 'now');
    raw.close();
    expect(() => s.documents.load('d')).toThrow(/snapshot of document "d" is corrupt: it is not binary/);
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
  /** Every standard belongs to a working group (a foreign key). */
  const withGroup = (s: Storage) => {
    s.groups.create({ id: 'g', name: 'Group', description: '', createdAt: '2026-01-01T00:00:00.000Z' });
    return s;
  };

  it('creates, lists, gets, updates and deletes rows', () => {
    const s = withGroup(storage().s);
    s.standards.create(row('a', 'First'));
    s.standards.create(row('b', 'Second'));
    expect(s.standards.list().map((r) => r.title)).toEqual(['First', 'Second']);
    expect(s.standards.count()).toBe(2);
    const updated = s.standards.update('a', { title: 'Renamed', studyGroup: 'SG17' }, '2026-02-01T00:00:00.000Z');
    expect(updated).toMatchObject({ title: 'Renamed', studyGroup: 'SG17', designation: 'ITU-T F.X' });
    expect(updated!.updatedAt).toBe('2026-02-01T00:00:00.000Z');
    expect(s.standards.update('zzz', { title: 'x' }, 'now')).toBeUndefined();
    expect(s.standards.delete('a')).toBe(true);
    expect(s.standards.delete('a')).toBe(false);
    expect(s.standards.get('a')).toBeUndefined();
    expect(s.standards.get('b')!.title).toBe('Second');
    expect(s.standards.get('b')!.groupId).toBe('g');
  });

  it('rolls back both stores when a transaction fails', () => {
    const s = withGroup(storage().s);
    expect(() =>
      s.transaction(() => {
        s.standards.create(row('a', 'First'));
        s.documents.put('a', new Uint8Array([0, 0]));
        throw new Error('abort');
      })
    ).toThrow('abort');
    expect(s.standards.count()).toBe(0);
    expect(s.documents.read('a')).toBeUndefined();
  });

  it('refuses a database written by a newer version', () => {
    const { s, file } = storage();
    s.close();
    open.pop();
    const raw = new Database(file);
    raw.prepare('INSERT INTO migrations (version, applied_at) VALUES (99, ?)').run('now');
    raw.close();
    expect(() => openSqliteStorage(file)).toThrow(/newer Clausework \(schema version 99/);
  });
});
