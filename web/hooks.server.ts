// Access control for every HTTP request to the web app (issue 5), in one place so that no route
// can forget it:
//   1. who is asking: the session cookie, else a read-only API token (web/lib/auth/authenticate.ts);
//   2. whether the route needs someone at all (web/lib/auth/routes.ts: private unless listed public);
//   3. for routes on one standard (/standards/[id]…, /api/standards/[id]…), read access to it.
// Routes and actions that change something check their stronger permission themselves.
// SvelteKit's CSRF origin check stays on (the default): form posts only come from this origin.

import { error, redirect, type Handle, type RequestEvent } from '@sveltejs/kit';
import { getServices } from '../server/services';
import { BEARER_CHALLENGE, authenticate } from './lib/auth/authenticate';
import { checkStandard, type Denial } from './lib/auth/access';
import { loginUrl } from './lib/auth/next';
import { isApiPath, routePolicy } from './lib/auth/routes';
import { sessionCookieHeader } from './lib/auth/session-cookie';
import { errorResponse } from './routes/api/http';

export const handle: Handle = async ({ event, resolve }) => {
  const services = getServices();
  const api = isApiPath(event.url.pathname);

  const auth = await authenticate(event, services.accounts);
  // Responses built here skip SvelteKit's cookie handling: a cleared or renewed cookie rides along.
  const own = (response: Response) => {
    if (auth.cookie) response.headers.append('set-cookie', sessionCookieHeader(event.url, auth.cookie));
    return response;
  };
  if (auth.refusal) {
    const { status, message, headers } = auth.refusal;
    return own(errorResponse(status, message, headers));
  }
  const actor = auth.actor;
  event.locals.actor = actor;

  const policy = routePolicy(event.route.id);
  if (policy === 'public') return resolve(event);

  if (!actor) {
    if (api) {
      return own(
        errorResponse(401, 'Log in, or send a personal API token as "Authorization: Bearer <token>".', {
          'www-authenticate': BEARER_CHALLENGE
        })
      );
    }
    redirect(303, loginUrl(event.url));
  }

  if (policy === 'standard') {
    const checked = await checkStandard(services, actor, event.params.id ?? '', 'read');
    if (checked.denial) {
      if (api) return own(errorResponse(checked.denial.status, checked.denial.message));
      return refuse(event, checked.denial, resolve);
    }
  }
  return resolve(event);
};

/**
 * A page for a standard the actor may not read (the API answers JSON above). A page view renders the
 * app's error page through the page's own load (which checks too, and needs the role anyway); if
 * that answer is not the refusal, the page forgot its check and SvelteKit's bare error page is
 * sent instead, so nothing of the standard leaks.
 */
async function refuse(
  event: RequestEvent,
  denial: Denial,
  resolve: Parameters<Handle>[0]['resolve']
): Promise<Response> {
  const method = event.request.method;
  if ((method === 'GET' || method === 'HEAD') && !event.isDataRequest) {
    const response = await resolve(event);
    if (response.status === denial.status) return response;
    await response.body?.cancel();
  }
  error(denial.status, denial.message);
}
