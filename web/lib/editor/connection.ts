// The connection as a user should see it: connecting (never synced yet), connected, reconnecting
// (the provider is retrying after losing the server), offline (the browser says so); the number
// of local edits the server has not acknowledged; and a fatal reason when the server refuses the
// document, so the page can say so instead of showing a blank editor. When the refusal is about
// the person (signed out, session ended, removed from the group), the page blocks the editor and
// offers to sign in again instead of retrying forever.

import type { HocuspocusProvider } from '@hocuspocus/provider';
import type { ConnectionStatus } from './context.svelte';

export interface ConnectionState {
  status: ConnectionStatus;
  unsynced: number;
  synced: boolean;
  /** Why the server will not serve this document; the provider has stopped retrying. */
  fatal: string | null;
  /** Set when the refusal is about who is asking: they must sign in again or ask for access. */
  blocked: Blocked | null;
}

export type BlockKind = 'access-revoked' | 'session-ended' | 'unauthenticated' | 'forbidden';

export interface Blocked {
  kind: BlockKind;
  message: string;
}

const BLOCK_MESSAGES: Record<BlockKind, string> = {
  'access-revoked': 'Your access to this standard was withdrawn.',
  'session-ended': 'Your session has ended or expired. Sign in again to continue.',
  unauthenticated: 'You are not signed in, or your session has expired.',
  forbidden: 'Your account is not a member of the working group this standard belongs to.'
};

const KIND_ALIASES: Record<string, BlockKind> = {
  'session-expired': 'session-ended',
  // Hocuspocus's own reason when a hook refuses without saying why.
  'permission-denied': 'forbidden'
};

/** The machine-readable part of a server reason ("kind: message" or a bare "kind"). */
export function reasonKind(reason: string | undefined): string | null {
  const match = /^\s*([a-z][a-z-]*)\s*(?::|$)/.exec(reason ?? '');
  return match ? match[1]! : null;
}

/** Whether a close or refusal reason means the person may not use the document any more. */
export function blockedBy(reason: string | undefined): Blocked | null {
  const kind = reasonKind(reason);
  if (!kind) return null;
  const blockKind = (kind in BLOCK_MESSAGES ? kind : KIND_ALIASES[kind]) as BlockKind | undefined;
  if (!blockKind) return null;
  const detail = readableReason(reason);
  return { kind: blockKind, message: detail && detail !== kind ? detail : BLOCK_MESSAGES[blockKind] };
}

// Closes that mean "try again": normal closes, going away, abnormal drops, the server's reset on
// shutdown, a ping timeout. Anything else from the server (4xxx from a hook) is its answer.
const TRANSIENT_CLOSE_CODES = new Set([1000, 1001, 1005, 1006, 1011, 1012, 1013, 4205, 4408]);

interface CloseLike {
  code?: number;
  reason?: string;
}

/** The server's reasons read "kind: message"; the kind is for machines. */
export function readableReason(reason: string | undefined): string {
  return (reason ?? '').trim().replace(/^[a-z][a-z-]*:\s*/, '');
}

export function fatalCloseReason(event: CloseLike | undefined): string | null {
  if (!event || typeof event.code !== 'number') return null;
  if (TRANSIENT_CLOSE_CODES.has(event.code)) return null;
  if (event.code === 1009) return 'The last change was too large for the server to accept.';
  return readableReason(event.reason) || `The server closed the document (code ${event.code}).`;
}

/**
 * Hocuspocus closes one document on a shared socket with a message, not a socket close (the
 * provider reports it with a plain object instead of a CloseEvent). The socket stays open, so the
 * provider would never rejoin the document by itself.
 */
export function isDocumentClose(event: unknown): boolean {
  return typeof CloseEvent !== 'undefined' && !(event instanceof CloseEvent);
}

const REJOIN_FIRST_MS = 500;
const REJOIN_MAX_MS = 10_000;

/** Feeds `onChange` with the connection state until the returned function is called. */
export function watchConnection(
  provider: HocuspocusProvider,
  onChange: (state: ConnectionState) => void
): () => void {
  let everConnected = false;
  let socketStatus: string = 'connecting';
  const state: ConnectionState = {
    status: 'connecting',
    unsynced: provider.unsyncedChanges,
    synced: provider.isSynced,
    fatal: null,
    blocked: null
  };

  const publish = () => {
    const online = typeof navigator === 'undefined' || navigator.onLine;
    state.status = !online
      ? 'offline'
      : socketStatus === 'connected' && state.synced
        ? 'connected'
        : everConnected
          ? 'reconnecting'
          : 'connecting';
    onChange({ ...state });
  };
  const fail = (reason: string) => {
    state.fatal = reason;
    publish();
    // Retrying a refused document only hammers the server and hides the message.
    provider.configuration.websocketProvider.disconnect();
  };

  const onStatus = ({ status }: { status: string }) => {
    socketStatus = status;
    if (status === 'connected') everConnected = true;
    // Sync state is per connection: after a drop the document is synced again only once the
    // server has answered the new handshake.
    if (status !== 'connected') state.synced = false;
    publish();
  };
  const onSynced = ({ state: synced }: { state: boolean }) => {
    state.synced = synced;
    if (synced) {
      everConnected = true;
      rejoinDelay = REJOIN_FIRST_MS;
    }
    publish();
  };
  const onUnsynced = ({ number }: { number: number }) => {
    state.unsynced = number;
    publish();
  };
  // Rejoining after the server closed just this document (e.g. it was deleted, or storage failed
  // and the server wants clients to send their edits again): the answer to the new handshake is
  // either a sync or a refusal that says why.
  let rejoinDelay = REJOIN_FIRST_MS;
  let rejoinTimer: ReturnType<typeof setTimeout> | undefined;
  const rejoin = () => {
    rejoinTimer = undefined;
    if (state.fatal) return;
    provider.detach();
    provider.attach();
  };
  const block = (blocked: Blocked) => {
    state.blocked = blocked;
    fail(blocked.message);
  };

  const onClose = ({ event }: { event: CloseLike }) => {
    if (state.fatal) return;
    const blocked = blockedBy(event?.reason);
    if (blocked) return block(blocked);
    const reason = fatalCloseReason(event);
    if (reason) return fail(reason);
    if (isDocumentClose(event) && !rejoinTimer) {
      state.synced = false;
      publish();
      rejoinTimer = setTimeout(rejoin, rejoinDelay);
      rejoinDelay = Math.min(rejoinDelay * 2, REJOIN_MAX_MS);
    }
  };
  const onAuthFailed = ({ reason }: { reason: string }) => {
    const blocked = blockedBy(reason);
    if (blocked) block(blocked);
    else fail(readableReason(reason) || 'Access to this standard was refused.');
  };

  provider.on('status', onStatus);
  provider.on('synced', onSynced);
  provider.on('unsyncedChanges', onUnsynced);
  provider.on('close', onClose);
  provider.on('authenticationFailed', onAuthFailed);
  globalThis.addEventListener?.('online', publish);
  globalThis.addEventListener?.('offline', publish);
  socketStatus = provider.configuration.websocketProvider.status;
  publish();

  return () => {
    clearTimeout(rejoinTimer);
    provider.off('status', onStatus);
    provider.off('synced', onSynced);
    provider.off('unsyncedChanges', onUnsynced);
    provider.off('close', onClose);
    provider.off('authenticationFailed', onAuthFailed);
    globalThis.removeEventListener?.('online', publish);
    globalThis.removeEventListener?.('offline', publish);
  };
}
