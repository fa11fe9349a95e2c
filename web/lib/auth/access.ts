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
export async function checkStandard(
  services: Pick<Services, 'access'>,
  actor: Actor,
  standardId: string,
  permission: Permission
): Promise<{ role: Role; denial?: undefined } | { denial: Denial }> {
  try {
    return { role: await services.access.require(actor, standardId, permission) };
  } catch (thrown) {
    if (isInputError(thrown)) return { denial: { status: thrown.status, message: thrown.message } };
    throw thrown;
  }
}

/** For load functions: the role, or SvelteKit's error page with the service's status. */
export async function requireStandard(
  services: Pick<Services, 'access'>,
  actor: Actor,
  standardId: string,
  permission: Permission
): Promise<Role> {
  const checked = await checkStandard(services, actor, standardId, permission);
  if (checked.denial) error(checked.denial.status, checked.denial.message);
  return checked.role;
}

/** For load functions and actions behind the hook: the hook guarantees an actor, TypeScript does not. */
export function requireActor(locals: App.Locals): Actor {
  if (!locals.actor) error(401, 'Log in first.');
  return locals.actor;
}

/** The actor's role in a working group when it grants `permission`; 404 or 403 otherwise. */
export async function requireGroup(
  services: Pick<Services, 'groups'>,
  actor: Actor,
  groupId: string,
  permission: Permission
): Promise<Role> {
  const checked = await checkGroup(services, actor, groupId, permission);
  if (checked.denial) error(checked.denial.status, checked.denial.message);
  return checked.role;
}

export async function groupDenial(
  services: Pick<Services, 'groups'>,
  actor: Actor,
  groupId: string,
  permission: Permission
): Promise<Denial | undefined> {
  return (await checkGroup(services, actor, groupId, permission)).denial;
}

async function checkGroup(
  services: Pick<Services, 'groups'>,
  actor: Actor,
  groupId: string,
  permission: Permission
): Promise<{ role: Role; denial?: undefined } | { denial: Denial }> {
  const denial = (status: number, message: string) => ({ denial: { status, message } });
  const group = groupId ? await services.groups.get(groupId) : undefined;
  if (!group) return denial(404, `There is no working group with the id "${groupId}".`);
  const role = await services.groups.roleOf(actor.user.id, groupId);
  if (!role) return denial(403, `You are not a member of the working group “${group.name}”.`);
  if (!can(role, permission) || (actor.scope === 'read' && permission !== 'read')) {
    return denial(403, `Your role in “${group.name}” (${role}) does not allow this.`);
  }
  return { role };
}

/** A service's InputError becomes a failed action with its status; anything else is a bug. */
export function failure<T extends object>(thrown: unknown, data: T) {
  if (isInputError(thrown)) return fail(thrown.status, { ...data, message: thrown.message });
  throw thrown;
}
