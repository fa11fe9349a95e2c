// Authorisation helpers for load functions and actions: the services decide (AccessService,
// GroupsService), these turn their answers into SvelteKit's errors and failures.

import { error, fail } from '@sveltejs/kit';
import type { Actor, Services } from '../../../server/services';
import { can, type Permission, type Role } from '../../../server/access/roles';
import { isInputError } from './service-errors';

export interface Denial {
  status: number;
  message: string;
}

/** The actor's role on the standard if `permission` is granted, else why not (404 or 403). */
export function checkStandard(
  services: Pick<Services, 'access'>,
  actor: Actor,
  standardId: string,
  permission: Permission
): { role: Role; denial?: undefined } | { denial: Denial } {
  try {
    return { role: services.access.require(actor, standardId, permission) };
  } catch (thrown) {
    if (isInputError(thrown)) return { denial: { status: thrown.status, message: thrown.message } };
    throw thrown;
  }
}

/** For load functions: the role, or SvelteKit's error page with the service's status. */
export function requireStandard(
  services: Pick<Services, 'access'>,
  actor: Actor,
  standardId: string,
  permission: Permission
): Role {
  const checked = checkStandard(services, actor, standardId, permission);
  if (checked.denial) error(checked.denial.status, checked.denial.message);
  return checked.role;
}

/** For load functions and actions behind the hook: the hook guarantees an actor, TypeScript does not. */
export function requireActor(locals: App.Locals): Actor {
  if (!locals.actor) error(401, 'Log in first.');
  return locals.actor;
}

/** The actor's role in a working group when it grants `permission`; 404 or 403 otherwise. */
export function requireGroup(
  services: Pick<Services, 'groups'>,
  actor: Actor,
  groupId: string,
  permission: Permission
): Role {
  const denial = groupDenial(services, actor, groupId, permission);
  if (denial) error(denial.status, denial.message);
  return services.groups.roleOf(actor.user.id, groupId)!;
}

export function groupDenial(
  services: Pick<Services, 'groups'>,
  actor: Actor,
  groupId: string,
  permission: Permission
): Denial | undefined {
  const group = groupId ? services.groups.get(groupId) : undefined;
  if (!group) return { status: 404, message: `There is no working group with the id "${groupId}".` };
  const role = services.groups.roleOf(actor.user.id, groupId);
  if (!role) return { status: 403, message: `You are not a member of the working group “${group.name}”.` };
  if (!can(role, permission) || (actor.scope === 'read' && permission !== 'read')) {
    return { status: 403, message: `Your role in “${group.name}” (${role}) does not allow this.` };
  }
  return undefined;
}

/** A service's InputError becomes a failed action with its status; anything else is a bug. */
export function failure<T extends object>(thrown: unknown, data: T) {
  if (isInputError(thrown)) return fail(thrown.status, { ...data, message: thrown.message });
  throw thrown;
}
