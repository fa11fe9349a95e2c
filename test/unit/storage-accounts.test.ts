import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../server/storage/migrations';
import { openSqliteStorage } from '../../server/storage/sqlite';
import { UniqueViolation, type Storage } from '../../server/storage/types';
import { removeTempDataDirs, tempDataDir } from '../helpers/server';

const open: Storage[] = [];
afterEach(() => open.splice(0).forEach((s) => s.close()));
afterAll(() => removeTempDataDirs());

function storage(): Storage {
  const s = openSqliteStorage(':memory:');
  open.push(s);
  return s;
}

const T0 = '2026-01-01T00:00:00.000Z';
const user = (id: string, email: string, isAdmin = false) => ({
  id,
  email,
  name: `User ${id}`,
  passwordHash: '$argon2id$fake',
  isAdmin,
  createdAt: T0
});

describe('SQLite accounts repository', () => {
  it('stores users and refuses a second account with the same email', () => {
    const s = storage();
    s.accounts.createUser(user('u1', 'a@example.org', true));
    expect(s.accounts.userByEmail('a@example.org')).toMatchObject({ id: 'u1', isAdmin: true });
    expect(s.accounts.userById('u1')!.email).toBe('a@example.org');
    expect(() => s.accounts.createUser(user('u2', 'a@example.org'))).toThrow(UniqueViolation);
    expect(s.accounts.userCount()).toBe(1);
    s.accounts.setPasswordHash('u1', '$argon2id$other');
    expect(s.accounts.userById('u1')!.passwordHash).toBe('$argon2id$other');
  });

  it("ends a user's sessions except one, and sweeps expired sessions", () => {
    const s = storage();
    s.accounts.createUser(user('u1', 'a@example.org'));
    s.accounts.createUser(user('u2', 'b@example.org'));
    for (const [id, userId, expiresAt] of [
      ['s1', 'u1', 100],
      ['s2', 'u1', 200],
      ['s3', 'u1', 300],
      ['s4', 'u2', 400]
    ] as const) {
      s.accounts.createSession({ id, userId, expiresAt, createdAt: T0 });
    }
    expect(s.accounts.deleteSessionsOf('u1', 's2').sort()).toEqual(['s1', 's3']);
    expect(s.accounts.session('s2')).toBeDefined();
    expect(s.accounts.session('s4')).toBeDefined();
    expect(s.accounts.deleteExpiredSessions(300)).toBe(1); // s2 (200)
    expect(s.accounts.session('s4')!.expiresAt).toBe(400);
    s.accounts.setSessionExpiry('s4', 900);
    expect(s.accounts.session('s4')!.expiresAt).toBe(900);
  });

  it('keeps API tokens by hash and deletes only the owner’s', () => {
    const s = storage();
    s.accounts.createUser(user('u1', 'a@example.org'));
    s.accounts.createUser(user('u2', 'b@example.org'));
    const row = { id: 't1', hash: 'h1', userId: 'u1', name: 'ci', scope: 'read' as const, createdAt: T0, expiresAt: null, lastUsedAt: null };
    s.accounts.createApiToken(row);
    expect(s.accounts.apiTokenByHash('h1')).toEqual(row);
    s.accounts.touchApiToken('t1', '2026-01-02T00:00:00.000Z');
    expect(s.accounts.apiTokensOf('u1')[0]!.lastUsedAt).toBe('2026-01-02T00:00:00.000Z');
    expect(s.accounts.deleteApiToken('u2', 't1')).toBe(false);
    expect(s.accounts.deleteApiToken('u1', 't1')).toBe(true);
    expect(s.accounts.apiTokenByHash('h1')).toBeUndefined();
  });
});

describe('SQLite groups repository', () => {
  it('lists members by role then name, and upserts roles', () => {
    const s = storage();
    s.accounts.createUser({ ...user('u1', 'a@example.org'), name: 'Zoe' });
    s.accounts.createUser({ ...user('u2', 'b@example.org'), name: 'Adam' });
    s.accounts.createUser({ ...user('u3', 'c@example.org'), name: 'Bea' });
    s.groups.create({ id: 'g', name: 'SG16 Q5', description: '', createdAt: T0 });
    s.groups.putMembership({ groupId: 'g', userId: 'u1', role: 'convenor', createdAt: T0 });
    s.groups.putMembership({ groupId: 'g', userId: 'u2', role: 'reviewer', createdAt: T0 });
    s.groups.putMembership({ groupId: 'g', userId: 'u3', role: 'reviewer', createdAt: T0 });
    expect(s.groups.members('g').map((m) => m.name)).toEqual(['Zoe', 'Adam', 'Bea']);
    s.groups.putMembership({ groupId: 'g', userId: 'u3', role: 'editor', createdAt: '2027-01-01T00:00:00.000Z' });
    expect(s.groups.membership('g', 'u3')).toEqual({ groupId: 'g', userId: 'u3', role: 'editor', createdAt: T0 });
    expect(s.groups.membershipsOf('u3').map((m) => m.groupId)).toEqual(['g']);
    expect(s.groups.deleteMembership('g', 'u3')).toBe(true);
    expect(s.groups.deleteMembership('g', 'u3')).toBe(false);
  });
});

describe('migration 2', () => {
  it('puts standards that existed before into a "Default working group"', () => {
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
    expect(s.standards.get('old')!.groupId).toBe('default');
    expect(s.groups.get('default')!.name).toBe('Default working group');
  });
});
