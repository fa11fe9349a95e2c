// Working groups, invitations and access decisions on standards, against a real (in-memory)
// SQLite database.

import { afterEach, describe, expect, it } from 'vitest';
import { accessService } from '../../server/access/access';
import { accountsService } from '../../server/access/accounts';
import { changeHub } from '../../server/access/changes';
import { groupsService, INVITATION_INVALID } from '../../server/access/groups';
import { LoginLimits } from '../../server/access/rate-limit';
import type { Role } from '../../server/access/roles';
import { hashToken } from '../../server/access/tokens';
import { createLogger } from '../../server/log';
import { seedIfEmpty } from '../../server/seed';
import { InputError, type AccessChange, type Actor } from '../../server/services';
import { standardsService } from '../../server/standards';
import { openSqliteStorage } from '../../server/storage/sqlite';
import type { Storage } from '../../server/storage/types';

const DAY = 24 * 60 * 60 * 1000;
const open: Storage[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

function setup() {
  const storage = openSqliteStorage(':memory:');
  open.push(storage);
  const log = createLogger('silent');
  const clock = { t: Date.parse('2026-03-01T12:00:00Z') };
  const now = () => clock.t;
  const changes = changeHub();
  const seen: AccessChange[] = [];
  changes.onChange((c) => seen.push(c));
  const accounts = accountsService({ storage, changes, log, now, limits: new LoginLimits({ perIp: { points: 1000, durationSeconds: 1 } }) });
  const groups = groupsService({ storage, changes, log, now });
  const access = accessService({ storage, groups, changes });
  const standards = standardsService({ storage, log, evict: () => undefined });
  let n = 0;
  const person = async (): Promise<Actor> => {
    n += 1;
    const grant = await accounts.signUp({ email: `p${n}@example.org`, name: `Person ${n}`, password: 'long enough password' }, 'ip');
    return (await accounts.validateSession(grant.token))!.actor;
  };
  return { storage, accounts, groups, access, standards, clock, seen, person };
}

async function statusOf(work: () => unknown): Promise<number | undefined> {
  try {
    await work();
  } catch (e) {
    if (e instanceof InputError) return e.status;
    throw e;
  }
  return undefined;
}

/** An admin, a group made by the admin, and one member per role. */
async function group() {
  const ctx = setup();
  const admin = await ctx.person();
  const g = await ctx.groups.create(admin, { name: 'SG16 Q5 — face recognition' });
  const members = {} as Record<Role, Actor>;
  for (const role of ['convenor', 'editor', 'reviewer', 'observer'] as const) {
    members[role] = await ctx.person();
    await ctx.storage.groups.putMembership({ groupId: g.id, userId: members[role].user.id, role, createdAt: '' });
  }
  const outsider = await ctx.person();
  return { ...ctx, admin, g, members, outsider };
}

describe('working groups', () => {
  it('only the administrator creates them; the creator becomes convenor', async () => {
    const { groups, person, seen } = setup();
    const admin = await person();
    const other = await person();
    expect(admin.user.isAdmin).toBe(true);
    const g = await groups.create(admin, { name: '  SG17 Q10 ', description: 'Identity' });
    expect(g).toMatchObject({ name: 'SG17 Q10', description: 'Identity' });
    expect((await groups.members(admin, g.id)).map((m) => [m.user.id, m.role])).toEqual([[admin.user.id, 'convenor']]);
    expect(seen.at(-1)).toEqual({ kind: 'membership', userId: admin.user.id, groupId: g.id });
    expect(await statusOf(() => groups.create(other, { name: 'Mine' }))).toBe(403);
    expect(await statusOf(() => groups.create(admin, { name: '' }))).toBe(400);
  });

  it('the administrator is convenor of every group, members see only theirs', async () => {
    const { groups, admin, g, members, outsider } = await group();
    const other = await groups.create(admin, { name: 'Another group' });
    expect(await groups.roleOf(admin.user.id, g.id)).toBe('convenor');
    expect((await groups.listFor(admin)).map((x) => x.id).sort()).toEqual([g.id, other.id].sort());
    expect(await groups.listFor(members.reviewer)).toEqual([{ ...g, role: 'reviewer' }]);
    expect(await groups.listFor(outsider)).toEqual([]);
    expect(await groups.roleOf(outsider.user.id, g.id)).toBeUndefined();
    expect(await groups.roleOf(admin.user.id, 'g-missing')).toBeUndefined();
    expect(await statusOf(() => groups.members(outsider, g.id))).toBe(403);
    expect(await statusOf(() => groups.members(members.observer, 'g-missing'))).toBe(404);
    expect(await groups.members(members.observer, g.id)).toHaveLength(5);
  });

  it('a convenor changes roles and removes members; others cannot', async () => {
    const { groups, g, members, seen } = await group();
    expect(await statusOf(() => groups.setRole(members.editor, g.id, members.reviewer.user.id, 'editor'))).toBe(403);
    await groups.setRole(members.convenor, g.id, members.reviewer.user.id, 'editor');
    expect(await groups.roleOf(members.reviewer.user.id, g.id)).toBe('editor');
    expect(seen.at(-1)).toEqual({ kind: 'membership', userId: members.reviewer.user.id, groupId: g.id });
    expect(await statusOf(() => groups.setRole(members.convenor, g.id, members.editor.user.id, 'boss' as Role))).toBe(400);
    await groups.removeMember(members.convenor, g.id, members.observer.user.id);
    expect(await groups.roleOf(members.observer.user.id, g.id)).toBeUndefined();
    expect(seen.at(-1)).toEqual({ kind: 'membership', userId: members.observer.user.id, groupId: g.id });
    expect(await statusOf(() => groups.removeMember(members.convenor, g.id, members.observer.user.id))).toBe(404);
    // Anyone may leave.
    await groups.removeMember(members.editor, g.id, members.editor.user.id);
    expect(await groups.roleOf(members.editor.user.id, g.id)).toBeUndefined();
  });

  it('keeps at least one convenor', async () => {
    const { groups, admin, g, members } = await group();
    // Two convenors (the admin who created it, and members.convenor): one may go.
    await groups.removeMember(admin, g.id, admin.user.id);
    expect(await statusOf(() => groups.removeMember(admin, g.id, members.convenor.user.id))).toBe(409);
    expect(await statusOf(() => groups.setRole(members.convenor, g.id, members.convenor.user.id, 'editor'))).toBe(409);
    expect(await statusOf(() => groups.removeMember(members.convenor, g.id, members.convenor.user.id))).toBe(409);
    await groups.setRole(members.convenor, g.id, members.editor.user.id, 'convenor');
    await groups.setRole(members.editor, g.id, members.convenor.user.id, 'observer');
    expect(await groups.roleOf(members.convenor.user.id, g.id)).toBe('observer');
  });
});

describe('invitations', () => {
  it('a link adds whoever opens it with its role, until it expires (several people may use it)', async () => {
    const { groups, g, members, person, clock, seen, storage } = await group();
    const { token, invitation } = await groups.invite(members.convenor, g.id, 'reviewer', 2);
    expect((await storage.groups.invitationByHash(hashToken(token)))!.id).toBe(invitation.id);
    expect(await storage.groups.invitationByHash(token)).toBeUndefined();
    expect(await groups.describeInvitation(token)).toMatchObject({ group: { id: g.id }, role: 'reviewer' });
    const ana = await person();
    const bo = await person();
    expect(await groups.accept(ana, token)).toMatchObject({ group: { id: g.id }, role: 'reviewer' });
    expect(seen.at(-1)).toEqual({ kind: 'membership', userId: ana.user.id, groupId: g.id });
    await groups.accept(bo, token);
    expect(await groups.roleOf(bo.user.id, g.id)).toBe('reviewer');
    expect(await statusOf(() => groups.accept(ana, token))).toBe(409);

    clock.t += 2 * DAY;
    const late = await person();
    expect(await groups.describeInvitation(token)).toBeUndefined();
    expect(await statusOf(() => groups.accept(late, token))).toBe(404);
    await expect(groups.accept(late, token)).rejects.toThrow(INVITATION_INVALID);
    expect(await groups.invitations(members.convenor, g.id)).toEqual([]);
  });

  it('expire in 1 to 30 days (7 by default), can be revoked, and only convenors make them', async () => {
    const { groups, g, members, outsider, clock } = await group();
    expect(await statusOf(() => groups.invite(members.editor, g.id, 'editor', 7))).toBe(403);
    expect(await statusOf(() => groups.invite(members.convenor, g.id, 'editor', 31))).toBe(400);
    expect(await statusOf(() => groups.invite(members.convenor, g.id, 'editor', 0))).toBe(400);
    const { token, invitation } = await groups.invite(members.convenor, g.id, 'editor', undefined as unknown as number);
    expect(Date.parse(invitation.expiresAt) - clock.t).toBe(7 * DAY);
    expect((await groups.invitations(members.convenor, g.id)).map((i) => i.id)).toEqual([invitation.id]);
    expect(await statusOf(() => groups.invitations(members.editor, g.id))).toBe(403);
    await groups.revokeInvitation(members.convenor, g.id, invitation.id);
    expect(await statusOf(() => groups.revokeInvitation(members.convenor, g.id, invitation.id))).toBe(404);
    expect(await statusOf(() => groups.accept(outsider, token))).toBe(404);
    expect(await statusOf(() => groups.accept(outsider, 'made-up'))).toBe(404);
  });
});

describe('access to a standard', () => {
  it('follows the role in the standard’s group', async () => {
    const { access, standards, admin, g, members, outsider } = await group();
    const std = await standards.create({ title: 'Face recognition', designation: '', series: '', studyGroup: '', groupId: g.id });
    expect(std.groupId).toBe(g.id);
    expect(await access.roleOn(admin, std.id)).toBe('convenor');
    expect(await access.roleOn(members.reviewer, std.id)).toBe('reviewer');
    expect(await access.roleOn(outsider, std.id)).toBeUndefined();

    expect(await access.require(members.editor, std.id, 'edit')).toBe('editor');
    expect(await access.require(members.reviewer, std.id, 'comment')).toBe('reviewer');
    expect(await statusOf(() => access.require(members.reviewer, std.id, 'edit'))).toBe(403);
    await expect(access.require(members.reviewer, std.id, 'edit')).rejects.toThrow(/Reviewer.*edit/);
    expect(await statusOf(() => access.require(members.observer, std.id, 'comment'))).toBe(403);
    expect(await statusOf(() => access.require(members.editor, std.id, 'manage'))).toBe(403);
    expect(await statusOf(() => access.require(outsider, std.id, 'read'))).toBe(403);
    expect(await statusOf(() => access.require(members.editor, 'no-such-standard', 'read'))).toBe(404);
    await expect(access.require(members.editor, 'no-such-standard', 'read')).rejects.toThrow('No standard with id "no-such-standard".');
  });

  it('API tokens only read', async () => {
    const { access, standards, accounts, g, members } = await group();
    const std = await standards.create({ title: 'Face recognition', designation: '', series: '', studyGroup: '', groupId: g.id });
    const { token } = await accounts.createApiToken(members.convenor.user.id, 'ci');
    const viaToken = (await accounts.validateApiToken(token))!;
    expect(await access.require(viaToken, std.id, 'read')).toBe('convenor');
    await expect(access.require(viaToken, std.id, 'edit')).rejects.toThrow('API tokens are read-only.');
    expect(await statusOf(() => access.require(viaToken, std.id, 'comment'))).toBe(403);
  });

  it('ends with membership, and listeners hear of it', async () => {
    const { access, groups, standards, g, members } = await group();
    const std = await standards.create({ title: 'T', designation: '', series: '', studyGroup: '', groupId: g.id });
    const heard: AccessChange[] = [];
    const stop = access.onChange((c) => heard.push(c));
    await groups.removeMember(members.convenor, g.id, members.editor.user.id);
    stop();
    await groups.removeMember(members.convenor, g.id, members.reviewer.user.id);
    expect(heard).toEqual([{ kind: 'membership', userId: members.editor.user.id, groupId: g.id }]);
    expect(await statusOf(() => access.require(members.editor, std.id, 'read'))).toBe(403);
  });
});

describe('standards in groups', () => {
  it('need an existing group, and never move', async () => {
    const { standards, g } = await group();
    const input = { title: 'T', designation: '', series: '', studyGroup: '' };
    expect(await statusOf(() => standards.create(input))).toBe(400);
    expect(await statusOf(() => standards.create({ ...input, groupId: 'g-missing' }))).toBe(404);
    const std = await standards.create({ ...input, groupId: g.id });
    expect(await statusOf(() => standards.update(std.id, { groupId: 'other' }))).toBe(400);
    expect((await standards.update(std.id, { title: 'Renamed', groupId: g.id })).title).toBe('Renamed');
  });

  it('a new database gets the example standard in the "Example working group"', async () => {
    const { storage, standards } = setup();
    await seedIfEmpty(storage, standards.createFrom, createLogger('silent'));
    const [example] = await standards.list();
    expect(example!.groupId).toBe('example');
    expect((await storage.groups.get('example'))!.name).toBe('Example working group');
  });
});
