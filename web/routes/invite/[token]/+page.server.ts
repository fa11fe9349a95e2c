// /invite/[token]: what an invitation link offers (which working group, which role, until when).
// Anyone holding the link may see the offer; accepting it needs an account, so a visitor is sent
// to log in or sign up and brought back here.

import { error, redirect } from '@sveltejs/kit';
import { getServices } from '../../../../server/services';
import { failure } from '../../../lib/auth/access';
import type { Actions, PageServerLoad } from './$types';

const GONE = 'This invitation link is unknown, revoked or expired. Ask the convenor for a new one.';

export const load: PageServerLoad = async ({ params, locals, setHeaders }) => {
  // The secret is in the URL: never send it on as a Referer, never keep it in a cache.
  setHeaders({ 'referrer-policy': 'no-referrer', 'cache-control': 'no-store' });
  const services = getServices();
  const offer = await services.groups.describeInvitation(params.token);
  if (!offer) error(404, GONE);
  const actor = locals.actor;
  return {
    group: { name: offer.group.name, description: offer.group.description },
    role: offer.role,
    expiresAt: offer.expiresAt,
    me: actor ? { name: actor.user.name } : null,
    currentRole: actor ? ((await services.groups.roleOf(actor.user.id, offer.group.id)) ?? null) : null,
    here: `/invite/${encodeURIComponent(params.token)}`
  };
};

export const actions: Actions = {
  accept: async ({ params, locals }) => {
    const here = `/invite/${encodeURIComponent(params.token)}`;
    if (!locals.actor) redirect(303, `/login?next=${encodeURIComponent(here)}`);
    let groupId: string;
    try {
      groupId = (await getServices().groups.accept(locals.actor, params.token)).group.id;
    } catch (thrown) {
      return failure(thrown, {});
    }
    redirect(303, `/groups/${encodeURIComponent(groupId)}`);
  }
};
