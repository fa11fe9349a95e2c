// Access control over HTTP against the real server (build/ from `vite build`, server/main.ts as a
// child process): missing, expired, forged and revoked credentials, members of another working
// group, read-only API tokens, session fixation, CSRF on form actions, brute-force login, the
// session cookie's flags and its sliding renewal.

import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addMemberIn,
  createAccountIn,
  createGroupIn,
  createStandardIn,
  ownerOf,
  removeTempDataDirs,
  startServerProcess,
  tempDataDir,
  type ServerProcess,
  type TestAccount
} from '../helpers/server';

const HANDLER = fileURLToPath(new URL('../../build/handler.js', import.meta.url));
const DAY_MS = 24 * 60 * 60 * 1000;

interface Call {
  cookie?: string;
  bearer?: string;
  /** The Origin header of a form post; this server's own origin by default. */
  origin?: string;
  headers?: Record<string, string>;
}

function client(server: () => ServerProcess) {
  const headersOf = (call: Call): Record<string, string> => ({
    ...(call.cookie ? { cookie: call.cookie } : {}),
    ...(call.bearer ? { authorization: `Bearer ${call.bearer}` } : {}),
    ...call.headers
  });
  return {
    get: (path: string, call: Call = {}) =>
      fetch(server().url + path, { headers: headersOf(call), redirect: 'manual' }),
    /** A page as a browser asks for it (SvelteKit answers JSON to clients that prefer it). */
    page: (path: string, call: Call = {}) =>
      fetch(server().url + path, { headers: { accept: 'text/html', ...headersOf(call) }, redirect: 'manual' }),
    /** A plain HTML form post (no JavaScript), as a browser sends it. */
    post: (path: string, fields: Record<string, string>, call: Call = {}) =>
      fetch(server().url + path, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'text/html',
          origin: call.origin ?? server().url,
          ...headersOf(call)
        },
        body: new URLSearchParams(fields).toString()
      })
  };
}

/** The `session` cookie a response sets (value and attributes), if any. */
function sessionCookie(response: Response): { value: string; attributes: string[]; raw: string } | undefined {
  const raw = response.headers.getSetCookie().find((c) => c.startsWith('session='));
  if (!raw) return undefined;
  const [pair, ...attributes] = raw.split(';').map((part) => part.trim());
  return { value: pair!.slice('session='.length), attributes, raw };
}

function attribute(cookie: { attributes: string[] }, name: string): string | undefined {
  const found = cookie.attributes.find((a) => a.toLowerCase().startsWith(name.toLowerCase()));
  return found?.includes('=') ? found.slice(found.indexOf('=') + 1) : found;
}

function sha256Hex(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Sets a session's expiry straight in the server's database (SQLite in WAL mode: both may write). */
function setSessionExpiry(dataDir: string, token: string, expiresAt: number): void {
  const db = new Database(join(dataDir, 'clausework.sqlite'));
  try {
    const changed = db.prepare('UPDATE sessions SET expires_at = ? WHERE id = ?').run(expiresAt, sha256Hex(token)).changes;
    expect(changed, 'the session row to change').toBe(1);
  } finally {
    db.close();
  }
}

async function errorOf(response: Response): Promise<string> {
  const body = (await response.json()) as { error?: unknown };
  expect(typeof body.error).toBe('string');
  return body.error as string;
}

beforeAll(() => {
  if (!existsSync(HANDLER)) {
    throw new Error('build/handler.js is missing: run `npx vite build` before the integration tests.');
  }
});

afterAll(() => removeTempDataDirs());

describe('HTTP access control', () => {
  let server: ServerProcess;
  let owner: TestAccount;
  let editor: TestAccount;
  let reviewer: TestAccount;
  let outsider: TestAccount;
  let groupA: { id: string; name: string };
  let standard: { id: string; title: string };
  const http = client(() => server);

  beforeAll(async () => {
    const dataDir = tempDataDir('clausework-http-security-');
    owner = await ownerOf(dataDir);
    groupA = await createGroupIn(dataDir, 'SG16 Q5 — face recognition');
    const groupB = await createGroupIn(dataDir, 'SG17 Q10 — identity');
    editor = await createAccountIn(dataDir, { name: 'Edda Editor' });
    reviewer = await createAccountIn(dataDir, { name: 'Rita Reviewer' });
    outsider = await createAccountIn(dataDir, { name: 'Otto Outsider' });
    await addMemberIn(dataDir, groupA.id, editor.user.id, 'editor');
    await addMemberIn(dataDir, groupA.id, reviewer.user.id, 'reviewer');
    await addMemberIn(dataDir, groupB.id, outsider.user.id, 'convenor');
    standard = await createStandardIn(dataDir, { title: 'Face recognition requirements', groupId: groupA.id });
    server = await startServerProcess({ dataDir });
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
  });

  const rules = () => `/api/standards/${standard.id}/rules.json`;

  describe('without credentials', () => {
    it('answers 401 JSON with a Bearer challenge on the API', async () => {
      for (const path of [rules(), `/api/standards/${standard.id}`, '/api/standards', `/api/standards/${standard.id}/export/md`]) {
        const res = await http.page(path);
        expect(res.status, path).toBe(401);
        expect(res.headers.get('www-authenticate'), path).toMatch(/^Bearer/);
        expect(await errorOf(res)).toMatch(/log in|token/i);
      }
    });

    it('redirects pages to the login page, coming back afterwards', async () => {
      const res = await http.page(`/standards/${standard.id}`);
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(`/login?next=${encodeURIComponent(`/standards/${standard.id}`)}`);
      const home = await http.page('/');
      expect(home.status).toBe(303);
      expect(home.headers.get('location')).toBe('/login');
      // Unknown URLs too: an anonymous caller cannot probe which exist.
      expect((await http.page('/no/such/page')).status).toBe(303);
    });

    it('serves the public pages and schemas', async () => {
      expect((await http.page('/login')).status).toBe(200);
      expect((await http.page('/signup')).status).toBe(200);
      expect((await http.get('/api/schema/rules.json')).status).toBe(200);
      expect((await http.get('/api/schema/standard.json')).status).toBe(200);
    });

    it('refuses a form post without a session (a rename of someone else’s standard)', async () => {
      const res = await http.post('/?/rename', { id: standard.id, title: 'Hijacked' });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toMatch(/^\/login/);
      const list = await http.get('/api/standards', { cookie: owner.cookie });
      const { standards } = (await list.json()) as { standards: { id: string; title: string }[] };
      expect(standards.find((s) => s.id === standard.id)?.title).toBe(standard.title);
    });
  });

  describe('with a session', () => {
    it('lets a member read the standard and its rules', async () => {
      expect((await http.get(rules(), { cookie: editor.cookie })).status).toBe(200);
      expect((await http.page(`/standards/${standard.id}`, { cookie: reviewer.cookie })).status).toBe(200);
      const list = await http.get('/api/standards', { cookie: editor.cookie });
      const { standards } = (await list.json()) as { standards: { id: string }[] };
      expect(standards.map((s) => s.id)).toContain(standard.id);
    });

    it('refuses an expired session with 401 and clears the cookie', async () => {
      const account = await createAccountIn(server.dataDir, { name: 'Expired Session' });
      await addMemberIn(server.dataDir, groupA.id, account.user.id, 'editor');
      expect((await http.get(rules(), { cookie: account.cookie })).status).toBe(200);
      setSessionExpiry(server.dataDir, account.token, Date.now() - 1000);
      const res = await http.get(rules(), { cookie: account.cookie });
      expect(res.status).toBe(401);
      const cleared = sessionCookie(res);
      expect(cleared?.value ?? '').toBe('');
      const page = await http.page(`/standards/${standard.id}`, { cookie: account.cookie });
      expect(page.status).toBe(303);
      expect(page.headers.get('location')).toMatch(/^\/login\?next=/);
    });

    it('refuses a forged session cookie and a forged bearer token with 401', async () => {
      const forged = randomBytes(20).toString('hex');
      expect((await http.get(rules(), { cookie: `session=${forged}` })).status).toBe(401);
      const res = await http.get(rules(), { bearer: `cw_${forged}` });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer .*invalid_token/);
      expect(await errorOf(res)).toMatch(/not valid/);
      expect((await http.get(rules(), { bearer: editor.token })).status, 'a session token is no API token').toBe(401);
    });

    it('refuses a member of another working group with 403, and 404 for an unknown standard', async () => {
      const api = await http.get(rules(), { cookie: outsider.cookie });
      expect(api.status).toBe(403);
      expect(await errorOf(api)).toMatch(/member/i);
      expect((await http.get(`/api/standards/${standard.id}/export/md`, { cookie: outsider.cookie })).status).toBe(403);
      const page = await http.page(`/standards/${standard.id}`, { cookie: outsider.cookie });
      expect(page.status).toBe(403);
      const html = await page.text();
      expect(html).not.toContain(standard.title);
      const data = await http.get(`/standards/${standard.id}/__data.json`, { cookie: outsider.cookie });
      expect(data.status).toBe(403);
      expect(await data.text()).not.toContain(standard.title);
      const list = await http.get('/api/standards', { cookie: outsider.cookie });
      const { standards } = (await list.json()) as { standards: { id: string }[] };
      expect(standards.map((s) => s.id)).not.toContain(standard.id);
      expect((await http.get('/api/standards/no-such-standard/rules.json', { cookie: outsider.cookie })).status).toBe(404);
    });

    it('refuses a reviewer’s crafted rename and delete with 403 and changes nothing', async () => {
      const rename = await http.post('/?/rename', { id: standard.id, title: 'Renamed by a reviewer' }, { cookie: reviewer.cookie });
      expect(rename.status).toBe(403);
      const remove = await http.post('/?/delete', { id: standard.id, confirm: 'yes' }, { cookie: editor.cookie });
      expect(remove.status).toBe(403);
      const create = await http.post(
        '/?/create',
        { title: 'Sneaky', designation: 'ITU-T X.1', series: '', studyGroup: '', groupId: groupA.id },
        { cookie: editor.cookie }
      );
      expect(create.status).toBe(403);
      const res = await http.get(`/api/standards/${standard.id}`, { cookie: owner.cookie });
      expect(res.status).toBe(200);
      const list = (await (await http.get('/api/standards', { cookie: owner.cookie })).json()) as {
        standards: { title: string }[];
      };
      expect(list.standards.map((s) => s.title)).toContain(standard.title);
      expect(list.standards.map((s) => s.title)).not.toContain('Sneaky');
    });

    it('re-sets the cookie with a fresh 30-day expiry once past half-life', async () => {
      const account = await createAccountIn(server.dataDir, { name: 'Sliding Session' });
      const fresh = await http.page('/', { cookie: account.cookie });
      expect(fresh.status).toBe(200);
      expect(sessionCookie(fresh), 'no renewal before half-life').toBeUndefined();
      setSessionExpiry(server.dataDir, account.token, Date.now() + 10 * DAY_MS);
      const res = await http.page('/', { cookie: account.cookie });
      expect(res.status).toBe(200);
      const cookie = sessionCookie(res);
      expect(cookie?.value).toBe(account.token);
      const expires = Date.parse(attribute(cookie!, 'Expires') ?? '');
      expect(Math.abs(expires - (Date.now() + 30 * DAY_MS))).toBeLessThan(DAY_MS);
      expect(attribute(cookie!, 'HttpOnly')).toBeDefined();
    });
  });

  describe('API tokens', () => {
    let token: string;
    let tokenId: string;

    it('are created on the account page and shown once', async () => {
      const res = await http.post('/account?/createToken', { name: 'rules check', expiresInDays: '30' }, { cookie: editor.cookie });
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const html = await res.text();
      token = /value="(cw_[a-z0-9]+)"/.exec(html)?.[1] ?? '';
      expect(token).toMatch(/^cw_/);
      const page = await (await http.page('/account', { cookie: editor.cookie })).text();
      expect(page).toContain('rules check');
      expect(page, 'the secret is never shown again').not.toContain(token);
      tokenId = /data-token-id="([^"]+)"/.exec(page)?.[1] ?? '';
      expect(tokenId).not.toBe('');
    });

    it('read the export and the rules (with ETag and 304) of the member’s standards', async () => {
      const md = await http.get(`/api/standards/${standard.id}/export/md`, { bearer: token });
      expect(md.status).toBe(200);
      expect(await md.text()).toContain(standard.title);
      const first = await http.get(rules(), { bearer: token });
      expect(first.status).toBe(200);
      const etag = first.headers.get('etag');
      expect(etag).toMatch(/^"/);
      const again = await http.get(rules(), { bearer: token, headers: { 'if-none-match': etag! } });
      expect(again.status).toBe(304);
      const list = (await (await http.get('/api/standards', { bearer: token })).json()) as { standards: { id: string }[] };
      expect(list.standards.map((s) => s.id)).toEqual([standard.id]);
    });

    it('are read-only: refused with 403 on a POST and on pages', async () => {
      const imported = await fetch(`${server.url}/api/standards/import?group=${groupA.id}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'text/markdown' },
        body: '# Draft\n\nText.\n'
      });
      expect(imported.status).toBe(403);
      expect(await errorOf(imported)).toBe('API tokens are read-only and work only on the API.');
      const form = await http.post('/?/rename', { id: standard.id, title: 'Token rename' }, { bearer: token });
      expect(form.status).toBe(403);
      expect((await http.page('/', { bearer: token })).status).toBe(403);
    });

    it('stop working once revoked on the account page', async () => {
      const res = await http.post('/account?/revokeToken', { tokenId }, { cookie: editor.cookie });
      expect(res.status).toBe(200);
      const after = await http.get(rules(), { bearer: token });
      expect(after.status).toBe(401);
      expect(after.headers.get('www-authenticate')).toMatch(/^Bearer/);
    });

    it('cannot be revoked by another user', async () => {
      const other = await http.post('/account?/createToken', { name: 'mine' }, { cookie: reviewer.cookie });
      const secret = /value="(cw_[a-z0-9]+)"/.exec(await other.text())?.[1] ?? '';
      const page = await (await http.page('/account', { cookie: reviewer.cookie })).text();
      const id = /data-token-id="([^"]+)"/.exec(page)?.[1] ?? '';
      await http.post('/account?/revokeToken', { tokenId: id }, { cookie: editor.cookie });
      expect((await http.get(rules(), { bearer: secret })).status).toBe(200);
    });
  });

  describe('login', () => {
    it('sets an HttpOnly, SameSite=Lax session cookie for the whole site, not Secure over http', async () => {
      const account = await createAccountIn(server.dataDir, { name: 'Cookie Flags' });
      const res = await http.post('/login', { email: account.user.email, password: account.password, next: '/account' });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/account');
      const cookie = sessionCookie(res)!;
      expect(cookie.value).toMatch(/^[a-z2-7]{32}$/);
      expect(attribute(cookie, 'HttpOnly')).toBeDefined();
      expect(attribute(cookie, 'SameSite')?.toLowerCase()).toBe('lax');
      expect(attribute(cookie, 'Path')).toBe('/');
      expect(attribute(cookie, 'Secure')).toBeUndefined();
      const expires = Date.parse(attribute(cookie, 'Expires') ?? '');
      expect(Math.abs(expires - (Date.now() + 30 * DAY_MS))).toBeLessThan(DAY_MS);
    });

    it('never goes to another site after logging in', async () => {
      const account = await createAccountIn(server.dataDir, { name: 'Open Redirect' });
      const res = await http.post('/login', { email: account.user.email, password: account.password, next: '//evil.example/x' });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/');
    });

    it('does not adopt a session token planted before login (session fixation)', async () => {
      const account = await createAccountIn(server.dataDir, { name: 'Fixation Target' });
      await addMemberIn(server.dataDir, groupA.id, account.user.id, 'observer');
      const planted = randomBytes(20).toString('hex');
      const res = await http.post('/login', { email: account.user.email, password: account.password }, { cookie: `session=${planted}` });
      expect(res.status).toBe(303);
      const issued = sessionCookie(res)!.value;
      expect(issued).not.toBe(planted);
      expect((await http.get(rules(), { cookie: `session=${issued}` })).status).toBe(200);
      expect((await http.get(rules(), { cookie: `session=${planted}` })).status).toBe(401);
    });

    it('replaces a valid session the browser carried with a new one, ending the old one', async () => {
      const account = await createAccountIn(server.dataDir, { name: 'Second Login' });
      await addMemberIn(server.dataDir, groupA.id, account.user.id, 'observer');
      const carried = await createAccountIn(server.dataDir, { name: 'Carried Session' });
      const res = await http.post('/login', { email: account.user.email, password: account.password }, { cookie: carried.cookie });
      expect(res.status).toBe(303);
      const issued = sessionCookie(res)!.value;
      expect(issued).not.toBe(carried.token);
      expect((await http.get(rules(), { cookie: `session=${issued}` })).status).toBe(200);
      expect((await http.get('/api/standards', { cookie: carried.cookie })).status).toBe(401);
    });

    it('gives the same answer for an unknown email and a wrong password', async () => {
      const unknown = await http.post('/login', { email: 'nobody@example.test', password: 'whatever-password' });
      const wrong = await http.post('/login', { email: editor.user.email, password: 'whatever-password' });
      expect(unknown.status).toBe(wrong.status);
      expect(unknown.status).toBeGreaterThanOrEqual(400);
      const message = (html: string) => /data-testid="login-error"[^>]*>([^<]*)</.exec(html)?.[1];
      expect(message(await unknown.text())).toBe(message(await wrong.text()));
      expect(sessionCookie(wrong)?.value ?? '').toBe('');
    });

    it('locks an account after 5 wrong passwords: 429 with Retry-After even for the right one', async () => {
      const account = await createAccountIn(server.dataDir, { name: 'Brute Force Target' });
      for (let i = 0; i < 5; i += 1) {
        const res = await http.post('/login', { email: account.user.email, password: `wrong-password-${i}` });
        expect(res.status, `attempt ${i + 1}`).not.toBe(429);
        expect(res.status).toBeGreaterThanOrEqual(400);
      }
      const res = await http.post('/login', { email: account.user.email, password: account.password });
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await res.text()).toMatch(/Try again in \d+ minutes?/);
      expect(sessionCookie(res)?.value ?? '').toBe('');
      // Other accounts are not locked by it.
      const other = await createAccountIn(server.dataDir, { name: 'Unaffected' });
      expect((await http.post('/login', { email: other.user.email, password: other.password })).status).toBe(303);
    });
  });

  describe('CSRF', () => {
    const foreign = 'http://evil.example';

    it('refuses a cross-site rename or delete and changes nothing', async () => {
      const rename = await http.post('/?/rename', { id: standard.id, title: 'Renamed cross-site' }, { cookie: owner.cookie, origin: foreign });
      expect(rename.status).toBe(403);
      const remove = await http.post('/?/delete', { id: standard.id, confirm: 'yes' }, { cookie: owner.cookie, origin: foreign });
      expect(remove.status).toBe(403);
      const list = (await (await http.get('/api/standards', { cookie: owner.cookie })).json()) as {
        standards: { id: string; title: string }[];
      };
      expect(list.standards.find((s) => s.id === standard.id)?.title).toBe(standard.title);
    });

    it('refuses a cross-site log-out and keeps the session; a same-site POST logs out; GET never does', async () => {
      const account = await createAccountIn(server.dataDir, { name: 'Logout Target' });
      const crossSite = await http.post('/logout', {}, { cookie: account.cookie, origin: foreign });
      expect(crossSite.status).toBe(403);
      expect((await http.get('/api/standards', { cookie: account.cookie })).status).toBe(200);
      const viaGet = await http.page('/logout', { cookie: account.cookie });
      expect(viaGet.status).toBe(303);
      expect((await http.get('/api/standards', { cookie: account.cookie })).status).toBe(200);
      const sameSite = await http.post('/logout', {}, { cookie: account.cookie });
      expect(sameSite.status).toBe(303);
      expect(sameSite.headers.get('location')).toBe('/login');
      expect(sessionCookie(sameSite)?.value ?? '').toBe('');
      expect((await http.get('/api/standards', { cookie: account.cookie })).status).toBe(401);
    });
  });

  describe('working groups and imports', () => {
    it('lets a convenor import into their group only, and nobody without naming one', async () => {
      const draft = '# Imported draft\n\n## 1 Scope\n\nThis Recommendation specifies things.\n';
      const post = (query: string, account: TestAccount) =>
        fetch(`${server.url}/api/standards/import${query}`, {
          method: 'POST',
          headers: { cookie: account.cookie, 'content-type': 'text/markdown' },
          body: draft
        });
      expect((await post('', owner)).status).toBe(400);
      expect((await post(`?group=${groupA.id}`, outsider)).status).toBe(403);
      expect((await post(`?group=${groupA.id}`, editor)).status).toBe(403);
      const created = await post(`?group=${groupA.id}&title=Imported`, owner);
      expect(created.status, await created.clone().text()).toBe(201);
      const { id } = (await created.json()) as { id: string };
      expect((await http.get(`/api/standards/${id}`, { cookie: editor.cookie })).status).toBe(200);
      expect((await http.get(`/api/standards/${id}`, { cookie: outsider.cookie })).status).toBe(403);
    });

    it('shows a group’s members to members only; only convenors change them', async () => {
      expect((await http.page(`/groups/${groupA.id}`, { cookie: reviewer.cookie })).status).toBe(200);
      expect((await http.page(`/groups/${groupA.id}`, { cookie: outsider.cookie })).status).toBe(403);
      const demote = await http.post(`/groups/${groupA.id}?/setRole`, { userId: editor.user.id, role: 'observer' }, { cookie: reviewer.cookie });
      expect(demote.status).toBe(403);
      const invite = await http.post(`/groups/${groupA.id}?/invite`, { role: 'convenor', expiresInDays: '7' }, { cookie: editor.cookie });
      expect(invite.status).toBe(403);
      expect((await http.get(rules(), { cookie: editor.cookie })).status).toBe(200);
    });

    it('invites by link: the offer is public, accepting needs a login and grants the role', async () => {
      const made = await http.post(`/groups/${groupA.id}?/invite`, { role: 'reviewer', expiresInDays: '7' }, { cookie: owner.cookie });
      expect(made.status).toBe(200);
      const link = /value="(http:\/\/[^"]+\/invite\/[^"]+)"/.exec(await made.text())?.[1] ?? '';
      const path = new URL(link).pathname;
      const offer = await http.page(path);
      expect(offer.status).toBe(200);
      expect(offer.headers.get('referrer-policy')).toBe('no-referrer');
      expect(await offer.text()).toContain(groupA.name.replace('—', '—'));
      const anonymous = await http.post(`${path}?/accept`, {});
      expect(anonymous.status).toBe(303);
      expect(anonymous.headers.get('location')).toBe(`/login?next=${encodeURIComponent(path)}`);
      const joiner = await createAccountIn(server.dataDir, { name: 'New Reviewer' });
      expect((await http.get(rules(), { cookie: joiner.cookie })).status).toBe(403);
      const accepted = await http.post(`${path}?/accept`, {}, { cookie: joiner.cookie });
      expect(accepted.status).toBe(303);
      expect(accepted.headers.get('location')).toBe(`/groups/${groupA.id}`);
      expect((await http.get(rules(), { cookie: joiner.cookie })).status).toBe(200);
      expect((await http.page('/invite/not-a-real-token')).status).toBe(404);
    });
  });
});

describe('per-IP login limit', () => {
  let server: ServerProcess;
  const http = client(() => server);

  beforeAll(async () => {
    server = await startServerProcess();
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
  });

  it('answers 429 to every login from an address past its budget, whatever the account', async () => {
    const account = await createAccountIn(server.dataDir, { name: 'Per IP' });
    let limited: Response | undefined;
    // 30 attempts per 15 minutes by default; each uses a different (unknown) email, so no account locks.
    for (let i = 0; i < 40 && !limited; i += 1) {
      const res = await http.post('/login', { email: `nobody-${i}@example.test`, password: 'not-the-password' });
      if (res.status === 429) limited = res;
    }
    expect(limited?.status).toBe(429);
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0);
    const right = await http.post('/login', { email: account.user.email, password: account.password });
    expect(right.status).toBe(429);
    expect(sessionCookie(right)?.value ?? '').toBe('');
  }, 60_000);
});
