// The one place where access control plugs into the web app (issue 5). Today everyone is the
// same anonymous user; later this hook resolves the session cookie to a user and rejects requests
// the user may not make. SvelteKit's CSRF origin check stays on (the default): form actions only
// accept posts from this origin.

import type { Handle } from '@sveltejs/kit';

export const handle: Handle = async ({ event, resolve }) => {
  event.locals.user = { id: 'anonymous', name: 'Anonymous' };
  return resolve(event);
};
