// Access decisions on a standard (AccessService in server/services.ts): the actor's role in the
// standard's working group, checked against the permission a request needs. The HTTP hooks and
// the collaboration socket both decide here, so the rules cannot drift apart.

import { InputError, type AccessService, type GroupsService } from '../services';
import type { Storage } from '../storage/types';
import type { ChangeHub } from './changes';
import { can, ROLE_LABELS } from './roles';

export interface AccessDeps {
  storage: Storage;
  groups: Pick<GroupsService, 'roleOf'>;
  changes: ChangeHub;
}

export function accessService({ storage, groups, changes }: AccessDeps): AccessService {
  const roleOn: AccessService['roleOn'] = async (actor, standardId) => {
    const standard = typeof standardId === 'string' ? await storage.standards.get(standardId) : undefined;
    return standard && groups.roleOf(actor.user.id, standard.groupId);
  };

  return {
    roleOn,
    async require(actor, standardId, permission) {
      const standard = typeof standardId === 'string' ? await storage.standards.get(standardId) : undefined;
      if (!standard) throw new InputError(`No standard with id "${String(standardId)}".`, 404);
      const role = await groups.roleOf(actor.user.id, standard.groupId);
      if (!role) throw new InputError("You are not a member of this standard's working group.", 403);
      if (actor.scope === 'read' && permission !== 'read') throw new InputError('API tokens are read-only.', 403);
      if (!can(role, permission)) {
        throw new InputError(`Your role (${ROLE_LABELS[role]}) does not have the "${permission}" permission on this standard.`, 403);
      }
      return role;
    },
    onChange: (listener) => changes.onChange(listener)
  };
}
