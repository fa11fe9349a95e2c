// /groups/[id]: a working group's members with their roles, its invitation links and its
// standards. Members see the list; convenors (and the administrator) change roles, remove
// members and make or revoke invitation links. Every action checks 'manage' on the server.

import { fail, redirect } from '@sveltejs/kit';
import { getServices } from '../../../../server/services';
import { ROLES, can, isRole } from '../../../../server/access/roles';
import { failure, groupDenial, requireActor, requireGroup } from '../../../lib/auth/access';
import { parseDays } from '../../../lib/auth/days';
import { text } from '../../../lib/auth/form-values';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const INVITE_DAYS_DEFAULT = 7;
const INVITE_DAYS_MAX = 90;

export const load: PageServerLoad = async ({ params, locals }) => {
  const actor = requireActor(locals);
  const services = getServices();
  const role = await requireGroup(services, actor, params.id, 'read');
  const group = (await services.groups.get(params.id))!;
  const canManage = can(role, 'manage');
  return {
    group: { id: group.id, name: group.name, description: group.description, createdAt: group.createdAt },
    role,
    canManage,
    me: actor.user.id,
    roles: ROLES,
    members: (await services.groups.members(actor, group.id)).sort((a, b) => a.user.name.localeCompare(b.user.name)),
    invitations: canManage ? await services.groups.invitations(actor, group.id) : [],
    standards: (await services.standards.list())
      .filter((s) => s.groupId === group.id)
      .sort((a, b) => a.title.localeCompare(b.title)),
    inviteDays: { default: INVITE_DAYS_DEFAULT, max: INVITE_DAYS_MAX }
  };
};

/** The actor, when a convenor of this group; else a failed action with 403 (or 404). */
async function convenor(event: RequestEvent, action: string) {
  const actor = requireActor(event.locals);
  const denial = await groupDenial(getServices(), actor, event.params.id, 'manage');
  if (denial) return { refused: fail(denial.status, { action, message: denial.message }), actor: undefined };
  return { refused: undefined, actor };
}

export const actions: Actions = {
  setRole: async (event) => {
    const who = await convenor(event, 'setRole');
    if (who.refused) return who.refused;
    const form = await event.request.formData();
    const userId = text(form, 'userId');
    const role = text(form, 'role');
    if (!userId) return fail(400, { action: 'setRole', message: 'No member was named.' });
    if (!isRole(role)) return fail(400, { action: 'setRole', message: `Unknown role "${role}"; choose one of ${ROLES.join(', ')}.` });
    try {
      await getServices().groups.setRole(who.actor, event.params.id, userId, role);
    } catch (thrown) {
      return failure(thrown, { action: 'setRole' });
    }
    return { action: 'setRole', done: 'Role changed. It applies at once, also in open editors.' };
  },

  remove: async (event) => {
    const who = await convenor(event, 'remove');
    if (who.refused) return who.refused;
    const userId = text(await event.request.formData(), 'userId');
    if (!userId) return fail(400, { action: 'remove', message: 'No member was named.' });
    try {
      await getServices().groups.removeMember(who.actor, event.params.id, userId);
    } catch (thrown) {
      return failure(thrown, { action: 'remove' });
    }
    // Whoever removed themselves can no longer see this page.
    if (userId === who.actor.user.id && !who.actor.user.isAdmin) redirect(303, '/');
    return { action: 'remove', done: 'Member removed. Their open editors lost access at once.' };
  },

  invite: async (event) => {
    const who = await convenor(event, 'invite');
    if (who.refused) return who.refused;
    const form = await event.request.formData();
    const role = text(form, 'role');
    const expiry = parseDays(text(form, 'expiresInDays'), 1, INVITE_DAYS_MAX);
    if (!isRole(role)) return fail(400, { action: 'invite', message: `Choose the role the invitation grants: ${ROLES.join(', ')}.` });
    if (expiry.error) return fail(400, { action: 'invite', message: expiry.error });
    let token: string;
    try {
      token = (await getServices().groups.invite(who.actor, event.params.id, role, expiry.days ?? INVITE_DAYS_DEFAULT)).token;
    } catch (thrown) {
      return failure(thrown, { action: 'invite' });
    }
    // The link is in this response only: no cache may keep a copy.
    event.setHeaders({ 'cache-control': 'no-store' });
    return { action: 'invite', link: `${event.url.origin}/invite/${token}`, role };
  },

  revokeInvite: async (event) => {
    const who = await convenor(event, 'revokeInvite');
    if (who.refused) return who.refused;
    const invitationId = text(await event.request.formData(), 'invitationId');
    if (!invitationId) return fail(400, { action: 'revokeInvite', message: 'No invitation was named.' });
    try {
      await getServices().groups.revokeInvitation(who.actor, event.params.id, invitationId);
    } catch (thrown) {
      return failure(thrown, { action: 'revokeInvite' });
    }
    return { action: 'revokeInvite', done: 'Invitation revoked: the link no longer works.' };
  }
};
