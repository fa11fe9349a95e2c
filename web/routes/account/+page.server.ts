// /account: who you are, changing the password (which ends every other session), and personal
// API tokens for tools — read-only, shown once when created, listed and revoked here.

import { fail } from '@sveltejs/kit';
import { getServices } from '../../../server/services';
import { failure, requireActor } from '../../lib/auth/access';
import { parseDays } from '../../lib/auth/days';
import { secret, text } from '../../lib/auth/form-values';
import { isRateLimitError, retryAfterHeader, waitMessage } from '../../lib/auth/service-errors';
import type { Actions, PageServerLoad } from './$types';

const TOKEN_NAME_MAX = 100;
const TOKEN_DAYS_MAX = 3650;

export const load: PageServerLoad = async ({ locals }) => {
  const actor = requireActor(locals);
  const { id, name, email, isAdmin, createdAt } = actor.user;
  return {
    account: { id, name, email, isAdmin, createdAt },
    tokens: await getServices().accounts.listApiTokens(id)
  };
};

export const actions: Actions = {
  password: async ({ request, locals, setHeaders }) => {
    const actor = requireActor(locals);
    const form = await request.formData();
    const current = secret(form, 'current');
    const next = secret(form, 'password');
    if (!current) return fail(400, { action: 'password' as const, message: 'Enter your current password.' });
    if (!next) return fail(400, { action: 'password' as const, message: 'Enter the new password.' });
    if (secret(form, 'repeat') !== next) {
      return fail(400, { action: 'password' as const, message: 'The two new passwords are not the same.' });
    }
    try {
      await getServices().accounts.changePassword(actor, current, next);
    } catch (thrown) {
      if (isRateLimitError(thrown)) {
        setHeaders(retryAfterHeader(thrown));
        return fail(429, { action: 'password' as const, message: waitMessage(thrown) });
      }
      return failure(thrown, { action: 'password' as const });
    }
    return { action: 'password' as const, done: 'Password changed. Every other session of yours was logged out.' };
  },

  createToken: async ({ request, locals, setHeaders }) => {
    const actor = requireActor(locals);
    const form = await request.formData();
    const name = text(form, 'name');
    const expiry = parseDays(text(form, 'expiresInDays'), 1, TOKEN_DAYS_MAX);
    const values = { name, expiresInDays: text(form, 'expiresInDays') };
    if (!name) return fail(400, { action: 'createToken' as const, values, message: 'Name the token after the tool that will use it.' });
    if (name.length > TOKEN_NAME_MAX) {
      return fail(400, { action: 'createToken' as const, values, message: `A token name has at most ${TOKEN_NAME_MAX} characters.` });
    }
    if (expiry.error) return fail(400, { action: 'createToken' as const, values, message: expiry.error });
    let created;
    try {
      created = await getServices().accounts.createApiToken(actor.user.id, name, expiry.days);
    } catch (thrown) {
      return failure(thrown, { action: 'createToken' as const, values });
    }
    // The token is in this response only: no cache may keep a copy.
    setHeaders({ 'cache-control': 'no-store' });
    return { action: 'createToken' as const, created: { token: created.token, name: created.info.name } };
  },

  revokeToken: async ({ request, locals }) => {
    const actor = requireActor(locals);
    const tokenId = text(await request.formData(), 'tokenId');
    if (!tokenId) return fail(400, { action: 'revokeToken' as const, message: 'No token was named to revoke.' });
    try {
      await getServices().accounts.revokeApiToken(actor.user.id, tokenId);
    } catch (thrown) {
      return failure(thrown, { action: 'revokeToken' as const });
    }
    return { action: 'revokeToken' as const, done: 'The token was revoked: tools using it are refused from now on.' };
  }
};
