// The Storage contract (server/storage/types.ts), run against both backends: embedded SQLite in a
// temporary directory and PostgreSQL in a throwaway database on 127.0.0.1:5432. Whatever the
// services rely on must hold for both, including under concurrency (two instances, one database).
// `vitest run test/integration/storage-contract.test.ts -t postgres` runs one backend.

import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openPostgresStorage } from '../../server/storage/postgres';
import { openSqliteStorage } from '../../server/storage/sqlite';
import {
  CorruptDocumentError,
  UniqueViolation,
  type ApiTokenRow,
  type InvitationRow,
  type Storage,
  type ThreadRow
} from '../../server/storage/types';
import { createTestDatabase } from '../helpers/postgres';

/** One empty database of a backend, which any number of Storage instances may open. */
interface Fixture {
  open(): Promise<Storage>;
  /** Replaces a stored snapshot with raw bytes, behind the storage's back. */
  corruptSnapshot(name: string, bytes: Uint8Array): Promise<void>;
  /** Records a schema version this code does not know. */
  recordSchemaVersion(version: number): Promise<void>;
  dispose(): Promise<void>;
}

const backends: { name: 'sqlite' | 'postgres'; create(): Promise<Fixture> }[] = [
  {
    name: 'sqlite',
    async create() {
      const dir = mkdtempSync(join(tmpdir(), 'clausework-contract-'));
      const file = join(dir, 'clausework.sqlite');
      const raw = (work: (db: Database.Database) => void) => {
        const db = new Database(file);
        try {
          work(db);
        } finally {
          db.close();
        }
      };
      return {
        open: async () => openSqliteStorage(file),
        async corruptSnapshot(name, bytes) {
          raw((db) => db.prepare('UPDATE document_snapshots SET state = ? WHERE name = ?').run(bytes, name));
        },
        async recordSchemaVersion(version) {
          raw((db) => db.prepare('INSERT INTO migrations (version, applied_at) VALUES (?, ?)').run(version, 'now'));
        },
        async dispose() {
          rmSync(dir, { recursive: true, force: true });
        }
      };
    }
  },
  {
    name: 'postgres',
    async create() {
      const database = await createTestDatabase();
      const raw = async (sql: string, values: unknown[]) => {
        const client = new pg.Client({ connectionString: database.url });
        await client.connect();
        try {
          await client.query(sql, values);
        } finally {
          await client.end();
        }
      };
      return {
        open: () => openPostgresStorage(database.url),
        corruptSnapshot: (name, bytes) =>
          raw('UPDATE document_snapshots SET state = $1 WHERE name = $2', [Buffer.from(bytes), name]),
        recordSchemaVersion: (version) =>
          raw('INSERT INTO migrations (version, applied_at) VALUES ($1, $2)', [version, 'now']),
        dispose: () => database.drop()
      };
    }
  }
];

// ---- Yjs helpers --------------------------------------------------------------------------------

/** A standalone update (its own client) setting one key: any number of them apply in any order. */
function keyUpdate(key: string, value: unknown = key): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('m').set(key, value);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

function keysOf(state: Uint8Array): string[] {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const keys = [...doc.getMap('m').keys()].sort();
  doc.destroy();
  return keys;
}

const GARBAGE = new Uint8Array([0xde, 0xad, 0xbe, 0xef, 1, 2, 3]);

// ---- Row builders -------------------------------------------------------------------------------

let counter = 0;
const id = (prefix: string) => `${prefix}-${++counter}-${Math.random().toString(36).slice(2, 8)}`;
const at = (offsetMs = 0) => new Date(Date.UTC(2025, 0, 1) + offsetMs).toISOString();

function userRow(email = `${id('u')}@example.org`) {
  return { id: id('user'), email, name: `Name ${email}`, passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$x$y', createdAt: at() };
}

async function seedGroupAndUser(storage: Storage) {
  const user = await storage.accounts.createUser(userRow());
  const group = { id: id('group'), name: 'Working group', description: 'WG', createdAt: at() };
  await storage.groups.create(group, { groupId: group.id, userId: user.id, role: 'convenor', createdAt: at() });
  return { user, group };
}

function standardRow(groupId: string, offsetMs = 0) {
  return {
    id: id('std'),
    title: 'Title',
    designation: 'X.1',
    series: 'X',
    studyGroup: 'SG17',
    groupId,
    createdAt: at(offsetMs),
    updatedAt: at(offsetMs)
  };
}

function threadRow(standardId: string, authorId: string, offsetMs = 0): ThreadRow {
  return {
    id: id('thread'),
    standardId,
    anchor: JSON.stringify({ clauseId: 'c1', from: 0, to: 3, quote: 'abc' }),
    type: 'technical',
    authorId,
    body: 'Why?',
    proposedChange: 'Because.',
    createdAt: at(offsetMs),
    resolvedBy: null,
    resolvedAt: null,
    resolutionNote: null,
    reopenedBy: null,
    reopenedAt: null
  };
}

// ---- The contract -------------------------------------------------------------------------------

describe.each(backends)('$name storage', (backend) => {
  let fixture: Fixture;
  const opened: Storage[] = [];
  const open = async () => {
    const storage = await fixture.open();
    opened.push(storage);
    return storage;
  };

  beforeEach(async () => {
    fixture = await backend.create();
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
    await fixture.dispose();
  });

  describe('migrations', () => {
    it('creates the schema once: fresh on the first open only, idempotent on the next', async () => {
      const first = await open();
      expect(first.kind).toBe(backend.name);
      expect(first.fresh).toBe(true);
      await first.documents.put('doc', keyUpdate('a'));
      await first.close();

      const second = await open();
      expect(second.fresh).toBe(false);
      expect(keysOf((await second.documents.load('doc'))!.state)).toEqual(['a']);
    });

    it('migrates once when two instances open an empty database at the same time', async () => {
      const both = await Promise.all([open(), open()]);
      expect(both.map((s) => s.fresh).sort()).toEqual([false, true]);
      await both[0]!.documents.append('doc', keyUpdate('a'));
      expect(await both[1]!.documents.logLength('doc')).toBe(1);
    });

    it('refuses a database written by a newer version, saying so', async () => {
      await (await open()).close();
      await fixture.recordSchemaVersion(99);
      await expect(fixture.open()).rejects.toThrow(/newer Clausework \(schema version 99/);
    });
  });

  describe('documents', () => {
    it('appends, reads, loads and compacts', async () => {
      const storage = await open();
      const docs = storage.documents;
      expect(await docs.read('doc')).toBeUndefined();
      expect(await docs.load('doc')).toBeUndefined();
      expect(await docs.compact('doc')).toBeUndefined();

      await docs.put('doc', keyUpdate('a'));
      await docs.append('doc', keyUpdate('b'));
      const c = keyUpdate('c');
      await docs.append('doc', c);
      const stored = (await docs.read('doc'))!;
      expect(stored.snapshot).toBeInstanceOf(Uint8Array);
      expect(stored.updates).toHaveLength(2);
      expect(stored.updates[0]!.seq).toBeLessThan(stored.updates[1]!.seq);
      expect(Array.from(stored.updates[1]!.data)).toEqual(Array.from(c));
      expect(stored.bytes).toBe(stored.snapshot!.byteLength + stored.updates.reduce((n, u) => n + u.data.byteLength, 0));
      expect(await docs.logLength('doc')).toBe(2);

      const loaded = (await docs.load('doc'))!;
      expect(keysOf(loaded.state)).toEqual(['a', 'b', 'c']);
      expect(loaded.logged).toBe(2);
      expect(loaded.quarantined).toEqual([]);
      expect(loaded.bytes).toBe(stored.bytes);

      const size = await docs.compact('doc');
      expect(size).toBeGreaterThan(0);
      expect(await docs.logLength('doc')).toBe(0);
      const compacted = (await docs.read('doc'))!;
      expect(compacted.updates).toEqual([]);
      expect(compacted.snapshot!.byteLength).toBe(size);
      expect(keysOf((await docs.load('doc'))!.state)).toEqual(['a', 'b', 'c']);
      // Nothing logged since: compacting again changes nothing.
      expect(await docs.compact('doc')).toBe(size);
    });

    it('keeps the bytes it was given', async () => {
      const storage = await open();
      const update = keyUpdate('x', 'é'.repeat(1000));
      await storage.documents.append('doc', update);
      const stored = (await storage.documents.read('doc'))!;
      expect(stored.snapshot).toBeNull();
      expect(Array.from(stored.updates[0]!.data)).toEqual(Array.from(update));
    });

    it('loses no update appended by another instance while compactions run', async () => {
      const compactor = await open();
      const writer = await open();
      await compactor.documents.put('doc', keyUpdate('start'));
      const keys: string[] = ['start'];
      let compactions = 0;
      let writing = true;
      const compacting = (async () => {
        while (writing) {
          await compactor.documents.compact('doc');
          compactions++;
        }
      })();
      for (let batch = 0; batch < 20; batch++) {
        const batchKeys = Array.from({ length: 8 }, (_, i) => `k${batch}-${i}`);
        keys.push(...batchKeys);
        await Promise.all(batchKeys.map((key) => writer.documents.append('doc', keyUpdate(key))));
      }
      writing = false;
      await compacting;
      expect(compactions).toBeGreaterThan(0);
      await compactor.documents.compact('doc');

      const reader = await open();
      expect(await reader.documents.logLength('doc')).toBe(0);
      expect(keysOf((await reader.documents.load('doc'))!.state)).toEqual(keys.sort());
    });

    it('moves a corrupt log entry to quarantine and opens from the good ones', async () => {
      const storage = await open();
      const docs = storage.documents;
      await docs.put('doc', keyUpdate('a'));
      await docs.append('doc', keyUpdate('b'));
      const good = keyUpdate('c');
      await docs.append('doc', GARBAGE);
      await docs.append('doc', good.slice(0, good.length - 3)); // truncated
      await docs.append('doc', good);
      const badSeqs = (await docs.read('doc'))!.updates.slice(1, 3).map((u) => u.seq);

      const loaded = (await docs.load('doc'))!;
      expect(keysOf(loaded.state)).toEqual(['a', 'b', 'c']);
      expect(loaded.logged).toBe(2);
      expect(loaded.quarantined.map((q) => q.seq)).toEqual(badSeqs);
      expect(loaded.quarantined.every((q) => q.name === 'doc' && q.reason.length > 0)).toBe(true);

      expect(await docs.logLength('doc')).toBe(2);
      const kept = await docs.quarantined('doc');
      expect(kept.map((q) => q.seq)).toEqual(badSeqs);
      expect(Array.from(kept[0]!.data)).toEqual(Array.from(GARBAGE));
      expect(kept[0]!.at).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(kept[0]!.reason).toContain('doc');

      // Set aside once: the next load finds a clean log.
      const again = (await docs.load('doc'))!;
      expect(again.quarantined).toEqual([]);
      expect(keysOf(again.state)).toEqual(['a', 'b', 'c']);
      expect(await docs.quarantined('doc')).toHaveLength(2);
    });

    it('compaction sets a corrupt entry aside instead of folding it in or losing the rest', async () => {
      const storage = await open();
      const docs = storage.documents;
      await docs.append('doc', keyUpdate('a'));
      await docs.append('doc', GARBAGE);
      await docs.append('doc', keyUpdate('b'));
      await docs.compact('doc');
      expect(await docs.logLength('doc')).toBe(0);
      expect(keysOf((await docs.load('doc'))!.state)).toEqual(['a', 'b']);
      expect(await docs.quarantined('doc')).toHaveLength(1);
    });

    it('refuses a corrupt snapshot and changes nothing', async () => {
      const storage = await open();
      const docs = storage.documents;
      await docs.put('doc', keyUpdate('a'));
      await docs.append('doc', keyUpdate('b'));
      await fixture.corruptSnapshot('doc', GARBAGE);
      const before = await docs.read('doc');

      await expect(docs.load('doc')).rejects.toBeInstanceOf(CorruptDocumentError);
      await expect(docs.load('doc')).rejects.toThrow(/snapshot of document "doc"/);
      await expect(docs.compact('doc')).rejects.toBeInstanceOf(CorruptDocumentError);
      expect(await docs.read('doc')).toEqual(before);
      expect(await docs.quarantined('doc')).toEqual([]);
    });

    it('puts, replaces, names and deletes documents', async () => {
      const storage = await open();
      const docs = storage.documents;
      await docs.put('b', keyUpdate('one'));
      await docs.append('b', keyUpdate('two'));
      await docs.put('b', keyUpdate('three')); // replaces snapshot and log
      await docs.append('a', keyUpdate('x'));
      expect(await docs.logLength('b')).toBe(0);
      expect(keysOf((await docs.load('b'))!.state)).toEqual(['three']);
      expect(await docs.names()).toEqual(['a', 'b']);

      await docs.append('a', GARBAGE);
      await docs.load('a');
      await docs.delete('a');
      expect(await docs.read('a')).toBeUndefined();
      expect(await docs.quarantined('a')).toEqual([]);
      expect(await docs.names()).toEqual(['b']);
    });
  });

  describe('standards', () => {
    it('lists, gets, updates and counts', async () => {
      const storage = await open();
      const { group } = await seedGroupAndUser(storage);
      const later = standardRow(group.id, 1000);
      const earlier = standardRow(group.id, 0);
      await storage.standards.create(later, keyUpdate('l'));
      await storage.standards.create(earlier, keyUpdate('e'));
      expect(await storage.standards.list()).toEqual([earlier, later]);
      expect(await storage.standards.get(earlier.id)).toEqual(earlier);
      expect(await storage.standards.get('nope')).toBeUndefined();
      expect(await storage.standards.count()).toBe(2);

      const updated = await storage.standards.update(earlier.id, { title: 'New', studyGroup: 'SG2' }, at(5000));
      expect(updated).toEqual({ ...earlier, title: 'New', studyGroup: 'SG2', updatedAt: at(5000) });
      expect(await storage.standards.update('nope', { title: 'x' }, at())).toBeUndefined();
      expect(keysOf((await storage.documents.load(earlier.id))!.state)).toEqual(['e']);
    });

    it('creates the row and its document together, or neither', async () => {
      const storage = await open();
      const { group } = await seedGroupAndUser(storage);
      const orphan = standardRow('no-such-group');
      await expect(storage.standards.create(orphan, keyUpdate('a'))).rejects.toThrow();
      expect(await storage.standards.get(orphan.id)).toBeUndefined();
      expect(await storage.documents.read(orphan.id)).toBeUndefined();

      const row = standardRow(group.id);
      await storage.standards.create(row, keyUpdate('first'));
      await expect(storage.standards.create(row, keyUpdate('second'))).rejects.toThrow();
      expect(keysOf((await storage.documents.load(row.id))!.state)).toEqual(['first']);
    });

    it('deletes the row, its document and its threads together', async () => {
      const storage = await open();
      const { user, group } = await seedGroupAndUser(storage);
      const row = standardRow(group.id);
      const other = standardRow(group.id);
      await storage.standards.create(row, keyUpdate('a'));
      await storage.standards.create(other, keyUpdate('b'));
      await storage.documents.append(row.id, keyUpdate('c'));
      const thread = threadRow(row.id, user.id);
      const kept = threadRow(other.id, user.id);
      await storage.threads.create(thread);
      await storage.threads.create(kept);
      await storage.threads.addReply({ id: id('r'), threadId: thread.id, authorId: user.id, body: 'Yes', createdAt: at() });

      expect(await storage.standards.delete(row.id)).toBe(true);
      expect(await storage.standards.get(row.id)).toBeUndefined();
      expect(await storage.documents.read(row.id)).toBeUndefined();
      expect(await storage.threads.list(row.id)).toEqual([]);
      expect(await storage.threads.get(thread.id)).toBeUndefined();
      expect(await storage.threads.replies([thread.id])).toEqual([]);
      expect(await storage.standards.delete(row.id)).toBe(false);

      expect(await storage.threads.list(other.id)).toEqual([kept]);
      expect(keysOf((await storage.documents.load(other.id))!.state)).toEqual(['b']);
    });
  });

  describe('accounts', () => {
    it('makes exactly one administrator when the first users sign up at once', async () => {
      const storage = await open();
      const other = await open();
      const users = await Promise.all(
        Array.from({ length: 6 }, (_, i) => (i % 2 ? other : storage).accounts.createUser(userRow()))
      );
      expect(users.filter((u) => u.isAdmin)).toHaveLength(1);
      expect(await storage.accounts.userCount()).toBe(6);
      expect((await storage.accounts.createUser(userRow())).isAdmin).toBe(false);
    });

    it('stores users and refuses a taken email with UniqueViolation', async () => {
      const storage = await open();
      const row = userRow('ada@example.org');
      const created = await storage.accounts.createUser(row);
      expect(created).toEqual({ ...row, isAdmin: true });
      expect(await storage.accounts.userById(row.id)).toEqual(created);
      expect(await storage.accounts.userByEmail('ada@example.org')).toEqual(created);
      expect(await storage.accounts.userByEmail('nobody@example.org')).toBeUndefined();

      const duplicate = storage.accounts.createUser(userRow('ada@example.org'));
      await expect(duplicate).rejects.toBeInstanceOf(UniqueViolation);
      await expect(storage.accounts.createUser(userRow('ada@example.org'))).rejects.toThrow(/ada@example.org/);
      expect(await storage.accounts.userCount()).toBe(1);

      await storage.accounts.setPasswordHash(row.id, 'new-hash');
      expect((await storage.accounts.userById(row.id))!.passwordHash).toBe('new-hash');
    });

    it('round-trips sessions', async () => {
      const storage = await open();
      const accounts = storage.accounts;
      const user = await accounts.createUser(userRow());
      const other = await accounts.createUser(userRow());
      const expiresAt = Date.UTC(2030, 5, 1, 12, 0, 0, 123);
      const session = (sid: string, userId = user.id, expires = expiresAt) => ({
        id: sid,
        userId,
        expiresAt: expires,
        createdAt: at()
      });
      await accounts.createSession(session('s1'));
      await accounts.createSession(session('s2'));
      await accounts.createSession(session('s3', user.id, 1000));
      await accounts.createSession(session('o1', other.id));

      expect(await accounts.session('s1')).toEqual(session('s1'));
      expect(typeof (await accounts.session('s1'))!.expiresAt).toBe('number');
      expect(await accounts.session('none')).toBeUndefined();
      await accounts.setSessionExpiry('s1', expiresAt + 1);
      expect((await accounts.session('s1'))!.expiresAt).toBe(expiresAt + 1);

      expect(await accounts.deleteExpiredSessions(2000)).toBe(1);
      expect(await accounts.session('s3')).toBeUndefined();
      expect((await accounts.deleteSessionsOf(user.id, 's1')).sort()).toEqual(['s2']);
      expect(await accounts.session('s1')).toBeDefined();
      expect(await accounts.deleteSessionsOf(user.id)).toEqual(['s1']);
      await accounts.deleteSession('o1');
      expect(await accounts.session('o1')).toBeUndefined();
    });

    it('round-trips API tokens', async () => {
      const storage = await open();
      const accounts = storage.accounts;
      const user = await accounts.createUser(userRow());
      const other = await accounts.createUser(userRow());
      const token = (name: string, offsetMs: number): ApiTokenRow => ({
        id: id('tok'),
        hash: id('hash'),
        userId: user.id,
        name,
        scope: 'read',
        createdAt: at(offsetMs),
        expiresAt: offsetMs ? at(offsetMs + 1000) : null,
        lastUsedAt: null
      });
      const second = token('second', 1000);
      const first = token('first', 0);
      await accounts.createApiToken(second);
      await accounts.createApiToken(first);
      await expect(accounts.createApiToken({ ...token('dup', 0), hash: first.hash })).rejects.toThrow();

      expect(await accounts.apiTokenByHash(first.hash)).toEqual(first);
      expect(await accounts.apiTokenByHash('none')).toBeUndefined();
      expect(await accounts.apiTokensOf(user.id)).toEqual([first, second]);
      await accounts.touchApiToken(first.id, at(9000));
      expect((await accounts.apiTokenByHash(first.hash))!.lastUsedAt).toBe(at(9000));
      expect(await accounts.deleteApiToken(other.id, first.id)).toBe(false);
      expect(await accounts.deleteApiToken(user.id, first.id)).toBe(true);
      expect(await accounts.apiTokensOf(user.id)).toEqual([second]);
    });
  });

  describe('groups', () => {
    it('round-trips groups and memberships in the documented order', async () => {
      const storage = await open();
      const groups = storage.groups;
      const zoe = await storage.accounts.createUser({ ...userRow(), name: 'zoe' });
      const adam = await storage.accounts.createUser({ ...userRow(), name: 'Adam' });
      const bea = await storage.accounts.createUser({ ...userRow(), name: 'bea' });
      const beta = { id: 'g-beta', name: 'beta', description: '', createdAt: at() };
      const alpha = { id: 'g-alpha', name: 'Alpha', description: 'First', createdAt: at() };
      await groups.create(beta, { groupId: beta.id, userId: zoe.id, role: 'convenor', createdAt: at() });
      await groups.create(alpha, { groupId: alpha.id, userId: zoe.id, role: 'observer', createdAt: at(1) });
      expect(await groups.list()).toEqual([alpha, beta]);
      expect(await groups.get(beta.id)).toEqual(beta);
      expect(await groups.get('none')).toBeUndefined();

      await groups.putMembership({ groupId: beta.id, userId: adam.id, role: 'reviewer', createdAt: at(2) });
      await groups.putMembership({ groupId: beta.id, userId: bea.id, role: 'reviewer', createdAt: at(3) });
      const members = await groups.members(beta.id);
      expect(members.map((m) => [m.role, m.name])).toEqual([
        ['convenor', 'zoe'],
        ['reviewer', 'Adam'],
        ['reviewer', 'bea']
      ]);
      expect(members[1]).toEqual({ groupId: beta.id, userId: adam.id, role: 'reviewer', createdAt: at(2), email: adam.email, name: 'Adam' });

      await groups.putMembership({ groupId: beta.id, userId: adam.id, role: 'editor', createdAt: at(9) });
      expect(await groups.membership(beta.id, adam.id)).toEqual({ groupId: beta.id, userId: adam.id, role: 'editor', createdAt: at(2) });
      expect((await groups.membershipsOf(zoe.id)).map((m) => m.groupId)).toEqual([beta.id, alpha.id]);
      expect(await groups.deleteMembership(beta.id, adam.id)).toBe(true);
      expect(await groups.deleteMembership(beta.id, adam.id)).toBe(false);
      expect(await groups.membership(beta.id, adam.id)).toBeUndefined();
      await expect(
        groups.putMembership({ groupId: beta.id, userId: adam.id, role: 'owner' as 'editor', createdAt: at() })
      ).rejects.toThrow();
    });

    it('creates a group and its convenor together, or neither', async () => {
      const storage = await open();
      const group = { id: 'g', name: 'G', description: '', createdAt: at() };
      await expect(
        storage.groups.create(group, { groupId: 'g', userId: 'no-such-user', role: 'convenor', createdAt: at() })
      ).rejects.toThrow();
      expect(await storage.groups.get('g')).toBeUndefined();

      await storage.groups.create(group, null); // the seeded example group has no members yet
      expect(await storage.groups.get('g')).toEqual(group);
      expect(await storage.groups.members('g')).toEqual([]);
    });

    it('round-trips invitations', async () => {
      const storage = await open();
      const { user, group } = await seedGroupAndUser(storage);
      const invitation = (offsetMs: number): InvitationRow => ({
        id: id('inv'),
        hash: id('hash'),
        groupId: group.id,
        role: 'editor',
        createdBy: user.id,
        createdAt: at(offsetMs),
        expiresAt: at(offsetMs + 86_400_000)
      });
      const later = invitation(1000);
      const earlier = invitation(0);
      await storage.groups.createInvitation(later);
      await storage.groups.createInvitation(earlier);
      expect(await storage.groups.invitationByHash(later.hash)).toEqual(later);
      expect(await storage.groups.invitationByHash('none')).toBeUndefined();
      expect(await storage.groups.invitations(group.id)).toEqual([earlier, later]);
      expect(await storage.groups.deleteInvitation(earlier.id)).toBe(true);
      expect(await storage.groups.deleteInvitation(earlier.id)).toBe(false);
      expect(await storage.groups.invitations(group.id)).toEqual([later]);
    });
  });

  describe('threads', () => {
    it('round-trips threads, resolution, reopening and replies', async () => {
      const storage = await open();
      const { user, group } = await seedGroupAndUser(storage);
      const standard = standardRow(group.id);
      await storage.standards.create(standard, keyUpdate('a'));
      const later = threadRow(standard.id, user.id, 1000);
      const earlier = { ...threadRow(standard.id, user.id, 0), type: 'editorial' as const };
      await storage.threads.create(later);
      await storage.threads.create(earlier);
      expect(await storage.threads.list(standard.id)).toEqual([earlier, later]);
      expect(await storage.threads.get(later.id)).toEqual(later);
      expect(await storage.threads.get('none')).toBeUndefined();
      await expect(storage.threads.create({ ...threadRow(standard.id, user.id), type: 'x' as 'general' })).rejects.toThrow();

      await storage.threads.update(later.id, { resolvedBy: user.id, resolvedAt: at(2000), resolutionNote: 'Done' });
      expect(await storage.threads.get(later.id)).toEqual({ ...later, resolvedBy: user.id, resolvedAt: at(2000), resolutionNote: 'Done' });
      await storage.threads.update(later.id, { reopenedBy: user.id, reopenedAt: at(3000), resolvedAt: null, resolvedBy: null });
      expect(await storage.threads.get(later.id)).toEqual({
        ...later,
        resolutionNote: 'Done',
        reopenedBy: user.id,
        reopenedAt: at(3000)
      });

      const reply = (threadId: string, offsetMs: number) => ({ id: id('reply'), threadId, authorId: user.id, body: 'Re', createdAt: at(offsetMs) });
      const r2 = reply(earlier.id, 200);
      const r1 = reply(later.id, 100);
      const r3 = reply(later.id, 300);
      for (const r of [r2, r3, r1]) await storage.threads.addReply(r);
      expect(await storage.threads.replies([later.id, earlier.id])).toEqual([r1, r2, r3]);
      expect(await storage.threads.replies([earlier.id])).toEqual([r2]);
      expect(await storage.threads.replies([])).toEqual([]);
    });
  });
});
