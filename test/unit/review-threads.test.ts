// The threads service over real SQLite storage and the real access rules: who may open, answer,
// resolve and reopen a thread, what is validated, and how rows become `Thread`s.

import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../server/config';
import { createLogger } from '../../server/log';
import { openStorage } from '../../server/storage/open';
import type { Storage } from '../../server/storage/types';
import { standardsService } from '../../server/standards';
import { accessService } from '../../server/access/access';
import { changeHub } from '../../server/access/changes';
import { groupsService } from '../../server/access/groups';
import type { Role } from '../../server/access/roles';
import { threadsService } from '../../server/review/threads';
import { InputError, type Actor, type ThreadsService } from '../../server/services';
import type { NewThread } from '../../clauses/review';

const log = createLogger('silent');
const opened: { storage: Storage; dir: string }[] = [];

afterEach(() => {
  for (const { storage, dir } of opened.splice(0)) {
    storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

let userCount = 0;

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'clausework-threads-'));
  const storage = openStorage(loadConfig({ DATA_DIR: dir }));
  opened.push({ storage, dir });
  const changes = changeHub();
  const groups = groupsService({ storage, changes, log });
  const access = accessService({ storage, groups, changes });
  const threads = threadsService({ storage, access, log });
  const now = new Date().toISOString();
  storage.groups.create({ id: 'g1', name: 'SG17 Q10', description: '', createdAt: now });
  storage.groups.create({ id: 'g2', name: 'Another group', description: '', createdAt: now });
  const standards = standardsService({ storage, log, evict: () => undefined });
  const standard = standards.create({ title: 'T', designation: 'X.1', series: 'X', studyGroup: 'SG17', groupId: 'g1' });
  const other = standards.create({ title: 'U', designation: 'X.2', series: 'X', studyGroup: 'SG17', groupId: 'g2' });

  /** A user with a role in g1 (or none); the first user made is not an administrator here. */
  const person = (name: string, role?: Role, scope: Actor['scope'] = 'full'): Actor => {
    userCount += 1;
    const id = `u-${userCount}`;
    storage.accounts.createUser({ id, email: `${id}@example.test`, name, passwordHash: 'x', isAdmin: false, createdAt: now });
    if (role) storage.groups.putMembership({ groupId: 'g1', userId: id, role, createdAt: now });
    return {
      user: { id, email: `${id}@example.test`, name, isAdmin: false, createdAt: now },
      via: scope === 'full' ? 'session' : 'token',
      scope,
      credentialId: `cred-${id}`
    };
  };
  return { storage, threads, standard, other, person };
}

const comment = (overrides: Partial<NewThread> = {}): NewThread => ({
  anchor: { clauseId: 'c-scope', quote: 'the scope' },
  type: 'technical',
  body: 'This is too broad.',
  proposedChange: 'Limit it to face recognition.',
  ...overrides
});

function refusal(work: () => unknown): InputError {
  try {
    work();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('threads service', () => {
  it('a reviewer opens a thread; everyone sees it with names resolved', () => {
    const { threads, standard, person } = setup();
    const reviewer = person('Rita Reviewer', 'reviewer');
    const thread = threads.create(reviewer, standard.id, comment());
    expect(thread).toMatchObject({
      standardId: standard.id,
      anchor: { clauseId: 'c-scope', quote: 'the scope' },
      type: 'technical',
      status: 'open',
      author: { id: reviewer.user.id, name: 'Rita Reviewer' },
      body: 'This is too broad.',
      proposedChange: 'Limit it to face recognition.',
      replies: []
    });
    expect(thread.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(threads.list(standard.id)).toEqual([thread]);
  });

  it('observers, outsiders and API tokens may not comment; unknown standards are 404', () => {
    const { threads, standard, person } = setup();
    expect(refusal(() => threads.create(person('Olga', 'observer'), standard.id, comment())).status).toBe(403);
    expect(refusal(() => threads.create(person('Outsider'), standard.id, comment())).status).toBe(403);
    expect(refusal(() => threads.create(person('Tool', 'editor', 'read'), standard.id, comment())).status).toBe(403);
    expect(refusal(() => threads.create(person('Ed', 'editor'), 'no-such-standard', comment())).status).toBe(404);
  });

  it('validates the thread and names the field', () => {
    const { threads, standard, person } = setup();
    const editor = person('Ed', 'editor');
    const bad = (input: unknown) => refusal(() => threads.create(editor, standard.id, input as NewThread));
    expect(bad(comment({ type: 'nit' as never })).message).toMatch(/type must be one of/);
    expect(bad(comment({ body: ' ' })).message).toMatch(/body must be some text/);
    expect(bad({ ...comment(), resolved: true }).message).toMatch(/resolved is not a known field/);
    expect(bad(comment({ anchor: { clauseId: 'c', start: { item: { client: 1, clock: 2 } }, end: 'x' } })).message).toMatch(/anchor\.end/);
    expect(bad(comment({ body: '' })).status).toBe(400);
  });

  it('anyone who may comment replies; replies come back in order with their authors', () => {
    const { threads, standard, person } = setup();
    const reviewer = person('Rita', 'reviewer');
    const editor = person('Ed', 'editor');
    const { id } = threads.create(reviewer, standard.id, comment());
    threads.reply(editor, id, 'Which part?');
    const answered = threads.reply(reviewer, id, '  Clause 1.  ');
    expect(answered.replies.map((r) => [r.author.name, r.body])).toEqual([
      ['Ed', 'Which part?'],
      ['Rita', 'Clause 1.']
    ]);
    expect(refusal(() => threads.reply(person('Olga', 'observer'), id, 'me too')).status).toBe(403);
    expect(refusal(() => threads.reply(editor, 'nope', 'x')).status).toBe(404);
    expect(refusal(() => threads.reply(editor, id, '')).status).toBe(400);
  });

  it('a reviewer cannot resolve someone else’s thread; an editor can, with a note; the author can reopen', () => {
    const { threads, standard, person } = setup();
    const rita = person('Rita', 'reviewer');
    const rob = person('Rob', 'reviewer');
    const ed = person('Ed', 'editor');
    const { id } = threads.create(rita, standard.id, comment());
    expect(refusal(() => threads.resolve(rob, id)).status).toBe(403);
    const resolved = threads.resolve(ed, id, 'Accepted; see draft 4.');
    expect(resolved.status).toBe('resolved');
    expect(resolved.resolution).toMatchObject({ by: { id: ed.user.id, name: 'Ed' }, note: 'Accepted; see draft 4.' });
    expect(refusal(() => threads.resolve(ed, id)).status).toBe(409);
    expect(refusal(() => threads.reopen(rob, id)).status).toBe(403);
    const reopened = threads.reopen(rita, id);
    expect(reopened.status).toBe('open');
    expect(reopened.resolution).toBeUndefined();
    expect(reopened.reopened).toMatchObject({ by: { id: rita.user.id, name: 'Rita' } });
    expect(refusal(() => threads.reopen(rita, id)).status).toBe(409);
    // The author resolves their own thread (e.g. withdrawn), without a note.
    expect(threads.resolve(rita, id).resolution).toMatchObject({ by: { name: 'Rita' }, note: '' });
  });

  it('an author who became an observer can no longer resolve their own thread', () => {
    const { storage, threads, standard, person } = setup();
    const rita = person('Rita', 'reviewer');
    const { id } = threads.create(rita, standard.id, comment());
    storage.groups.putMembership({ groupId: 'g1', userId: rita.user.id, role: 'observer', createdAt: new Date().toISOString() });
    expect(refusal(() => threads.resolve(rita, id)).status).toBe(403);
  });

  it('threads are per standard; a member of another group cannot touch them', () => {
    const { threads, standard, other, person } = setup();
    const ed = person('Ed', 'editor');
    const { id } = threads.create(ed, standard.id, comment());
    expect(threads.list(other.id)).toEqual([]);
    const stranger = person('Stranger');
    expect(refusal(() => threads.reply(stranger, id, 'hi')).status).toBe(403);
    expect(refusal(() => threads.resolve(stranger, id)).status).toBe(403);
  });

  it('keeps a relative-position anchor as given', () => {
    const { threads, standard, person } = setup();
    const anchor = { clauseId: 'c', blockId: 'p-1', start: { type: { client: 3, clock: 9 }, item: { client: 3, clock: 12 }, assoc: 0 }, end: { tname: 'default', assoc: -1 }, quote: 'q' };
    const created: ThreadsService['create'] = threads.create;
    const thread = created(person('Ed', 'editor'), standard.id, comment({ anchor }));
    expect(threads.list(standard.id)[0]!.anchor).toEqual(anchor);
    expect(thread.anchor).toEqual(anchor);
  });
});
