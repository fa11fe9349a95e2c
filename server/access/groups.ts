// The working-groups service (GroupsService in server/services.ts): groups, members and their
// roles, and invitation links.
//
// An invitation link may be used by several people until it expires or is revoked: a convenor
// shares one link with a meeting's participants. Only its SHA-256 is stored.

import type { Logger } from '../log';
import {
  InputError,
  type Actor,
  type GroupsService,
  type Invitation,
  type Member,
  type WorkingGroup
} from '../services';
import type { InvitationRow, Storage } from '../storage/types';
import type { ChangeHub } from './changes';
import { checkDays, checkLine } from './input';
import { can, isRole, ROLE_LABELS, type Role } from './roles';
import { hashToken, newRowId, newToken } from './tokens';

export const INVITATION_INVALID = 'This invitation link is invalid or has expired.';
export const DEFAULT_INVITATION_DAYS = 7;
export const MAX_INVITATION_DAYS = 30;
const MAX_GROUP_NAME = 200;
const MAX_DESCRIPTION = 2000;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface GroupsDeps {
  storage: Storage;
  changes: ChangeHub;
  log: Logger;
  now?: () => number;
}

export function groupsService({ storage, changes, log, now = Date.now }: GroupsDeps): GroupsService {
  const repo = storage.groups;

  const group = async (groupId: string): Promise<WorkingGroup> => {
    const row = typeof groupId === 'string' ? await repo.get(groupId) : undefined;
    if (!row) throw new InputError(`No working group with id "${String(groupId)}".`, 404);
    return row;
  };

  const roleOf = async (userId: string, groupId: string): Promise<Role | undefined> => {
    if (!(await repo.get(groupId))) return undefined;
    if ((await storage.accounts.userById(userId))?.isAdmin) return 'convenor';
    return (await repo.membership(groupId, userId))?.role;
  };

  /** The actor's role in an existing group, or 403; `manage` also refuses read-only tokens. */
  const requireRole = async (actor: Actor, groupId: string, manage: boolean): Promise<Role> => {
    await group(groupId);
    const role = await roleOf(actor.user.id, groupId);
    if (!role) throw new InputError('You are not a member of this working group.', 403);
    if (!manage) return role;
    if (actor.scope !== 'full') throw new InputError('API tokens are read-only.', 403);
    if (!can(role, 'manage')) {
      throw new InputError(`Your role (${ROLE_LABELS[role]}) does not allow managing this working group; ask a convenor.`, 403);
    }
    return role;
  };

  /** Refuses a change that would leave the group without a convenor. */
  const keepAConvenor = async (groupId: string, userId: string) => {
    const convenors = (await repo.members(groupId)).filter((m) => m.role === 'convenor');
    if (convenors.length === 1 && convenors[0]!.userId === userId) {
      throw new InputError('A working group needs at least one convenor: appoint another convenor first.', 409);
    }
  };

  const liveInvitation = async (token: unknown): Promise<InvitationRow | undefined> => {
    if (typeof token !== 'string' || token === '') return undefined;
    const row = await repo.invitationByHash(hashToken(token));
    return row && Date.parse(row.expiresAt) > now() ? row : undefined;
  };

  const changed = (userId: string, groupId: string) => changes.emit({ kind: 'membership', userId, groupId });

  return {
    async listFor(actor) {
      if (actor.user.isAdmin) return (await repo.list()).map((g) => ({ ...g, role: 'convenor' as const }));
      const roles = new Map((await repo.membershipsOf(actor.user.id)).map((m) => [m.groupId, m.role]));
      return (await repo.list()).flatMap((g) => {
        const role = roles.get(g.id);
        return role ? [{ ...g, role }] : [];
      });
    },

    get: async (id) => (typeof id === 'string' ? repo.get(id) : undefined),

    async create(actor, input) {
      if (!actor.user.isAdmin) throw new InputError('Only the administrator can create working groups.', 403);
      if (actor.scope !== 'full') throw new InputError('API tokens are read-only.', 403);
      const name = checkLine(input?.name, 'The group name', MAX_GROUP_NAME);
      const description = checkDescription(input?.description);
      const createdAt = new Date(now()).toISOString();
      const row: WorkingGroup = { id: newRowId('g'), name, description, createdAt };
      await repo.create(row, { groupId: row.id, userId: actor.user.id, role: 'convenor', createdAt });
      log.info('group.created', { groupId: row.id, by: actor.user.id });
      changed(actor.user.id, row.id);
      return row;
    },

    async members(actor, groupId) {
      await requireRole(actor, groupId, false);
      return (await repo.members(groupId)).map(
        (m): Member => ({ user: { id: m.userId, email: m.email, name: m.name }, role: m.role, since: m.createdAt })
      );
    },

    roleOf,

    async setRole(actor, groupId, userId, role) {
      await requireRole(actor, groupId, true);
      if (!isRole(role)) throw new InputError(`"${String(role)}" is not a role: use convenor, editor, reviewer or observer.`);
      const current = await repo.membership(groupId, userId);
      if (!current) throw new InputError('That person is not a member of this working group.', 404);
      if (current.role === role) return;
      if (current.role === 'convenor') await keepAConvenor(groupId, userId);
      await repo.putMembership({ ...current, role });
      log.info('group.role_changed', { groupId, userId, role, by: actor.user.id });
      changed(userId, groupId);
    },

    async removeMember(actor, groupId, userId) {
      // Anyone may leave a group; removing someone else takes a convenor.
      await requireRole(actor, groupId, actor.user.id !== userId);
      if (actor.scope !== 'full') throw new InputError('API tokens are read-only.', 403);
      const current = await repo.membership(groupId, userId);
      if (!current) throw new InputError('That person is not a member of this working group.', 404);
      if (current.role === 'convenor') await keepAConvenor(groupId, userId);
      await repo.deleteMembership(groupId, userId);
      log.info('group.member_removed', { groupId, userId, by: actor.user.id });
      changed(userId, groupId);
    },

    async invite(actor, groupId, role, expiresInDays) {
      await requireRole(actor, groupId, true);
      if (!isRole(role)) throw new InputError(`"${String(role)}" is not a role: use convenor, editor, reviewer or observer.`);
      const days = checkDays(expiresInDays, 'The invitation expiry', 1, MAX_INVITATION_DAYS, DEFAULT_INVITATION_DAYS)!;
      const token = newToken();
      const at = now();
      const row: InvitationRow = {
        id: newRowId('i'),
        hash: hashToken(token),
        groupId,
        role,
        createdBy: actor.user.id,
        createdAt: new Date(at).toISOString(),
        expiresAt: new Date(at + days * DAY_MS).toISOString()
      };
      await repo.createInvitation(row);
      log.info('group.invitation_created', { groupId, invitationId: row.id, role, by: actor.user.id });
      return { token, invitation: toInvitation(row) };
    },

    async invitations(actor, groupId) {
      await requireRole(actor, groupId, true);
      const at = now();
      return (await repo.invitations(groupId))
        .filter((row) => Date.parse(row.expiresAt) > at)
        .map(toInvitation);
    },

    async revokeInvitation(actor, groupId, invitationId) {
      await requireRole(actor, groupId, true);
      const found = (await repo.invitations(groupId)).some((row) => row.id === invitationId);
      if (!found || !(await repo.deleteInvitation(invitationId))) {
        throw new InputError(`This working group has no invitation with id "${String(invitationId)}".`, 404);
      }
      log.info('group.invitation_revoked', { groupId, invitationId, by: actor.user.id });
    },

    async describeInvitation(token) {
      const row = await liveInvitation(token);
      const target = row && (await repo.get(row.groupId));
      return row && target ? { group: target, role: row.role, expiresAt: row.expiresAt } : undefined;
    },

    async accept(actor, token) {
      if (actor.scope !== 'full') throw new InputError('API tokens are read-only.', 403);
      const row = await liveInvitation(token);
      const target = row && (await repo.get(row.groupId));
      if (!row || !target) throw new InputError(INVITATION_INVALID, 404);
      const existing = await repo.membership(row.groupId, actor.user.id);
      if (existing) {
        throw new InputError(`You are already a member of ${target.name} (as ${ROLE_LABELS[existing.role]}).`, 409);
      }
      await repo.putMembership({ groupId: row.groupId, userId: actor.user.id, role: row.role, createdAt: new Date(now()).toISOString() });
      log.info('group.invitation_accepted', { groupId: row.groupId, invitationId: row.id, userId: actor.user.id });
      changed(actor.user.id, row.groupId);
      return { group: target, role: row.role };
    }
  };
}

function checkDescription(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new InputError('The description must be text.');
  const text = value.trim();
  if ([...text].length > MAX_DESCRIPTION) {
    throw new InputError(`The description is too long: at most ${MAX_DESCRIPTION} characters.`);
  }
  return text;
}

function toInvitation(row: InvitationRow): Invitation {
  return {
    id: row.id,
    groupId: row.groupId,
    role: row.role,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt
  };
}
