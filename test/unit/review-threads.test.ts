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

afterEach(async () => {
  for (const { storage, dir } of opened.splice(0)) {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

let userCount = 0;

async function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'clausework-threads-'));
  const storage = await openStorage(loadConfig({ DATA_DIR: dir }));
  opened.push({ storage, dir });
  const changes = changeHub();
  const groups = groupsService({ storage, changes, log });
  const access = accessService({ storage, groups, changes });
  const threads = threadsService({ storage, access, log });
  const now = new Date().toISOString();
  await storage.groups.create({ id: 'g1', name: 'SG17 Q10', description: '', createdAt: now }, null);
  await storage.groups.create({ id: 'g2', name: 'Another group', description: '', createdAt: now }, null);
  // The first account is the administrator (convenor everywhere): the people below come after it.
  await storage.accounts.createUser({ id: `admin-${++userCount}`, email: `admin-${userCount}@example.test`, name: 'Admin', passwordHash: 'x', createdAt: now });
  const standards = standardsService({ storage, log, evict: () => undefined });
  const standard = await standards.create({ title: 'T', designation: 'X.1', series: 'X', studyGroup: 'SG17', groupId: 'g1' });
  const other = await standards.create({ title: 'U', designation: 'X.2', series: 'X', studyGroup: 'SG17', groupId: 'g2' });

  /** A user with a role in g1 (or none); the first user made is not an administrator here. */
  const person = async (name: string, role?: Role, scope: Actor['scope'] = 'full'): Promise<Actor> => {
    userCount += 1;
    const id = `u-${userCount}`;
    await storage.accounts.createUser({ id, email: `${id}@example.test`, name, passwordHash: 'x', createdAt: now });
    if (role) await storage.groups.putMembership({ groupId: 'g1', userId: id, role, createdAt: now });
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

async function refusal(work: () => unknown): Promise<InputError> {
  try {
    await work();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('threads service', () => {
  it('a reviewer opens a thread; everyone sees it with names resolved', async () => {
    const { threads, standard, person } = await setup();
    const reviewer = await person('Rita Reviewer', 'reviewer');
    const thread = await threads.create(reviewer, standard.id, comment());
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
    expect(await threads.list(standard.id)).toEqual([thread]);
  });

  it('observers, outsiders and API tokens may not comment; unknown standards are 404', async () => {
    const { threads, standard, person } = await setup();
    expect((await refusal(async () => threads.create(await person('Olga', 'observer'), standard.id, comment()))).status).toBe(403);
    expect((await refusal(async () => threads.create(await person('Outsider'), standard.id, comment()))).status).toBe(403);
    expect((await refusal(async () => threads.create(await person('Tool', 'editor', 'read'), standard.id, comment()))).status).toBe(403);
    expect((await refusal(async () => threads.create(await person('Ed', 'editor'), 'no-such-standard', comment()))).status).toBe(404);
  });

  it('validates the thread and names the field', async () => {
    const { threads, standard, person } = await setup();
    const editor = await person('Ed', 'editor');
    const bad = (input: unknown) => refusal(async () => threads.create(editor, standard.id, input as NewThread));
    expect((await bad(comment({ type: 'nit' as never }))).message).toMatch(/type must be one of/);
    expect((await bad(comment({ body: ' ' }))).message).toMatch(/body must be some text/);
    expect((await bad({ ...comment(), resolved: true })).message).toMatch(/resolved is not a known field/);
    expect((await bad(comment({ anchor: { clauseId: 'c', start: { item: { client: 1, clock: 2 } }, end: 'x' } }))).message).toMatch(/anchor\.end/);
    expect((await bad(comment({ body: '' }))).status).toBe(400);
  });

  it('anyone who may comment replies; replies come back in order with their authors', async () => {
    const { threads, standard, person } = await setup();
    const reviewer = await person('Rita', 'reviewer');
    const editor = await person('Ed', 'editor');
    const { id } = await threads.create(reviewer, standard.id, comment());
    await threads.reply(editor, id, 'Which part?');
    const answered = await threads.reply(reviewer, id, '  Clause 1.  ');
    expect(answered.replies.map((r) => [r.author.name, r.body])).toEqual([
      ['Ed', 'Which part?'],
      ['Rita', 'Clause 1.']
    ]);
    expect((await refusal(async () => threads.reply(await person('Olga', 'observer'), id, 'me too'))).status).toBe(403);
    expect((await refusal(async () => threads.reply(editor, 'nope', 'x'))).status).toBe(404);
    expect((await refusal(async () => threads.reply(editor, id, ''))).status).toBe(400);
  });

  it('a reviewer cannot resolve someone else’s thread; an editor can, with a note; the author can reopen', async () => {
    const { threads, standard, person } = await setup();
    const rita = await person('Rita', 'reviewer');
    const rob = await person('Rob', 'reviewer');
    const ed = await person('Ed', 'editor');
    const { id } = await threads.create(rita, standard.id, comment());
    expect((await refusal(async () => threads.resolve(rob, id))).status).toBe(403);
    const resolved = await threads.resolve(ed, id, 'Accepted; see draft 4.');
    expect(resolved.status).toBe('resolved');
    expect(resolved.resolution).toMatchObject({ by: { id: ed.user.id, name: 'Ed' }, note: 'Accepted; see draft 4.' });
    expect((await refusal(async () => threads.resolve(ed, id))).status).toBe(409);
    expect((await refusal(async () => threads.reopen(rob, id))).status).toBe(403);
    const reopened = await threads.reopen(rita, id);
    expect(reopened.status).toBe('open');
    expect(reopened.resolution).toBeUndefined();
    expect(reopened.reopened).toMatchObject({ by: { id: rita.user.id, name: 'Rita' } });
    expect((await refusal(async () => threads.reopen(rita, id))).status).toBe(409);
    // The author resolves their own thread (e.g. withdrawn), without a note.
    expect((await threads.resolve(rita, id)).resolution).toMatchObject({ by: { name: 'Rita' }, note: '' });
  });

  it('an author who became an observer can no longer resolve their own thread', async () => {
    const { storage, threads, standard, person } = await setup();
    const rita = await person('Rita', 'reviewer');
    const { id } = await threads.create(rita, standard.id, comment());
    await storage.groups.putMembership({ groupId: 'g1', userId: rita.user.id, role: 'observer', createdAt: new Date().toISOString() });
    expect((await refusal(async () => threads.resolve(rita, id))).status).toBe(403);
  });

  it('threads are per standard; a member of another group cannot touch them', async () => {
    const { threads, standard, other, person } = await setup();
    const ed = await person('Ed', 'editor');
    const { id } = await threads.create(ed, standard.id, comment());
    expect(await threads.list(other.id)).toEqual([]);
    const stranger = await person('Stranger');
    expect((await refusal(async () => threads.reply(stranger, id, 'hi'))).status).toBe(403);
    expect((await refusal(async () => threads.resolve(stranger, id))).status).toBe(403);
  });

  it('keeps a relative-position anchor as given', async () => {
    const { threads, standard, person } = await setup();
    const anchor = { clauseId: 'c', blockId: 'p-1', start: { type: { client: 3, clock: 9 }, item: { client: 3, clock: 12 }, assoc: 0 }, end: { tname: 'default', assoc: -1 }, quote: 'q' };
    const created: ThreadsService['create'] = threads.create;
    const thread = await created(await person('Ed', 'editor'), standard.id, comment({ anchor }));
    expect((await threads.list(standard.id))[0]!.anchor).toEqual(anchor);
    expect(thread.anchor).toEqual(anchor);
  });
});
