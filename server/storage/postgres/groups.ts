// Working groups, memberships and invitations in PostgreSQL (GroupsRepository in ../types).

import type { GroupRow, GroupsRepository, InvitationRow, MembershipRow } from '../types';
import { transaction, type Db, type Queryable } from './pool';

const GROUP_COLUMNS = `id, name, description, created_at AS "createdAt"`;
const MEMBERSHIP_COLUMNS = `group_id AS "groupId", user_id AS "userId", role, created_at AS "createdAt"`;
const INVITATION_COLUMNS = `id, hash, group_id AS "groupId", role, created_by AS "createdBy",
  created_at AS "createdAt", expires_at AS "expiresAt"`;
/** Convenors first, then editors, reviewers, observers: the order a member list is read in. */
const ROLE_ORDER = `CASE m.role WHEN 'convenor' THEN 0 WHEN 'editor' THEN 1 WHEN 'reviewer' THEN 2 ELSE 3 END`;
/** SQLite's COLLATE NOCASE: ASCII case folded, then byte order (the columns are COLLATE "C"). */
const nocase = (column: string) => `lower(${column})`;

/** Inserts the membership or changes its role (keeping when it began). */
async function upsertMembership(on: Queryable, row: MembershipRow): Promise<void> {
  await on.query(
    `INSERT INTO memberships (group_id, user_id, role, created_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (group_id, user_id) DO UPDATE SET role = excluded.role`,
    [row.groupId, row.userId, row.role, row.createdAt]
  );
}

export function postgresGroupsRepository(db: Db): GroupsRepository {
  const all = async <T>(sql: string, values: unknown[] = []): Promise<T[]> => (await db.query(sql, values)).rows as T[];
  const one = async <T>(sql: string, values: unknown[]): Promise<T | undefined> => (await all<T>(sql, values))[0];
  const removed = async (sql: string, values: unknown[]) => ((await db.query(sql, values)).rowCount ?? 0) > 0;

  return {
    list: () => all<GroupRow>(`SELECT ${GROUP_COLUMNS} FROM working_groups ORDER BY ${nocase('name')}, id`),
    get: (id) => one<GroupRow>(`SELECT ${GROUP_COLUMNS} FROM working_groups WHERE id = $1`, [id]),
    create: (row, convenor) =>
      transaction(db, async (tx) => {
        await tx.query('INSERT INTO working_groups (id, name, description, created_at) VALUES ($1, $2, $3, $4)', [
          row.id,
          row.name,
          row.description,
          row.createdAt
        ]);
        if (convenor) await upsertMembership(tx, convenor);
      }),
    members: (groupId) =>
      all<MembershipRow & { email: string; name: string }>(
        `SELECT m.group_id AS "groupId", m.user_id AS "userId", m.role, m.created_at AS "createdAt", u.email, u.name
         FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.group_id = $1 ORDER BY ${ROLE_ORDER}, ${nocase('u.name')}, u.id`,
        [groupId]
      ),
    membershipsOf: (userId) =>
      all<MembershipRow>(
        `SELECT ${MEMBERSHIP_COLUMNS} FROM memberships WHERE user_id = $1 ORDER BY created_at, group_id`,
        [userId]
      ),
    membership: (groupId, userId) =>
      one<MembershipRow>(`SELECT ${MEMBERSHIP_COLUMNS} FROM memberships WHERE group_id = $1 AND user_id = $2`, [
        groupId,
        userId
      ]),
    putMembership: (row) => upsertMembership(db, row),
    deleteMembership: (groupId, userId) =>
      removed('DELETE FROM memberships WHERE group_id = $1 AND user_id = $2', [groupId, userId]),

    async createInvitation(row: InvitationRow) {
      await db.query(
        `INSERT INTO invitations (id, hash, group_id, role, created_by, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [row.id, row.hash, row.groupId, row.role, row.createdBy, row.createdAt, row.expiresAt]
      );
    },
    invitationByHash: (hash) => one<InvitationRow>(`SELECT ${INVITATION_COLUMNS} FROM invitations WHERE hash = $1`, [hash]),
    invitations: (groupId) =>
      all<InvitationRow>(`SELECT ${INVITATION_COLUMNS} FROM invitations WHERE group_id = $1 ORDER BY created_at, id`, [
        groupId
      ]),
    deleteInvitation: (id) => removed('DELETE FROM invitations WHERE id = $1', [id])
  };
}
