// Access control in the web app fails closed: every route under web/routes is either one of the
// few public routes named on purpose, or needs a logged-in actor; every route on one standard is
// covered by the hook's central read check. Also the small parsers the hook relies on.

import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PUBLIC_ROUTES, STANDARD_ROUTE_PREFIXES, isApiPath, routePolicy } from '../../web/lib/auth/routes';
import { loginUrl, safeNext } from '../../web/lib/auth/next';
import { authenticate, bearerToken } from '../../web/lib/auth/authenticate';
import { sessionCookieHeader } from '../../web/lib/auth/session-cookie';
import type { AccountsService, Actor } from '../../server/services';

const ROUTES = resolve(fileURLToPath(new URL('../../web/routes', import.meta.url)));
const ROUTE_FILES = /^\+(page|server|layout)(\.server)?\.(ts|js|svelte)$/;

/** Route ids as SvelteKit computes them: the folder path under web/routes. */
function routeIds(dir = ROUTES): string[] {
  const entries = readdirSync(dir);
  const here = entries.some((name) => /^\+(page|server)/.test(name) && ROUTE_FILES.test(name))
    ? ['/' + relative(ROUTES, dir).split(sep).join('/')].map((id) => (id === '/' ? '/' : id))
    : [];
  const below = entries
    .filter((name) => statSync(join(dir, name)).isDirectory())
    .flatMap((name) => routeIds(join(dir, name)));
  return [...here, ...below];
}

/** The public routes, on purpose: adding one means changing this list too. */
const EXPECTED_PUBLIC = [
  '/login',
  '/signup',
  '/invite/[token]',
  '/api/schema/rules.json',
  '/api/schema/standard.json'
];

describe('route policy', () => {
  const ids = routeIds();

  it('finds the app routes', () => {
    expect(ids).toContain('/');
    expect(ids).toContain('/standards/[id]');
    expect(ids).toContain('/api/standards/[id]/rules.json');
  });

  it('makes public exactly the routes meant to be public, and each of them exists', () => {
    expect([...PUBLIC_ROUTES].sort()).toEqual([...EXPECTED_PUBLIC].sort());
    for (const id of PUBLIC_ROUTES) expect(ids, `public route ${id} has no folder`).toContain(id);
  });

  it('requires an actor on every other route', () => {
    for (const id of ids) {
      const policy = routePolicy(id);
      if (EXPECTED_PUBLIC.includes(id)) expect(policy, id).toBe('public');
      else expect(['signed-in', 'standard'], id).toContain(policy);
    }
  });

  it('checks read access centrally on every route about one standard', () => {
    const onStandard = ids.filter((id) => /^\/(api\/)?standards\/\[id\](\/|$)/.test(id));
    expect(onStandard.length).toBeGreaterThanOrEqual(4);
    for (const id of onStandard) expect(routePolicy(id), id).toBe('standard');
    // Any folder holding a standard's id under another name would escape the central check.
    for (const id of ids) {
      if (/\/standards\/\[(?!id\])/.test(id)) throw new Error(`${id}: name the parameter [id] so the hook checks it`);
    }
    expect(STANDARD_ROUTE_PREFIXES).toEqual(['/standards/[id]', '/api/standards/[id]']);
  });

  it('treats an unmatched URL as private and does not confuse look-alike routes', () => {
    expect(routePolicy(null)).toBe('signed-in');
    expect(routePolicy('/api/standards/import')).toBe('signed-in');
    expect(routePolicy('/standards/[id]x')).toBe('signed-in');
    expect(routePolicy('/login/extra')).toBe('signed-in');
    expect(isApiPath('/api/standards')).toBe(true);
    expect(isApiPath('/apis')).toBe(false);
  });
});

describe('safeNext', () => {
  it('keeps paths on this site', () => {
    expect(safeNext('/standards/abc?x=1#c')).toBe('/standards/abc?x=1#c');
    expect(safeNext('/invite/tok')).toBe('/invite/tok');
  });

  it('refuses anything that could leave the site', () => {
    for (const bad of ['//evil.example', '/\\evil.example', 'https://evil.example/', 'evil', '/\t/evil.example', '', null]) {
      expect(safeNext(bad), String(bad)).toBe('/');
    }
  });

  it('builds the login URL back to the page', () => {
    expect(loginUrl(new URL('http://x/'))).toBe('/login');
    expect(loginUrl(new URL('http://x/standards/a?b=1'))).toBe('/login?next=%2Fstandards%2Fa%3Fb%3D1');
  });
});

describe('authenticate', () => {
  const user = { id: 'u-1', email: 'a@example.test', name: 'A', isAdmin: false, createdAt: '' };
  const sessionActor: Actor = { user, via: 'session', scope: 'full', credentialId: 's' };
  const tokenActor: Actor = { user, via: 'token', scope: 'read', credentialId: 't' };
  const accounts = {
    validateSession: async (token: string) =>
      token === 'good' ? { actor: sessionActor, expiresAt: new Date(0), renewed: false }
      : token === 'old' ? { actor: sessionActor, expiresAt: new Date(86_400_000), renewed: true }
      : undefined,
    validateApiToken: async (token: string) => (token === 'cw_good' ? tokenActor : undefined)
  } as unknown as AccountsService;

  function request(path: string, init: { method?: string; cookie?: string; authorization?: string } = {}) {
    const jar = new Map<string, { value: string; options: Record<string, unknown> }>();
    const deleted: string[] = [];
    const cookies = {
      get: (name: string) => (name === 'session' ? init.cookie : undefined),
      set: (name: string, value: string, options: Record<string, unknown>) => jar.set(name, { value, options }),
      delete: (name: string) => deleted.push(name)
    };
    const headers: Record<string, string> = init.authorization ? { authorization: init.authorization } : {};
    const url = new URL(`http://localhost${path}`);
    const event = { request: new Request(url, { method: init.method ?? 'GET', headers }), url, cookies: cookies as never };
    return { event, jar, deleted };
  }

  it('prefers a valid session cookie and renews it past half-life', async () => {
    expect(await authenticate(request('/', { cookie: 'good' }).event, accounts)).toEqual({ actor: sessionActor });
    const renewed = request('/', { cookie: 'old' });
    expect((await authenticate(renewed.event, accounts)).cookie).toEqual({ token: 'old', expiresAt: new Date(86_400_000) });
    const set = renewed.jar.get('session')!;
    expect(set.value).toBe('old');
    expect(set.options).toMatchObject({ httpOnly: true, sameSite: 'lax', path: '/', secure: false, expires: new Date(86_400_000) });
  });

  it('deletes an invalid session cookie and treats the request as anonymous', async () => {
    const r = request('/', { cookie: 'forged' });
    expect(await authenticate(r.event, accounts)).toEqual({ actor: null, cookie: { token: null } });
    expect(r.deleted).toEqual(['session']);
  });

  it('accepts a read-only API token for GET and HEAD under /api/ only', async () => {
    expect(await authenticate(request('/api/standards', { authorization: 'Bearer cw_good' }).event, accounts)).toEqual({ actor: tokenActor });
    expect(await authenticate(request('/api/standards', { method: 'HEAD', authorization: 'bearer cw_good' }).event, accounts)).toEqual({ actor: tokenActor });
    const post = await authenticate(request('/api/standards/import', { method: 'POST', authorization: 'Bearer cw_good' }).event, accounts);
    expect(post.refusal).toMatchObject({ status: 403, message: 'API tokens are read-only and work only on the API.' });
    const page = await authenticate(request('/', { authorization: 'Bearer cw_good' }).event, accounts);
    expect(page.refusal?.status).toBe(403);
  });

  it('serialises the cookie for responses the hook builds itself', async () => {
    const at = new Date(Date.UTC(2030, 0, 2, 3, 4, 5));
    expect(sessionCookieHeader(new URL('http://x/'), { token: 'abc', expiresAt: at })).toBe(
      'session=abc; Path=/; Expires=Wed, 02 Jan 2030 03:04:05 GMT; HttpOnly; SameSite=Lax'
    );
    expect(sessionCookieHeader(new URL('https://x/'), { token: null })).toBe(
      'session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax; Secure'
    );
  });

  it('answers 401 with a Bearer challenge for an unknown, empty or malformed token', async () => {
    for (const header of ['Bearer cw_forged', 'Bearer', 'Bearer two words']) {
      const result = await authenticate(request('/api/standards', { authorization: header }).event, accounts);
      expect(result.refusal?.status, header).toBe(401);
      expect(result.refusal?.headers['www-authenticate'], header).toMatch(/^Bearer /);
    }
    expect(bearerToken('Basic abc')).toBeUndefined();
    expect(await authenticate(request('/api/standards', { authorization: 'Basic abc' }).event, accounts)).toEqual({ actor: null });
  });
});
