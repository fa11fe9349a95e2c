// Keeps sockets that never authenticate from piling up. Hocuspocus lets a socket stay open
// indefinitely without opening a document, and queues whatever it sends meanwhile; thousands of
// such sockets would hold memory and file descriptors for nothing. Here a socket counts as
// waiting from its handshake until its first document opens (Hocuspocus's `connected` hook, which
// runs after authentication and loading). While waiting:
// - it is closed with 4408 `auth-timeout` after COLLAB_AUTH_TIMEOUT_MS;
// - it is read only up to PRE_AUTH_BYTES / PRE_AUTH_MESSAGES, then paused (TCP back-pressure)
//   until a document opens, so what Hocuspocus queues for it stays small. A provider sends its
//   token, a sync step 1 and an awareness state before authentication (a few KiB), so pausing
//   never delays a real client's authentication;
// - at most COLLAB_MAX_UNAUTHENTICATED sockets wait at once; further upgrades are answered
//   HTTP 503 with Retry-After before the WebSocket handshake, costing nothing to keep.
// So memory for waiting sockets is bounded by roughly COLLAB_MAX_UNAUTHENTICATED × (socket
// overhead + PRE_AUTH_BYTES), whatever they send, and they are gone after the timeout.

import type { Duplex } from 'node:stream';
import type { Extension, connectedPayload } from '@hocuspocus/server';
import type { WebSocket } from 'ws';
import type { Logger } from '../log';
import { closeFirmly } from './flood';

export const AUTH_TIMEOUT = { code: 4408, reason: 'auth-timeout' } as const;
/** Bytes a socket may send before its first document opens; then it is not read until it does. */
export const PRE_AUTH_BYTES = 64 * 1024;
/** Messages a socket may send before its first document opens (a provider sends three per document). */
export const PRE_AUTH_MESSAGES = 100;
/** Refusals at the cap are logged at most this often, with the count since the previous line. */
const REFUSAL_LOG_INTERVAL_MS = 10_000;

export interface AdmissionLimits {
  collabAuthTimeoutMs: number;
  collabMaxUnauthenticated: number;
}

export interface Admission {
  /** Marks a socket authenticated when its first document opens. */
  extension: Extension;
  /** False, after answering 503 and closing the socket, when too many sockets are waiting already. */
  admit(socket: Duplex): boolean;
  /** Starts the authentication clock for a socket that completed the WebSocket handshake. */
  track(ws: WebSocket, socket: Duplex): void;
  /** How many sockets are waiting for authentication now. */
  waiting(): number;
  /** Stops every clock (shutdown). */
  dispose(): void;
}

interface Waiting {
  timer: NodeJS.Timeout;
  bytes: number;
  messages: number;
  paused: boolean;
  stopCounting(): void;
}

export function admission({ limits, log }: { limits: AdmissionLimits; log: Logger }): Admission {
  const waiting = new Map<WebSocket, Waiting>();
  const retryAfter = Math.max(1, Math.ceil(limits.collabAuthTimeoutMs / 1000));
  let refusedSinceLog = 0;
  let lastRefusalLog = -Infinity;

  /** The socket stops waiting: it authenticated, closed, or timed out. */
  const release = (ws: WebSocket) => {
    const entry = waiting.get(ws);
    if (!entry) return;
    waiting.delete(ws);
    clearTimeout(entry.timer);
    entry.stopCounting();
    if (entry.paused && ws.readyState === ws.OPEN) ws.resume();
  };

  const expire = (ws: WebSocket) => {
    release(ws);
    log.debug('collab.auth_timeout', { timeoutMs: limits.collabAuthTimeoutMs });
    closeFirmly(ws, AUTH_TIMEOUT.code, AUTH_TIMEOUT.reason);
  };

  const noteRefusal = () => {
    refusedSinceLog += 1;
    const now = performance.now();
    if (now - lastRefusalLog < REFUSAL_LOG_INTERVAL_MS) return;
    log.warn('collab.unauthenticated_cap', {
      refused: refusedSinceLog,
      waiting: waiting.size,
      limit: limits.collabMaxUnauthenticated
    });
    refusedSinceLog = 0;
    lastRefusalLog = now;
  };

  return {
    extension: {
      extensionName: 'admission',
      // Before every other extension: a later `connected` hook that throws must not leave the
      // socket counted as unauthenticated.
      priority: 1000,
      async connected({ connection }: connectedPayload) {
        release(connection.webSocket as WebSocket);
      }
    },

    admit(socket) {
      if (waiting.size < limits.collabMaxUnauthenticated) return true;
      noteRefusal();
      const body = 'Too many connections are waiting to sign in; retry later.\n';
      socket.end(
        'HTTP/1.1 503 Service Unavailable\r\n' +
          `Retry-After: ${retryAfter}\r\n` +
          'Content-Type: text/plain; charset=utf-8\r\n' +
          `Content-Length: ${Buffer.byteLength(body)}\r\n` +
          'Connection: close\r\n\r\n' +
          body
      );
      return false;
    },

    track(ws, socket) {
      const pause = () => {
        if (entry.paused) return;
        entry.paused = true;
        ws.pause();
      };
      const onData = (chunk: Buffer) => {
        entry.bytes += chunk.byteLength;
        if (entry.bytes > PRE_AUTH_BYTES) pause();
      };
      const onMessage = (_data: Buffer, isBinary: boolean | undefined) => {
        // Hocuspocus re-emits its queued messages without isBinary; they were counted already.
        if (isBinary === undefined) return;
        entry.messages += 1;
        if (entry.messages > PRE_AUTH_MESSAGES) pause();
      };
      const entry: Waiting = {
        timer: setTimeout(() => expire(ws), limits.collabAuthTimeoutMs),
        bytes: 0,
        messages: 0,
        paused: false,
        stopCounting() {
          socket.off('data', onData);
          ws.off('message', onMessage);
        }
      };
      entry.timer.unref();
      waiting.set(ws, entry);
      socket.on('data', onData);
      ws.on('message', onMessage);
      ws.once('close', () => release(ws));
    },

    waiting: () => waiting.size,

    dispose() {
      for (const ws of [...waiting.keys()]) release(ws);
    }
  };
}
