// The editor page: the standard's metadata from the store and what the actor may do with it; the
// document itself arrives over the collaboration socket, which checks the same role again. An
// unknown id is a 404 and a standard of another working group a 403, before any socket is opened
// (the hook checks read access too; this load needs the role anyway).

import { error } from '@sveltejs/kit';
import { getServices } from '../../../../server/services';
import { can } from '../../../../server/access/roles';
import { requireActor, requireStandard } from '../../../lib/auth/access';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
  const actor = requireActor(locals);
  const services = getServices();
  const standard = await services.standards.get(params.id);
  if (!standard) error(404, `There is no standard with the id "${params.id}". It may have been deleted.`);
  const role = await requireStandard(services, actor, params.id, 'read');
  return {
    standard: {
      id: standard.id,
      title: standard.title,
      designation: standard.designation,
      series: standard.series,
      studyGroup: standard.studyGroup
    },
    collabPath: services.collabPath,
    role,
    user: { id: actor.user.id, name: actor.user.name },
    canEdit: can(role, 'edit'),
    canComment: can(role, 'comment'),
    canResolve: can(role, 'resolve')
  };
};
