// Sessions after Lucia's design (lucia-auth.com/sessions): the browser holds a random token, the
// database holds its SHA-256 as the session id, so a database leak yields no usable session.
// Sessions last 30 days and slide: one used in its second half is extended to a full 30 days.

import type { AccountsRepository, SessionRow } from '../storage/types';
import { hashToken, newToken } from './tokens';

const DAY_MS = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME_MS = 30 * DAY_MS;
/** Past half-life a used session is renewed (and the cookie set again). */
export const SESSION_RENEW_WITHIN_MS = 15 * DAY_MS;

export interface NewSession {
  token: string;
  session: SessionRow;
}

export async function createSession(repo: AccountsRepository, userId: string, now: number): Promise<NewSession> {
  const token = newToken();
  const session: SessionRow = {
    id: hashToken(token),
    userId,
    expiresAt: now + SESSION_LIFETIME_MS,
    createdAt: new Date(now).toISOString()
  };
  await repo.createSession(session);
  return { token, session };
}

/** The live session of a token, renewed when past half-life; expired sessions are deleted. */
export async function validateSessionToken(
  repo: AccountsRepository,
  token: string,
  now: number
): Promise<{ session: SessionRow; renewed: boolean } | undefined> {
  const session = await repo.session(hashToken(token));
  if (!session) return undefined;
  if (now >= session.expiresAt) {
    await repo.deleteSession(session.id);
    return undefined;
  }
  if (session.expiresAt - now >= SESSION_RENEW_WITHIN_MS) return { session, renewed: false };
  const expiresAt = now + SESSION_LIFETIME_MS;
  await repo.setSessionExpiry(session.id, expiresAt);
  return { session: { ...session, expiresAt }, renewed: true };
}
