// Accounts, sessions, rate limits and API tokens as a user meets them, against a real (in-memory)
// SQLite database. A movable clock stands in for days passing.

import { afterEach, describe, expect, it } from 'vitest';
import { accountsService, EMAIL_TAKEN, LOGIN_FAILED } from '../../server/access/accounts';
import { changeHub } from '../../server/access/changes';
import { LoginLimits, type LoginLimitOptions } from '../../server/access/rate-limit';
import { hashToken } from '../../server/access/tokens';
import { createLogger } from '../../server/log';
import { InputError, RateLimitError, type AccessChange } from '../../server/services';
import { openSqliteStorage } from '../../server/storage/sqlite';
import type { Storage } from '../../server/storage/types';

const DAY = 24 * 60 * 60 * 1000;
const PASSWORD = 'correct horse battery staple';
const open: Storage[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

function setup(limits: LoginLimitOptions = { perIp: { points: 1000, durationSeconds: 900 } }) {
  const storage = openSqliteStorage(':memory:');
  open.push(storage);
  const clock = { t: Date.parse('2026-03-01T12:00:00Z') };
  const changes = changeHub();
  const seen: AccessChange[] = [];
  changes.onChange((c) => seen.push(c));
  const accounts = accountsService({
    storage,
    changes,
    log: createLogger('silent'),
    limits: new LoginLimits(limits),
    now: () => clock.t
  });
  return { storage, accounts, clock, seen };
}

async function rejection(promise: Promise<unknown>): Promise<InputError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e
  );
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

describe('sign-up', () => {
  it('makes the first account administrator and no other', async () => {
    const { accounts } = setup();
    const first = await accounts.signUp({ email: ' Ana@Example.org ', name: 'Ana', password: PASSWORD }, 'ip');
    const second = await accounts.signUp({ email: 'bo@example.org', name: 'Bo', password: PASSWORD }, 'ip');
    expect(first.user).toMatchObject({ email: 'ana@example.org', name: 'Ana', isAdmin: true });
    expect(second.user.isAdmin).toBe(false);
    expect(await accounts.userCount()).toBe(2);
  });

  it('refuses a taken email with 409 and says to log in', async () => {
    const { accounts } = setup();
    await accounts.signUp({ email: 'ana@example.org', name: 'Ana', password: PASSWORD }, 'ip');
    const error = await rejection(accounts.signUp({ email: 'ANA@example.org', name: 'Other', password: PASSWORD }, 'ip'));
    expect(error.status).toBe(409);
    expect(error.message).toBe(EMAIL_TAKEN);
  });

  it('names what is wrong with the email, name or password', async () => {
    const { accounts } = setup();
    const cases: [Record<string, string>, RegExp][] = [
      [{ email: 'not-an-email', name: 'Ana', password: PASSWORD }, /not an email address/],
      [{ email: 'a@example.org', name: '  ', password: PASSWORD }, /name must not be empty/],
      [{ email: 'a@example.org', name: 'x'.repeat(101), password: PASSWORD }, /at most 100/],
      [{ email: 'a@example.org', name: 'A\u0007na', password: PASSWORD }, /control characters/],
      [{ email: 'a@example.org', name: 'Ana', password: 'short' }, /at least 8/],
      [{ email: 'a@example.org', name: 'Ana', password: 'x'.repeat(257) }, /at most 256/]
    ];
    for (const [input, message] of cases) {
      const error = await rejection(accounts.signUp(input as never, 'ip'));
      expect(error.status).toBe(400);
      expect(error.message).toMatch(message);
    }
    expect(await accounts.userCount()).toBe(0);
  });

  it('stores an argon2id hash and session hashes, never the password or tokens', async () => {
    const { accounts, storage } = setup();
    const grant = await accounts.signUp({ email: 'ana@example.org', name: 'Ana', password: PASSWORD }, 'ip');
    const row = (await storage.accounts.userByEmail('ana@example.org'))!;
    expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row.passwordHash).not.toContain(PASSWORD);
    expect(grant.token).toMatch(/^[a-z2-7]{32}$/);
    expect(await storage.accounts.session(grant.token)).toBeUndefined();
    expect(await storage.accounts.session(hashToken(grant.token))).toMatchObject({ userId: row.id });
  });
});

describe('login', () => {
  it('gives the same 401 for an unknown email and a wrong password', async () => {
    const { accounts } = setup();
    await accounts.signUp({ email: 'ana@example.org', name: 'Ana', password: PASSWORD }, 'ip');
    const unknown = await rejection(accounts.logIn({ email: 'nobody@example.org', password: PASSWORD }, 'ip'));
    const wrong = await rejection(accounts.logIn({ email: 'ana@example.org', password: 'wrong password' }, 'ip'));
    expect([unknown.status, unknown.message]).toEqual([401, LOGIN_FAILED]);
    expect([wrong.status, wrong.message]).toEqual([401, LOGIN_FAILED]);
  });

  it('always starts a new session (no fixation)', async () => {
    const { accounts } = setup();
    const signUp = await accounts.signUp({ email: 'ana@example.org', name: 'Ana', password: PASSWORD }, 'ip');
    const login = await accounts.logIn({ email: 'Ana@example.org', password: PASSWORD }, 'ip');
    expect(login.token).not.toBe(signUp.token);
    expect((await accounts.validateSession(login.token))!.actor).toMatchObject({ via: 'session', scope: 'full' });
    expect(await accounts.validateSession(signUp.token)).toBeDefined();
  });
});

describe('sessions', () => {
  it('expire after 30 days unused and are deleted when presented', async () => {
    const { accounts, clock, storage } = setup();
    const { token } = await accounts.signUp({ email: 'ana@example.org', name: 'Ana', password: PASSWORD }, 'ip');
    clock.t += 30 * DAY;
    expect(await accounts.validateSession(token)).toBeUndefined();
    expect(await storage.accounts.session(hashToken(token))).toBeUndefined();
  });

  it('slide: used past half-life they are extended to 30 days and say so', async () => {
    const { accounts, clock } = setup();
    const grant = await accounts.signUp({ email: 'ana@example.org', name: 'Ana', password: PASSWORD }, 'ip');
    clock.t += 14 * DAY;
    const early = (await accounts.validateSession(grant.token))!;
    expect(early.renewed).toBe(false);
    expect(early.expiresAt).toEqual(grant.expiresAt);
    clock.t += 2 * DAY; // 16 days in: 14 days left, under half
    const late = (await accounts.validateSession(grant.token))!;
    expect(late.renewed).toBe(true);
    expect(late.expiresAt.getTime()).toBe(clock.t + 30 * DAY);
    clock.t += 29 * DAY; // 45 days after sign-up, still alive thanks to the renewal
    expect(await accounts.validateSession(grant.token)).toBeDefined();
  });

  it('end on logout, and the socket hears which one ended', async () => {
    const { accounts, seen } = setup();
    const grant = await accounts.signUp({ email: 'ana@example.org', name: 'Ana', password: PASSWORD }, 'ip');
    await accounts.logOut(grant.token);
    expect(await accounts.validateSession(grant.token)).toBeUndefined();
    expect(seen).toEqual([{ kind: 'sessions', userId: grant.user.id, sessionIds: [hashToken(grant.token)] }]);
  });

  it('refuse forged tokens', async () => {
    const { accounts } = setup();
    expect(await accounts.validateSession('a'.repeat(32))).toBeUndefined();
    expect(await accounts.validateSession('')).toBeUndefined();
  });

  it('are swept once expired', async () => {
    const { accounts, clock } = setup();
    await accounts.signUp({ email: 'ana@example.org', name: 'Ana', password: PASSWORD }, 'ip');
    expect(await accounts.sweepExpiredSessions()).toBe(0);
    clock.t += 31 * DAY;
    expect(await accounts.sweepExpiredSessions()).toBe(1);
  });
});

describe('changing the password', () => {
  it('checks the current password, keeps this session and ends every other one', async () => {
    const { accounts, seen } = setup();
    const here = await accounts.signUp({ email: 'ana@example.org', name: 'Ana', password: PASSWORD }, 'ip');
    const elsewhere = await accounts.logIn({ email: 'ana@example.org', password: PASSWORD }, 'ip');
    const actor = (await accounts.validateSession(here.token))!.actor;

    const wrong = await rejection(accounts.changePassword(actor, 'not it', 'a new password'));
    expect(wrong.status).toBe(403);
    const weak = await rejection(accounts.changePassword(actor, PASSWORD, 'short'));
    expect(weak.status).toBe(400);

    await accounts.changePassword(actor, PASSWORD, 'a new password');
    expect(await accounts.validateSession(here.token)).toBeDefined();
    expect(await accounts.validateSession(elsewhere.token)).toBeUndefined();
    expect(seen.at(-1)).toEqual({ kind: 'sessions', userId: here.user.id, sessionIds: [hashToken(elsewhere.token)] });
    await rejection(accounts.logIn({ email: 'ana@example.org', password: PASSWORD }, 'ip'));
    await accounts.logIn({ email: 'ana@example.org', password: 'a new password' }, 'ip');
  });
});

describe('rate limits', () => {
  it('refuse a client IP past its attempts with 429 and a retry time', async () => {
    const { accounts } = setup({ perIp: { points: 3, durationSeconds: 900 } });
    await accounts.signUp({ email: 'ana@example.org', name: 'Ana', password: PASSWORD }, '10.0.0.1');
    await rejection(accounts.logIn({ email: 'ana@example.org', password: 'wrong password' }, '10.0.0.1'));
    await accounts.logIn({ email: 'ana@example.org', password: PASSWORD }, '10.0.0.1');
    const error = await rejection(accounts.logIn({ email: 'ana@example.org', password: PASSWORD }, '10.0.0.1'));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.status).toBe(429);
    expect((error as RateLimitError).retryAfterSeconds).toBeGreaterThan(0);
    expect((error as RateLimitError).retryAfterSeconds).toBeLessThanOrEqual(900);
    // Another address is not affected.
    await accounts.logIn({ email: 'ana@example.org', password: PASSWORD }, '10.0.0.2');
  });

  it('lock an account after 5 failed logins, even against the right password', async () => {
    const { accounts } = setup();
    await accounts.signUp({ email: 'ana@example.org', name: 'Ana', password: PASSWORD }, 'ip');
    for (let i = 0; i < 5; i++) {
      const error = await rejection(accounts.logIn({ email: 'ana@example.org', password: `wrong ${i}` }, `ip${i}`));
      expect(error.status).toBe(401);
    }
    const locked = await rejection(accounts.logIn({ email: 'ana@example.org', password: PASSWORD }, 'elsewhere'));
    expect(locked.status).toBe(429);
    expect((locked as RateLimitError).retryAfterSeconds).toBeGreaterThan(0);
    // Unknown emails lock the same way: a lockout does not reveal that an account exists.
    for (let i = 0; i < 5; i++) await rejection(accounts.logIn({ email: 'ghost@example.org', password: 'x' }, 'ip'));
    expect((await rejection(accounts.logIn({ email: 'ghost@example.org', password: 'x' }, 'ip'))).status).toBe(429);
  });

  it('forget failed logins after a successful one', async () => {
    const { accounts } = setup();
    await accounts.signUp({ email: 'ana@example.org', name: 'Ana', password: PASSWORD }, 'ip');
    for (let i = 0; i < 4; i++) await rejection(accounts.logIn({ email: 'ana@example.org', password: 'wrong' }, 'ip'));
    await accounts.logIn({ email: 'ana@example.org', password: PASSWORD }, 'ip');
    for (let i = 0; i < 4; i++) {
      expect((await rejection(accounts.logIn({ email: 'ana@example.org', password: 'wrong' }, 'ip'))).status).toBe(401);
    }
    await accounts.logIn({ email: 'ana@example.org', password: PASSWORD }, 'ip');
  });
});

describe('API tokens', () => {
  it('are shown once, stored hashed, read-only, listed without the secret', async () => {
    const { accounts, storage, clock } = setup();
    const { user } = await accounts.signUp({ email: 'ana@example.org', name: 'Ana', password: PASSWORD }, 'ip');
    const { token, info } = await accounts.createApiToken(user.id, 'ci', 30);
    expect(token).toMatch(/^cw_[a-z2-7]{32}$/);
    expect((await storage.accounts.apiTokenByHash(hashToken(token)))!.id).toBe(info.id);
    expect(JSON.stringify(await storage.accounts.apiTokensOf(user.id))).not.toContain(token.slice(3));
    expect(JSON.stringify(await accounts.listApiTokens(user.id))).not.toContain(token.slice(3));
    expect(await accounts.listApiTokens(user.id)).toEqual([{ ...info, lastUsedAt: null }]);
    const actor = (await accounts.validateApiToken(token))!;
    expect(actor).toMatchObject({ via: 'token', scope: 'read', credentialId: info.id, user: { id: user.id } });
    expect((await accounts.listApiTokens(user.id))[0]!.lastUsedAt).toBe(new Date(clock.t).toISOString());
  });

  it('touch lastUsedAt at most once a minute', async () => {
    const { accounts, clock } = setup();
    const { user } = await accounts.signUp({ email: 'ana@example.org', name: 'Ana', password: PASSWORD }, 'ip');
    const { token } = await accounts.createApiToken(user.id, 'ci');
    const first = new Date(clock.t).toISOString();
    await accounts.validateApiToken(token);
    clock.t += 30_000;
    await accounts.validateApiToken(token);
    expect((await accounts.listApiTokens(user.id))[0]!.lastUsedAt).toBe(first);
    clock.t += 31_000;
    await accounts.validateApiToken(token);
    expect((await accounts.listApiTokens(user.id))[0]!.lastUsedAt).toBe(new Date(clock.t).toISOString());
  });

  it('stop working once revoked or expired; forged ones never work', async () => {
    const { accounts, clock, seen } = setup();
    const { user } = await accounts.signUp({ email: 'ana@example.org', name: 'Ana', password: PASSWORD }, 'ip');
    const revoked = await accounts.createApiToken(user.id, 'old');
    await accounts.revokeApiToken(user.id, revoked.info.id);
    expect(await accounts.validateApiToken(revoked.token)).toBeUndefined();
    expect(seen.at(-1)).toEqual({ kind: 'sessions', userId: user.id, sessionIds: [revoked.info.id] });
    expect((await rejection(accounts.revokeApiToken(user.id, revoked.info.id))).status).toBe(404);

    const expiring = await accounts.createApiToken(user.id, 'short', 1);
    expect(await accounts.validateApiToken(expiring.token)).toBeDefined();
    clock.t += DAY;
    expect(await accounts.validateApiToken(expiring.token)).toBeUndefined();

    expect(await accounts.validateApiToken('cw_' + 'a'.repeat(32))).toBeUndefined();
    // A session token is not an API token, and the reverse.
    const grant = await accounts.logIn({ email: 'ana@example.org', password: PASSWORD }, 'ip');
    expect(await accounts.validateApiToken(grant.token)).toBeUndefined();
    const api = await accounts.createApiToken(user.id, 'ci');
    expect(await accounts.validateSession(api.token)).toBeUndefined();
  });

  it('refuse a bad name or expiry, and an unknown user', async () => {
    const { accounts } = setup();
    const { user } = await accounts.signUp({ email: 'ana@example.org', name: 'Ana', password: PASSWORD }, 'ip');
    await expect(accounts.createApiToken(user.id, '')).rejects.toThrow(/must not be empty/);
    await expect(accounts.createApiToken(user.id, 'ci', 0)).rejects.toThrow(/whole number of days/);
    await expect(accounts.createApiToken('u-nobody', 'ci')).rejects.toThrow(/No account/);
  });
});
