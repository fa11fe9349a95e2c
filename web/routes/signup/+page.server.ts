// /signup: email, name and password (typed twice). The first account ever becomes the
// administrator; the page says so while there is none. Rate limited like the login.

import { fail, redirect } from '@sveltejs/kit';
import { getServices } from '../../../server/services';
import { secret, text } from '../../lib/auth/form-values';
import { safeNext } from '../../lib/auth/next';
import { isInputError, isRateLimitError, retryAfterHeader, waitMessage } from '../../lib/auth/service-errors';
import { setSessionCookie } from '../../lib/auth/session-cookie';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const next = safeNext(url.searchParams.get('next'));
  if (locals.actor) redirect(303, next);
  return { next, firstAccount: (await getServices().accounts.userCount()) === 0 };
};

type Field = 'email' | 'name' | 'password' | 'repeat';

export const actions: Actions = {
  default: async ({ request, cookies, url, getClientAddress, setHeaders }) => {
    const form = await request.formData();
    const values = { email: text(form, 'email'), name: text(form, 'name') };
    const password = secret(form, 'password');
    const next = safeNext(text(form, 'next'));
    const errors: Partial<Record<Field, string>> = {};
    if (!values.email) errors.email = 'Enter your email address.';
    if (!values.name) errors.name = 'Enter your name as others in the working group will see it.';
    if (!password) errors.password = 'Choose a password.';
    else if (secret(form, 'repeat') !== password) errors.repeat = 'The two passwords are not the same.';
    if (Object.keys(errors).length > 0) return fail(400, { values, errors, next, message: null });
    let grant;
    try {
      grant = await getServices().accounts.signUp({ ...values, password }, getClientAddress());
    } catch (thrown) {
      if (isRateLimitError(thrown)) {
        setHeaders(retryAfterHeader(thrown));
        return fail(429, { values, errors, next, message: waitMessage(thrown) });
      }
      if (isInputError(thrown)) return fail(thrown.status, { values, errors, next, message: thrown.message });
      throw thrown;
    }
    setSessionCookie(cookies, url, grant.token, grant.expiresAt);
    redirect(303, next);
  }
};
