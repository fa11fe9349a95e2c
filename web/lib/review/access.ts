// What the signed-in person may do in this standard, as the editor page's data says. The server
// enforces every one of these; the page only matches them, so a reader is not offered controls
// that would be refused.

import { can, isRole, ROLE_LABELS, type Role } from '../../../server/access/roles';

export interface PageUser {
  id: string;
  name: string;
}

export interface ReviewAccess {
  role: Role;
  user: PageUser;
  canEdit: boolean;
  canComment: boolean;
  canResolve: boolean;
}

/** Before accounts existed everyone could edit: a page without access data behaves that way. */
const ANONYMOUS: PageUser = { id: 'anonymous', name: 'Anonymous' };

function flag(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}

/** Reads `role`, `user`, `canEdit`, `canComment`, `canResolve` from the page data, with defaults. */
export function accessFromPageData(data: object): ReviewAccess {
  const given = data as Record<string, unknown>;
  const role: Role = isRole(given.role) ? given.role : 'editor';
  const rawUser = given.user as Partial<PageUser> | null | undefined;
  const user: PageUser =
    rawUser && typeof rawUser.id === 'string' && rawUser.id
      ? { id: rawUser.id, name: typeof rawUser.name === 'string' && rawUser.name.trim() ? rawUser.name.trim() : 'Unnamed' }
      : ANONYMOUS;
  return {
    role,
    user,
    canEdit: flag(given.canEdit, can(role, 'edit')),
    canComment: flag(given.canComment, can(role, 'comment')),
    canResolve: flag(given.canResolve, can(role, 'resolve'))
  };
}

/** The badge a reader sees instead of the editing tools; null for those who may edit. */
export function readOnlyBadge(access: ReviewAccess): string | null {
  if (access.canEdit) return null;
  const role = ROLE_LABELS[access.role];
  return access.canComment ? `${role} — you can comment, not edit` : `${role} — you can read, not edit or comment`;
}

/** Resolving and reopening: editors and convenors, and the author of the thread. */
export function mayResolve(access: ReviewAccess, authorId: string): boolean {
  return access.canResolve || (access.canComment && authorId === access.user.id);
}

/** The same person with another role (the server announced a change while connected). */
export function withRole(access: ReviewAccess, role: Role): ReviewAccess {
  return {
    ...access,
    role,
    canEdit: can(role, 'edit'),
    canComment: can(role, 'comment'),
    canResolve: can(role, 'resolve')
  };
}

/**
 * The server's notice that this connection's role changed ({type:'access', role, readOnly}, a
 * stateless message), or null for any other message.
 */
export function parseAccessNotice(payload: string): { role: Role; readOnly: boolean } | null {
  let message: unknown;
  try {
    message = JSON.parse(payload);
  } catch {
    return null;
  }
  const notice = message as { type?: unknown; role?: unknown; readOnly?: unknown } | null;
  if (!notice || notice.type !== 'access' || !isRole(notice.role)) return null;
  return { role: notice.role, readOnly: notice.readOnly === true || !can(notice.role, 'edit') };
}
