// /login: email and password; a new session every time (a cookie planted before login never
// becomes the session). Failures never say whether the email exists; too many attempts answer
// 429 with the time to wait. `?next=` brings the user back to where they were (same site only).

import { fail, redirect } from '@sveltejs/kit';
import { getServices } from '../../../server/services';
import { secret, text } from '../../lib/auth/form-values';
import { safeNext } from '../../lib/auth/next';
import { isInputError, isRateLimitError, retryAfterHeader, waitMessage } from '../../lib/auth/service-errors';
import { SESSION_COOKIE, setSessionCookie } from '../../lib/auth/session-cookie';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const next = safeNext(url.searchParams.get('next'));
  if (locals.actor) redirect(303, next);
  return { next, firstAccount: (await getServices().accounts.userCount()) === 0 };
};

export const actions: Actions = {
  default: async ({ request, cookies, url, getClientAddress, setHeaders }) => {
    const form = await request.formData();
    const email = text(form, 'email');
    const password = secret(form, 'password');
    const next = safeNext(text(form, 'next'));
    if (!email || !password) {
      return fail(400, { email, next, message: 'Enter your email address and your password.' });
    }
    const accounts = getServices().accounts;
    let grant;
    try {
      grant = await accounts.logIn({ email, password }, getClientAddress());
    } catch (thrown) {
      if (isRateLimitError(thrown)) {
        setHeaders(retryAfterHeader(thrown));
        return fail(429, { email, next, message: waitMessage(thrown) });
      }
      if (isInputError(thrown)) return fail(thrown.status, { email, next, message: thrown.message });
      throw thrown;
    }
    // Whatever session the browser carried before (someone else's, planted) ends here.
    const previous = cookies.get(SESSION_COOKIE);
    if (previous && previous !== grant.token) await accounts.logOut(previous);
    setSessionCookie(cookies, url, grant.token, grant.expiresAt);
    redirect(303, next);
  }
};
