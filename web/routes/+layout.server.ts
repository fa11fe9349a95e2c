// Who is logged in, for the top bar. Public pages (login, sign-up, invitations) see null.

import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => {
  const actor = locals.actor;
  return {
    me: actor ? { id: actor.user.id, name: actor.user.name, email: actor.user.email, isAdmin: actor.user.isAdmin } : null
  };
};
