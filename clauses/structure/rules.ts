// What structural editing may do to which clause. The fixed clauses of an ITU-T Recommendation
// (front matter, clauses 1-5, Bibliography) keep their place: they can be edited and can get
// sub-clauses, but not be moved, promoted, demoted or deleted. Body clauses, annexes and
// appendices move freely; at the top level they only swap with clauses of the same role, so
// annexes stay after the body and appendices after annexes.

import type { ClauseRole } from '../model';

export const MOVABLE_ROLES: ReadonlySet<string> = new Set<ClauseRole>(['body', 'annex', 'appendix']);

export function isMovableRole(role: unknown): boolean {
  return typeof role === 'string' && MOVABLE_ROLES.has(role);
}

/** The role a clause takes at the top level next to a neighbour of `neighbourRole`. */
export function topLevelRoleBeside(neighbourRole: unknown): ClauseRole {
  return neighbourRole === 'annex' || neighbourRole === 'appendix' ? neighbourRole : 'body';
}
