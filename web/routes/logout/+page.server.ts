// POST /logout ends the session (the top bar's button). A GET never logs anyone out: a link, an
// image or a prefetch could be forged by another site; it just goes home.

import { redirect } from '@sveltejs/kit';
import { getServices } from '../../../server/services';
import { SESSION_COOKIE, deleteSessionCookie } from '../../lib/auth/session-cookie';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => {
  redirect(303, '/');
};

export const actions: Actions = {
  default: async ({ cookies, url }) => {
    const token = cookies.get(SESSION_COOKIE);
    if (token) await getServices().accounts.logOut(token);
    deleteSessionCookie(cookies, url);
    redirect(303, '/login');
  }
};
