import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../server/storage/migrations';
import { openSqliteStorage } from '../../server/storage/sqlite';
import { UniqueViolation, type Storage } from '../../server/storage/types';
import { removeTempDataDirs, tempDataDir } from '../helpers/server';

const open: Storage[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});
afterAll(() => removeTempDataDirs());

function storage(): Storage {
  const s = openSqliteStorage(':memory:');
  open.push(s);
  return s;
}

const T0 = '2026-01-01T00:00:00.000Z';
const user = (id: string, email: string) => ({
  id,
  email,
  name: `User ${id}`,
  passwordHash: '$argon2id$fake',
  createdAt: T0
});

describe('SQLite accounts repository', () => {
  it('stores users and refuses a second account with the same email', async () => {
    const s = storage();
    expect(await s.accounts.createUser(user('u1', 'a@example.org'))).toMatchObject({ id: 'u1', isAdmin: true });
    expect(await s.accounts.userByEmail('a@example.org')).toMatchObject({ id: 'u1', isAdmin: true });
    expect((await s.accounts.userById('u1'))!.email).toBe('a@example.org');
    await expect(s.accounts.createUser(user('u2', 'a@example.org'))).rejects.toThrow(UniqueViolation);
    expect(await s.accounts.userCount()).toBe(1);
    expect(await s.accounts.createUser(user('u3', 'c@example.org'))).toMatchObject({ id: 'u3', isAdmin: false });
    await s.accounts.setPasswordHash('u1', '$argon2id$other');
    expect((await s.accounts.userById('u1'))!.passwordHash).toBe('$argon2id$other');
  });

  it("ends a user's sessions except one, and sweeps expired sessions", async () => {
    const s = storage();
    await s.accounts.createUser(user('u1', 'a@example.org'));
    await s.accounts.createUser(user('u2', 'b@example.org'));
    for (const [id, userId, expiresAt] of [
      ['s1', 'u1', 100],
      ['s2', 'u1', 200],
      ['s3', 'u1', 300],
      ['s4', 'u2', 400]
    ] as const) {
      await s.accounts.createSession({ id, userId, expiresAt, createdAt: T0 });
    }
    expect((await s.accounts.deleteSessionsOf('u1', 's2')).sort()).toEqual(['s1', 's3']);
    expect(await s.accounts.session('s2')).toBeDefined();
    expect(await s.accounts.session('s4')).toBeDefined();
    expect(await s.accounts.deleteExpiredSessions(300)).toBe(1); // s2 (200)
    expect((await s.accounts.session('s4'))!.expiresAt).toBe(400);
    await s.accounts.setSessionExpiry('s4', 900);
    expect((await s.accounts.session('s4'))!.expiresAt).toBe(900);
  });

  it('keeps API tokens by hash and deletes only the owner’s', async () => {
    const s = storage();
    await s.accounts.createUser(user('u1', 'a@example.org'));
    await s.accounts.createUser(user('u2', 'b@example.org'));
    const row = { id: 't1', hash: 'h1', userId: 'u1', name: 'ci', scope: 'read' as const, createdAt: T0, expiresAt: null, lastUsedAt: null };
    await s.accounts.createApiToken(row);
    expect(await s.accounts.apiTokenByHash('h1')).toEqual(row);
    await s.accounts.touchApiToken('t1', '2026-01-02T00:00:00.000Z');
    expect((await s.accounts.apiTokensOf('u1'))[0]!.lastUsedAt).toBe('2026-01-02T00:00:00.000Z');
    expect(await s.accounts.deleteApiToken('u2', 't1')).toBe(false);
    expect(await s.accounts.deleteApiToken('u1', 't1')).toBe(true);
    expect(await s.accounts.apiTokenByHash('h1')).toBeUndefined();
  });
});

describe('SQLite groups repository', () => {
  it('lists members by role then name, and upserts roles', async () => {
    const s = storage();
    await s.accounts.createUser({ ...user('u1', 'a@example.org'), name: 'Zoe' });
    await s.accounts.createUser({ ...user('u2', 'b@example.org'), name: 'Adam' });
    await s.accounts.createUser({ ...user('u3', 'c@example.org'), name: 'Bea' });
    await s.groups.create({ id: 'g', name: 'SG16 Q5', description: '', createdAt: T0 }, null);
    await s.groups.putMembership({ groupId: 'g', userId: 'u1', role: 'convenor', createdAt: T0 });
    await s.groups.putMembership({ groupId: 'g', userId: 'u2', role: 'reviewer', createdAt: T0 });
    await s.groups.putMembership({ groupId: 'g', userId: 'u3', role: 'reviewer', createdAt: T0 });
    expect((await s.groups.members('g')).map((m) => m.name)).toEqual(['Zoe', 'Adam', 'Bea']);
    await s.groups.putMembership({ groupId: 'g', userId: 'u3', role: 'editor', createdAt: '2027-01-01T00:00:00.000Z' });
    expect(await s.groups.membership('g', 'u3')).toEqual({ groupId: 'g', userId: 'u3', role: 'editor', createdAt: T0 });
    expect((await s.groups.membershipsOf('u3')).map((m) => m.groupId)).toEqual(['g']);
    expect(await s.groups.deleteMembership('g', 'u3')).toBe(true);
    expect(await s.groups.deleteMembership('g', 'u3')).toBe(false);
  });
});

describe('migration 2', () => {
  it('puts standards that existed before into a "Default working group"', async () => {
    const file = join(tempDataDir(), 'db.sqlite');
    const raw = new Database(file);
    raw.exec('CREATE TABLE migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    raw.exec(MIGRATIONS[0]!);
    raw.prepare('INSERT INTO migrations VALUES (1, ?)').run(T0);
    raw
      .prepare('INSERT INTO standards (id, title, designation, series, study_group, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run('old', 'Old standard', '', '', '', T0, T0);
    raw.close();
    const s = openSqliteStorage(file);
    open.push(s);
    expect(s.fresh).toBe(false);
    expect((await s.standards.get('old'))!.groupId).toBe('default');
    expect((await s.groups.get('default'))!.name).toBe('Default working group');
  });
});
