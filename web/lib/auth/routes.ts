// Which routes may be reached without logging in, and which work on one standard. The hook
// decides from SvelteKit's route id (the file path under web/routes), so a new route is private
// unless it is added here: access control fails closed.

/** Route ids anyone may reach: the way in, an invitation's offer, and the published schemas. */
export const PUBLIC_ROUTES: readonly string[] = [
  '/login',
  '/signup',
  '/invite/[token]',
  '/api/schema/rules.json',
  '/api/schema/standard.json'
];

/** Route ids below these work on the standard named by `params.id`: the hook checks read access. */
export const STANDARD_ROUTE_PREFIXES: readonly string[] = ['/standards/[id]', '/api/standards/[id]'];

export type RoutePolicy = 'public' | 'standard' | 'signed-in';

/**
 * What a request to `routeId` needs. An unmatched URL (null: SvelteKit will answer 404) needs an
 * actor too, so anonymous callers cannot probe which URLs exist.
 */
export function routePolicy(routeId: string | null): RoutePolicy {
  if (routeId !== null && PUBLIC_ROUTES.includes(routeId)) return 'public';
  if (routeId !== null && STANDARD_ROUTE_PREFIXES.some((prefix) => isAtOrBelow(routeId, prefix))) {
    return 'standard';
  }
  return 'signed-in';
}

function isAtOrBelow(routeId: string, prefix: string): boolean {
  return routeId === prefix || routeId.startsWith(`${prefix}/`);
}

/** Requests tools make: they get JSON errors and 401s, never redirects to the login page. */
export function isApiPath(pathname: string): boolean {
  return pathname === '/api' || pathname.startsWith('/api/');
}
