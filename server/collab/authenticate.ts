// Who is on the other end of a collaboration connection, and what they may do there (Hocuspocus
// onAuthenticate, which runs after persistence's onConnect has refused unknown standards).
//
// The credential is a session token: the provider's `token` (Node clients, tests), else the
// `session` cookie the browser sent with the upgrade. Browsers attach cookies to cross-site
// WebSocket upgrades too and WebSockets are not subject to CORS, so the cookie only counts when
// the request comes from our own origin (cross-site WebSocket hijacking). Reviewers and observers
// get read-only connections: Hocuspocus then refuses their document updates itself.

import type { IncomingHttpHeaders } from 'node:http';
import type { onAuthenticatePayload } from '@hocuspocus/server';
import type { Logger } from '../log';
import { can, type Role } from '../access/roles';
import type { AccessService, AccountsService, Actor, ThreadsService, ValidSession } from '../services';
import { CLOSE, CollabError } from './errors';

export const SESSION_COOKIE = 'session';

/** What the collaboration socket needs from the access services (passed by server/app.ts). */
export interface CollabAuth {
  accounts: AccountsService;
  access: AccessService;
  threads: ThreadsService;
  /** The working group a standard belongs to. */
  standardGroup(id: string): Promise<string | undefined>;
}

/** What onAuthenticate puts in the Hocuspocus context of a connection. */
export interface CollabContext {
  actor: Actor;
  /** The role when the connection was made; the access registry keeps the current one. */
  role: Role;
  /** sha-256 id of the session (Actor.credentialId). */
  sessionId: string;
  groupId: string;
  /** When the session expires (ms since epoch), as last validated. */
  expiresAt: number;
  /**
   * Validates the session again (it may have been extended by HTTP use, or ended). A closure, so
   * the token itself never sits in the context where a hook could log it.
   */
  revalidate(): Promise<ValidSession | undefined>;
}

export interface AuthenticateOptions {
  auth: CollabAuth;
  log: Logger;
  /** The public origin (ORIGIN) when behind a proxy; otherwise the Host header is compared. */
  origin?: string;
}

export function authenticator({ auth, log, origin }: AuthenticateOptions) {
  const refuse = (kind: 'unauthenticated' | 'forbidden', documentName: string, socketId: string, why: string) => {
    log.info('collab.refused', { document: documentName, socket: socketId, reason: kind, why });
    return new CollabError(kind === 'unauthenticated' ? CLOSE.unauthenticated : CLOSE.forbidden, kind);
  };

  // A database that fails here is not a refusal: the client must hear "try again", not
  // "forbidden" (which the editor treats as final), and the log must name the document.
  const lookup = async <T>(what: string, documentName: string, socketId: string, work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      log.error('collab.access_check_failed', { document: documentName, socket: socketId, what, error });
      throw new CollabError(CLOSE.tryAgain, 'storage-failed', `Could not check access (${what}); try again shortly.`);
    }
  };

  return async ({ token, requestHeaders, documentName, connectionConfig, socketId }: onAuthenticatePayload): Promise<CollabContext> => {
    const credential = token ? { from: 'token', value: token } : cookieCredential(requestHeaders, origin);
    if (!credential.value) {
      throw refuse('unauthenticated', documentName, socketId, credential.from === 'cross-origin' ? 'cookie from a foreign origin' : 'no credential');
    }
    const secret = credential.value;
    const session = await lookup('session', documentName, socketId, () => auth.accounts.validateSession(secret));
    if (!session || session.actor.via !== 'session') {
      throw refuse('unauthenticated', documentName, socketId, `unknown or expired session (${credential.from})`);
    }
    const { actor } = session;
    const role = await lookup('role', documentName, socketId, () => auth.access.roleOn(actor, documentName));
    if (!role) throw refuse('forbidden', documentName, socketId, `user ${actor.user.id} is not a member`);
    connectionConfig.readOnly = !can(role, 'edit');
    const groupId = (await lookup('group', documentName, socketId, () => auth.standardGroup(documentName))) ?? '';
    log.info('collab.authenticated', { document: documentName, socket: socketId, user: actor.user.id, role, via: credential.from });
    return {
      actor,
      role,
      sessionId: actor.credentialId,
      groupId,
      expiresAt: session.expiresAt.getTime(),
      revalidate: () => auth.accounts.validateSession(secret)
    };
  };
}

/** The session cookie, only when the upgrade came from our own origin (or from no browser). */
export function cookieCredential(
  headers: IncomingHttpHeaders,
  origin?: string
): { from: 'cookie' | 'cross-origin'; value: string | undefined } {
  const value = readCookie(headers.cookie, SESSION_COOKIE);
  if (!value) return { from: 'cookie', value: undefined };
  return isSameOrigin(headers, origin) ? { from: 'cookie', value } : { from: 'cross-origin', value: undefined };
}

/**
 * Browsers always send Origin on a WebSocket upgrade; a request without one is not from a page,
 * so no other site can be riding on the cookie.
 */
export function isSameOrigin(headers: IncomingHttpHeaders, origin?: string): boolean {
  const sent = headers.origin;
  if (sent === undefined) return true;
  let from: URL;
  try {
    from = new URL(sent);
  } catch {
    return false; // "null" (sandboxed frames, file:) and anything unparsable
  }
  if (origin) {
    try {
      return from.origin === new URL(origin).origin;
    } catch {
      return false;
    }
  }
  const host = headers.host?.toLowerCase();
  return host !== undefined && (from.protocol === 'http:' || from.protocol === 'https:') && from.host.toLowerCase() === host;
}

function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at < 0 || part.slice(0, at).trim() !== name) continue;
    const raw = part.slice(at + 1).trim();
    try {
      return decodeURIComponent(raw) || undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}
