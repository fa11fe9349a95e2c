// The accounts service (AccountsService in server/services.ts): sign-up, login, sessions,
// password changes and personal API tokens.

import type { Logger } from '../log';
import {
  InputError,
  type AccountsService,
  type Actor,
  type ApiTokenInfo,
  type SessionGrant,
  type User
} from '../services';
import { UniqueViolation, type ApiTokenRow, type Storage, type UserRow } from '../storage/types';
import type { ChangeHub } from './changes';
import { checkDays, checkEmail, checkLine, normalizeEmail } from './input';
import { checkNewPassword, hashPassword, verifyNothing, verifyPassword } from './passwords';
import { LoginLimits } from './rate-limit';
import { createSession, validateSessionToken } from './sessions';
import { API_TOKEN_PREFIX, hashToken, newApiToken, newRowId } from './tokens';

export const LOGIN_FAILED = 'Email or password is incorrect.';
export const EMAIL_TAKEN = 'An account with this email exists; log in instead.';
const MAX_NAME_LENGTH = 100;
const MAX_TOKEN_DAYS = 3650;
/** lastUsedAt is a hint for people reviewing their tokens; one write a minute is plenty. */
const TOUCH_INTERVAL_MS = 60_000;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface AccountsDeps {
  storage: Storage;
  changes: ChangeHub;
  log: Logger;
  limits?: LoginLimits;
  /** The clock (ms since epoch); tests move it to expire sessions and tokens. */
  now?: () => number;
}

export type Accounts = AccountsService & {
  /** Deletes sessions past their expiry; returns how many. */
  sweepExpiredSessions(): Promise<number>;
};

export function accountsService({ storage, changes, log, limits = new LoginLimits(), now = Date.now }: AccountsDeps): Accounts {
  const repo = storage.accounts;

  // The repository decides isAdmin inside the insert: two simultaneous first sign-ups make one admin.
  const insertUser = async (email: string, name: string, passwordHash: string): Promise<UserRow> => {
    try {
      return await repo.createUser({ id: newRowId('u'), email, name, passwordHash, createdAt: new Date(now()).toISOString() });
    } catch (error) {
      if (error instanceof UniqueViolation) throw new InputError(EMAIL_TAKEN, 409);
      throw error;
    }
  };

  const grant = async (row: UserRow): Promise<SessionGrant> => {
    const { token, session } = await createSession(repo, row.id, now());
    return { user: toUser(row), token, expiresAt: new Date(session.expiresAt) };
  };

  return {
    async signUp(input, ip) {
      await limits.attempt(ip);
      const email = checkEmail(input?.email);
      const name = checkLine(input?.name, 'The name', MAX_NAME_LENGTH);
      const password = checkNewPassword(input?.password);
      // Without sending an email, sign-up cannot hide that an address is taken; login never tells.
      if (await repo.userByEmail(email)) throw new InputError(EMAIL_TAKEN, 409);
      const passwordHash = await hashPassword(password);
      const row = await insertUser(email, name, passwordHash);
      log.info('account.created', { userId: row.id, isAdmin: row.isAdmin });
      return grant(row);
    },

    async logIn(input, ip) {
      await limits.attempt(ip);
      const email = normalizeEmail(input?.email);
      const password = typeof input?.password === 'string' ? input.password : '';
      await limits.ensureUnlocked(email);
      const row = await repo.userByEmail(email);
      const ok = row ? await verifyPassword(row.passwordHash, password) : await verifyNothing(password);
      if (!row || !ok) {
        await limits.failed(email);
        log.info('account.login_failed', {});
        throw new InputError(LOGIN_FAILED, 401);
      }
      await limits.succeeded(email);
      log.info('account.logged_in', { userId: row.id });
      return grant(row);
    },

    async validateSession(token) {
      if (typeof token !== 'string' || token === '') return undefined;
      const valid = await validateSessionToken(repo, token, now());
      const row = valid && (await repo.userById(valid.session.userId));
      if (!valid || !row) return undefined;
      return {
        actor: { user: toUser(row), via: 'session', scope: 'full', credentialId: valid.session.id },
        expiresAt: new Date(valid.session.expiresAt),
        renewed: valid.renewed
      };
    },

    async logOut(token) {
      if (typeof token !== 'string' || token === '') return;
      const session = await repo.session(hashToken(token));
      if (!session) return;
      await repo.deleteSession(session.id);
      changes.emit({ kind: 'sessions', userId: session.userId, sessionIds: [session.id] });
    },

    async changePassword(actor, current, next) {
      if (actor.via !== 'session') throw new InputError('API tokens cannot change passwords.', 403);
      const row = await repo.userById(actor.user.id);
      if (!row) throw new InputError('This account no longer exists.', 401);
      const password = checkNewPassword(next);
      // Same per-account budget as logins: a stolen session must not become a password oracle.
      await limits.ensureUnlocked(row.email);
      if (typeof current !== 'string' || !(await verifyPassword(row.passwordHash, current))) {
        await limits.failed(row.email);
        throw new InputError('The current password is incorrect.', 403);
      }
      await repo.setPasswordHash(row.id, await hashPassword(password));
      const ended = await repo.deleteSessionsOf(row.id, actor.credentialId);
      log.info('account.password_changed', { userId: row.id, endedSessions: ended.length });
      changes.emit({ kind: 'sessions', userId: row.id, sessionIds: ended });
    },

    userCount: () => repo.userCount(),

    async findUser(email) {
      const row = await repo.userByEmail(normalizeEmail(email));
      return row && toUser(row);
    },

    async createApiToken(userId, name, expiresInDays) {
      if (!(await repo.userById(userId))) throw new InputError(`No account with id "${userId}".`, 404);
      const label = checkLine(name, 'The token name', MAX_NAME_LENGTH);
      const days = checkDays(expiresInDays, 'The expiry', 1, MAX_TOKEN_DAYS);
      const token = newApiToken();
      const at = now();
      const row: ApiTokenRow = {
        id: newRowId('t'),
        hash: hashToken(token),
        userId,
        name: label,
        scope: 'read',
        createdAt: new Date(at).toISOString(),
        expiresAt: days === undefined ? null : new Date(at + days * DAY_MS).toISOString(),
        lastUsedAt: null
      };
      await repo.createApiToken(row);
      log.info('api_token.created', { userId, tokenId: row.id });
      return { token, info: toTokenInfo(row) };
    },

    listApiTokens: async (userId) => (await repo.apiTokensOf(userId)).map(toTokenInfo),

    async revokeApiToken(userId, tokenId) {
      if (!(await repo.deleteApiToken(userId, tokenId))) {
        throw new InputError(`This account has no API token with id "${tokenId}".`, 404);
      }
      log.info('api_token.revoked', { userId, tokenId });
      changes.emit({ kind: 'sessions', userId, sessionIds: [tokenId] });
    },

    async validateApiToken(token) {
      if (typeof token !== 'string' || !token.startsWith(API_TOKEN_PREFIX)) return undefined;
      const row = await repo.apiTokenByHash(hashToken(token));
      const at = now();
      if (!row || (row.expiresAt !== null && Date.parse(row.expiresAt) <= at)) return undefined;
      const user = await repo.userById(row.userId);
      if (!user) return undefined;
      if (row.lastUsedAt === null || at - Date.parse(row.lastUsedAt) >= TOUCH_INTERVAL_MS) {
        await repo.touchApiToken(row.id, new Date(at).toISOString());
      }
      const actor: Actor = { user: toUser(user), via: 'token', scope: 'read', credentialId: row.id };
      return actor;
    },

    sweepExpiredSessions: () => repo.deleteExpiredSessions(now())
  };
}

export function toUser(row: UserRow): User {
  return { id: row.id, email: row.email, name: row.name, isAdmin: row.isAdmin, createdAt: row.createdAt };
}

function toTokenInfo(row: ApiTokenRow): ApiTokenInfo {
  return {
    id: row.id,
    name: row.name,
    scope: row.scope,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    lastUsedAt: row.lastUsedAt
  };
}
