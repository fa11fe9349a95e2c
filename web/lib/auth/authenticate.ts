// Who makes a request: the session cookie first (browsers), else a personal API token sent as
// `Authorization: Bearer` (tools). API tokens are read-only: they are accepted only for GET and
// HEAD under /api/.

import type { Cookies } from '@sveltejs/kit';
import type { AccountsService, Actor } from '../../../server/services';
import { isApiPath } from './routes';
import { SESSION_COOKIE, applySessionCookie, type SessionCookieChange } from './session-cookie';

export interface Refusal {
  status: 401 | 403;
  message: string;
  headers: Record<string, string>;
}

export type Authentication = ({ actor: Actor | null; refusal?: undefined } | { refusal: Refusal }) & {
  /** Set when the session cookie was renewed or cleared (already applied to `cookies`). */
  cookie?: SessionCookieChange;
};

export interface CredentialsRequest {
  request: Request;
  url: URL;
  cookies: Cookies;
}

export const BEARER_CHALLENGE = 'Bearer realm="clausework"';

export async function authenticate(event: CredentialsRequest, accounts: AccountsService): Promise<Authentication> {
  const session = await sessionActor(event, accounts);
  if (session.cookie) applySessionCookie(event.cookies, event.url, session.cookie);
  const cookie = session.cookie ? { cookie: session.cookie } : {};
  if (session.actor) return { actor: session.actor, ...cookie };
  return { ...(await bearerActor(event, accounts)), ...cookie };
}

async function bearerActor(event: CredentialsRequest, accounts: AccountsService): Promise<Authentication> {
  const token = bearerToken(event.request.headers.get('authorization'));
  if (token === undefined) return { actor: null };
  const actor = token ? await accounts.validateApiToken(token) : undefined;
  if (!actor) {
    return {
      refusal: {
        status: 401,
        message: 'The API token is not valid: it is unknown, expired or revoked.',
        headers: { 'www-authenticate': `${BEARER_CHALLENGE}, error="invalid_token"` }
      }
    };
  }
  const method = event.request.method;
  if (!((method === 'GET' || method === 'HEAD') && isApiPath(event.url.pathname))) {
    return {
      refusal: { status: 403, message: 'API tokens are read-only and work only on the API.', headers: {} }
    };
  }
  return { actor };
}

/** The actor of a valid session cookie, and the cookie to send back when renewed or invalid. */
async function sessionActor(
  event: CredentialsRequest,
  accounts: AccountsService
): Promise<{ actor?: Actor; cookie?: SessionCookieChange }> {
  const token = event.cookies.get(SESSION_COOKIE);
  if (!token) return {};
  const session = await accounts.validateSession(token);
  if (!session) return { cookie: { token: null } };
  if (session.renewed) return { actor: session.actor, cookie: { token, expiresAt: session.expiresAt } };
  return { actor: session.actor };
}

/** The token of an `Authorization: Bearer <token>` header; other schemes are not ours to judge. */
export function bearerToken(header: string | null): string | undefined {
  if (!header) return undefined;
  const match = /^\s*Bearer(?:\s+(.*))?$/i.exec(header);
  if (!match) return undefined;
  // An empty or malformed Bearer credential is an invalid token, not an absent one.
  const token = (match[1] ?? '').trim();
  return /^[\x21-\x7e]+$/.test(token) ? token : '';
}
