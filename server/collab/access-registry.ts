// Keeps every authenticated document connection's access current while it stays open. A member
// removed from a group, demoted or promoted, or whose session ended, is dealt with at once
// (AccessService.onChange): the connection is closed, or made read-only or writable again, without
// the client reconnecting. Hocuspocus reads `connection.readOnly` when it handles each update, so
// flipping it takes effect on the very next message.
//
// The per-message check (beforeHandleMessage) reads memory only: Hocuspocus applies each message
// when the hook chain resolves, and a lookup per message could reorder a client's messages. Role
// and session lookups (storage) run as a connection's pending check, started by an access change,
// by registration or by the session reaching its expiry; every message that arrives while one is
// under way waits for that same check, so they still reach the next hook in arrival order.

import type { beforeHandleMessagePayload, Connection, Extension, connectedPayload } from '@hocuspocus/server';
import type { WebSocket } from 'ws';
import type { Logger } from '../log';
import { can, type Role } from '../access/roles';
import type { AccessChange, Actor } from '../services';
import type { CollabAuth, CollabContext } from './authenticate';
import { CLOSE, CollabError } from './errors';
import { messageType, MESSAGE_TYPE } from './messages';

/** How often idle connections are checked for expired sessions. */
const EXPIRY_SWEEP_MS = 60_000;

interface Entry {
  connection: Connection;
  context: CollabContext;
  documentName: string;
  groupId: string;
  role: Role;
  expiresAt: number;
  /** Set once access ended: why the connection was closed. */
  revoked?: CollabError;
  /** The access check under way; messages wait for it. */
  pending?: Promise<void>;
}

export interface AccessRegistry extends Extension {
  /** The actor of a connection whose access is still valid, else undefined. */
  actorOf(connection: Connection): Actor | undefined;
  /** The connection's current role (undefined once revoked). */
  roleOf(connection: Connection): Role | undefined;
  /** Stops listening for access changes and the expiry sweep. */
  dispose(): void;
}

/** Sent to a connection whose role changed while it stays open, so its editor can follow. */
export interface AccessNotice {
  type: 'access';
  role: Role;
  readOnly: boolean;
}

export function accessRegistry({ auth, log }: { auth: CollabAuth; log: Logger }): AccessRegistry {
  const entries = new Map<Connection, Entry>();
  const byUser = new Map<string, Set<Entry>>();
  const bySocket = new Map<WebSocket, Set<Entry>>();

  const forget = (entry: Entry) => {
    entries.delete(entry.connection);
    const userId = entry.context.actor.user.id;
    byUser.get(userId)?.delete(entry);
    if (byUser.get(userId)?.size === 0) byUser.delete(userId);
    const socket = entry.connection.webSocket as WebSocket;
    bySocket.get(socket)?.delete(entry);
    if (bySocket.get(socket)?.size === 0) bySocket.delete(socket);
  };

  const revoke = (entry: Entry, error: CollabError) => {
    if (entry.revoked) return;
    entry.revoked = error;
    // First, so that a message already past beforeHandleMessage is refused when Hocuspocus applies it.
    entry.connection.readOnly = true;
    log.info('collab.access_ended', {
      document: entry.documentName,
      socket: entry.connection.socketId,
      user: entry.context.actor.user.id,
      reason: error.reason
    });
    entry.connection.close({ code: error.code, reason: error.reason });
    forget(entry);
    // The Connection's close only tells the provider (as a Hocuspocus close message with code 1000);
    // closing the socket also delivers the code, unless the socket still serves other documents.
    const socket = entry.connection.webSocket as WebSocket;
    if (!bySocket.has(socket)) socket.close(error.code, error.reason);
  };

  /**
   * Runs `work` (a lookup in storage) as the entry's pending check, after any check already under
   * way. A check that fails closes the connection (fail closed); the client rejoins and
   * authenticates afresh.
   */
  const check = (entry: Entry, work: () => Promise<void>): Promise<void> => {
    const next = (entry.pending ?? Promise.resolve()).then(work).catch((error: unknown) => {
      log.error('collab.access_check_failed', { document: entry.documentName, socket: entry.connection.socketId, error });
      revoke(entry, new CollabError(CLOSE.tryAgain, 'storage-failed', 'could not check access to this standard; try again'));
    });
    entry.pending = next;
    void next.then(() => {
      if (entry.pending === next) entry.pending = undefined;
    });
    return next;
  };

  const register = (connection: Connection, context: CollabContext, documentName: string): Entry | undefined => {
    const known = entries.get(connection);
    if (known) return known;
    if (!context?.actor) return undefined; // never authenticated by us: nothing to track
    const entry: Entry = {
      connection,
      context,
      documentName,
      groupId: context.groupId,
      role: context.role,
      expiresAt: context.expiresAt
    };
    entries.set(connection, entry);
    add(byUser, context.actor.user.id, entry);
    add(bySocket, connection.webSocket as WebSocket, entry);
    connection.onClose(() => forget(entry));
    // Access may have changed between authentication and now, when no listener could see it.
    void refreshRole(entry);
    return entry;
  };

  const refreshRole = (entry: Entry) =>
    check(entry, async () => {
      if (entry.revoked) return;
      const role = await auth.access.roleOn(entry.context.actor, entry.documentName);
      if (!entry.revoked) applyRole(entry, role);
    });

  const applyRole = (entry: Entry, role: Role | undefined) => {
    if (!role) return revoke(entry, new CollabError(CLOSE.forbidden, 'access-revoked'));
    const readOnly = !can(role, 'edit');
    const changed = role !== entry.role || entry.connection.readOnly !== readOnly;
    entry.role = role;
    entry.context.role = role;
    entry.connection.readOnly = readOnly;
    if (!changed) return;
    log.info('collab.role_changed', { document: entry.documentName, socket: entry.connection.socketId, user: entry.context.actor.user.id, role });
    const notice: AccessNotice = { type: 'access', role, readOnly };
    entry.connection.sendStateless(JSON.stringify(notice));
  };

  /** Once the session is past its expiry: renews it, or closes the connection. */
  const checkExpiry = (entry: Entry, now: number) => {
    if (now < entry.expiresAt || entry.revoked) return;
    void check(entry, async () => {
      if (entry.revoked || Date.now() < entry.expiresAt) return; // a check before this one renewed it
      // It may have been extended by use elsewhere since this connection validated it.
      const session = await entry.context.revalidate();
      if (entry.revoked) return;
      if (session && session.actor.user.id === entry.context.actor.user.id) {
        entry.expiresAt = session.expiresAt.getTime();
        return;
      }
      revoke(entry, new CollabError(CLOSE.unauthenticated, 'session-expired'));
    });
  };

  const onChange = (change: AccessChange) => {
    const mine = [...(byUser.get(change.userId) ?? [])];
    if (change.kind === 'membership') {
      for (const entry of mine) if (entry.groupId === change.groupId) void refreshRole(entry);
      return;
    }
    const ended = change.sessionIds && new Set(change.sessionIds);
    for (const entry of mine) {
      if (!ended || ended.has(entry.context.sessionId)) revoke(entry, new CollabError(CLOSE.unauthenticated, 'session-ended'));
    }
  };
  const unsubscribe = auth.access.onChange(onChange);

  const sweep = setInterval(() => {
    const now = Date.now();
    for (const entry of [...entries.values()]) checkExpiry(entry, now);
  }, EXPIRY_SWEEP_MS);
  sweep.unref();

  return {
    extensionName: 'clausework-access',
    // Before persistence: a refused message is not even measured.
    priority: 200,

    async connected({ connection, context, documentName }: connectedPayload) {
      await register(connection, context as CollabContext, documentName)?.pending;
    },

    async beforeHandleMessage({ connection, context, documentName, update }: beforeHandleMessagePayload) {
      // Messages queued during authentication arrive here before the `connected` hook runs.
      const entry = register(connection, context as CollabContext, documentName);
      if (!entry) throw new CollabError(CLOSE.unauthenticated, 'unauthenticated');
      checkExpiry(entry, Date.now());
      if (entry.pending) await entry.pending;
      if (entry.revoked) throw entry.revoked;
      // Hocuspocus relays a client's broadcast to every connection unchecked: it would let anyone
      // forge review events ({type:'thread'}) for everybody. Clients use plain stateless messages.
      if (messageType(update) === MESSAGE_TYPE.broadcastStateless) {
        throw new CollabError(CLOSE.forbidden, 'forbidden-message', 'clients may not broadcast stateless messages');
      }
    },

    actorOf(connection) {
      const entry = entries.get(connection);
      return entry && !entry.revoked ? entry.context.actor : undefined;
    },

    roleOf(connection) {
      const entry = entries.get(connection);
      return entry && !entry.revoked ? entry.role : undefined;
    },

    dispose() {
      unsubscribe();
      clearInterval(sweep);
    }
  };
}

function add<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key) ?? new Set<V>();
  set.add(value);
  map.set(key, set);
}
