// Working groups, memberships and invitations in SQLite (GroupsRepository in ./types).

import type Database from 'better-sqlite3';
import type { GroupRow, GroupsRepository, InvitationRow, MembershipRow } from './types';

interface MembershipRecord {
  group_id: string;
  user_id: string;
  role: MembershipRow['role'];
  created_at: string;
}

interface InvitationRecord {
  id: string;
  hash: string;
  group_id: string;
  role: MembershipRow['role'];
  created_by: string;
  created_at: string;
  expires_at: string;
}

const GROUP_COLUMNS = 'id, name, description, created_at AS createdAt';
/** Convenors first, then editors, reviewers, observers: the order a member list is read in. */
const ROLE_ORDER = `CASE m.role WHEN 'convenor' THEN 0 WHEN 'editor' THEN 1 WHEN 'reviewer' THEN 2 ELSE 3 END`;

export function sqliteGroupsRepository(db: Database.Database): GroupsRepository {
  const all = db.prepare(`SELECT ${GROUP_COLUMNS} FROM working_groups ORDER BY name COLLATE NOCASE, id`);
  const one = db.prepare(`SELECT ${GROUP_COLUMNS} FROM working_groups WHERE id = ?`);
  const insertGroup = db.prepare(
    'INSERT INTO working_groups (id, name, description, created_at) VALUES (@id, @name, @description, @createdAt)'
  );
  const members = db.prepare(
    `SELECT m.*, u.email, u.name FROM memberships m JOIN users u ON u.id = m.user_id
     WHERE m.group_id = ? ORDER BY ${ROLE_ORDER}, u.name COLLATE NOCASE, u.id`
  );
  const membershipsOf = db.prepare('SELECT * FROM memberships WHERE user_id = ? ORDER BY created_at, group_id');
  const membership = db.prepare('SELECT * FROM memberships WHERE group_id = ? AND user_id = ?');
  const upsertMembership = db.prepare(
    `INSERT INTO memberships (group_id, user_id, role, created_at) VALUES (@groupId, @userId, @role, @createdAt)
     ON CONFLICT (group_id, user_id) DO UPDATE SET role = excluded.role`
  );
  const deleteMembership = db.prepare('DELETE FROM memberships WHERE group_id = ? AND user_id = ?');

  const insertInvitation = db.prepare(
    `INSERT INTO invitations (id, hash, group_id, role, created_by, created_at, expires_at)
     VALUES (@id, @hash, @groupId, @role, @createdBy, @createdAt, @expiresAt)`
  );
  const invitationByHash = db.prepare('SELECT * FROM invitations WHERE hash = ?');
  const invitationsOf = db.prepare('SELECT * FROM invitations WHERE group_id = ? ORDER BY created_at, id');
  const deleteInvitation = db.prepare('DELETE FROM invitations WHERE id = ?');

  const createGroup = db.transaction((row: GroupRow, convenor: MembershipRow | null) => {
    insertGroup.run(row);
    if (convenor) upsertMembership.run(convenor);
  });

  return {
    list: async () => all.all() as GroupRow[],
    get: async (id) => one.get(id) as GroupRow | undefined,
    create: async (row, convenor) => createGroup(row, convenor),
    members: async (groupId) =>
      (members.all(groupId) as (MembershipRecord & { email: string; name: string })[]).map((r) => ({
        ...toMembership(r),
        email: r.email,
        name: r.name
      })),
    membershipsOf: async (userId) => (membershipsOf.all(userId) as MembershipRecord[]).map(toMembership),
    async membership(groupId, userId) {
      const record = membership.get(groupId, userId) as MembershipRecord | undefined;
      return record && toMembership(record);
    },
    putMembership: async (row) => void upsertMembership.run(row),
    deleteMembership: async (groupId, userId) => deleteMembership.run(groupId, userId).changes > 0,

    createInvitation: async (row) => void insertInvitation.run(row),
    async invitationByHash(hash) {
      const record = invitationByHash.get(hash) as InvitationRecord | undefined;
      return record && toInvitation(record);
    },
    invitations: async (groupId) => (invitationsOf.all(groupId) as InvitationRecord[]).map(toInvitation),
    deleteInvitation: async (id) => deleteInvitation.run(id).changes > 0
  };
}

function toMembership(record: MembershipRecord): MembershipRow {
  return { groupId: record.group_id, userId: record.user_id, role: record.role, createdAt: record.created_at };
}

function toInvitation(record: InvitationRecord): InvitationRow {
  return {
    id: record.id,
    hash: record.hash,
    groupId: record.group_id,
    role: record.role,
    createdBy: record.created_by,
    createdAt: record.created_at,
    expiresAt: record.expires_at
  };
}
