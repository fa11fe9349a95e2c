// The session cookie: HttpOnly (scripts cannot read it), SameSite=Lax (not sent on cross-site
// posts), Secure whenever the page is served over https, and expiring with the session itself.

import type { Cookies } from '@sveltejs/kit';

export const SESSION_COOKIE = 'session';

/** A change to the session cookie the response must carry. */
export type SessionCookieChange = { token: string; expiresAt: Date } | { token: null };

function options(url: URL) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: url.protocol === 'https:' };
}

export function setSessionCookie(cookies: Cookies, url: URL, token: string, expiresAt: Date): void {
  cookies.set(SESSION_COOKIE, token, { ...options(url), expires: expiresAt });
}

export function deleteSessionCookie(cookies: Cookies, url: URL): void {
  cookies.delete(SESSION_COOKIE, options(url));
}

export function applySessionCookie(cookies: Cookies, url: URL, change: SessionCookieChange): void {
  if (change.token === null) deleteSessionCookie(cookies, url);
  else setSessionCookie(cookies, url, change.token, change.expiresAt);
}

/**
 * The Set-Cookie header for a response the hook builds itself: SvelteKit adds `cookies.set` only
 * to responses that go through `resolve` (or a thrown redirect). Tokens are base32, safe as is.
 */
export function sessionCookieHeader(url: URL, change: SessionCookieChange): string {
  const lifetime = change.token === null ? 'Max-Age=0' : `Expires=${change.expiresAt.toUTCString()}`;
  const secure = url.protocol === 'https:' ? '; Secure' : '';
  return `${SESSION_COOKIE}=${change.token ?? ''}; Path=/; ${lifetime}; HttpOnly; SameSite=Lax${secure}`;
}
