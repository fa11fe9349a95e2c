// The collaboration endpoint: one Hocuspocus instance attached to our own HTTP server, taking
// WebSocket upgrades on /collab (Hocuspocus's own Server class would open a second port).

import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { Hocuspocus, type Extension } from '@hocuspocus/server';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Config } from '../config';
import type { Logger } from '../log';
import type { Thread } from '../../clauses/review';
import type { DocumentStore } from '../storage/types';
import { accessRegistry } from './access-registry';
import { admission as admissionControl } from './admission';
import { authenticator, type CollabAuth } from './authenticate';
import { awarenessLookup } from './awareness-echo';
import { limitFloods } from './flood';
import { malformation } from './messages';
import { persistence } from './persistence';
import { reviewExtension } from './review';
import { staleCloseFilter, type StaleCloseFilter } from './stale-close';

export const COLLAB_PATH = '/collab';

/** Room for the document name and protocol framing around an update of MAX_UPDATE_BYTES. */
const FRAME_OVERHEAD = 64 * 1024;

export interface Collab {
  hocuspocus: Hocuspocus;
  /** Closes every connection to a document and stops storing it (its standard was deleted). */
  evict(name: string): void;
  /** Sends a review thread's current state to everyone connected to its standard. */
  broadcastThread(thread: Thread): void;
  /** Closes all connections and compacts open documents (graceful shutdown). */
  close(): Promise<void>;
}

export interface CollabOptions {
  config: Config;
  store: DocumentStore;
  log: Logger;
  exists(name: string): Promise<boolean>;
  /** Who may connect and what they may do; the review threads travel on the same socket. */
  auth: CollabAuth;
  /** The public origin (ORIGIN) behind a proxy; defaults to process.env.ORIGIN. */
  origin?: string;
  /** More extensions, e.g. the Redis document relay of scale-out mode (server/collab/redis.ts). */
  extensions?: Extension[];
}

export function attachCollab(http: Server, options: CollabOptions): Collab {
  const { config, log } = options;
  const { auth } = options;
  // Fail closed: without the access services nobody could be authorised.
  if (!auth?.accounts || !auth.access || !auth.threads) throw new Error('attachCollab needs `auth` (accounts, access, threads).');
  const persist = persistence({ store: options.store, limits: config, log, exists: options.exists });
  const registry = accessRegistry({ auth, log });
  const review = reviewExtension({ threads: auth.threads, access: auth.access, log, actorOf: (c) => registry.actorOf(c) });
  const origin = options.origin ?? (process.env.ORIGIN?.trim() || undefined);
  const admission = admissionControl({ limits: config, log });
  const hocuspocus = new Hocuspocus({
    quiet: true,
    extensions: [admission.extension, registry, persist, review, ...(options.extensions ?? [])],
    onAuthenticate: authenticator({ auth, log, origin }),
    async connected({ documentName, socketId }) {
      log.debug('collab.connected', { document: documentName, socket: socketId });
    },
    async onDisconnect({ documentName, socketId }) {
      log.debug('collab.disconnected', { document: documentName, socket: socketId });
    }
  });
  // ws refuses frames past maxPayload itself (close code 1009) without buffering them; smaller
  // oversized messages reach Hocuspocus and get an explanatory close reason from the limits.
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.maxUpdateBytes + FRAME_OVERHEAD });
  const awareness = awarenessLookup(hocuspocus);

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (pathOf(request) !== COLLAB_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    socket.on('error', (error) => log.warn('collab.socket_error', { error }));
    if (!admission.admit(socket)) return;
    wss.handleUpgrade(request, socket, head, (ws) => {
      // Without a listener, a protocol error on one socket (bad frame, oversized payload)
      // would be thrown and stop the whole process.
      ws.on('error', (error) => log.warn('collab.websocket_error', { error: error.message }));
      hocuspocus.handleConnection(ws, request);
      const connectedTo = (name: string) => hocuspocus.documents.get(name)?.getConnections().some((c) => c.webSocket === ws) ?? false;
      gateMessages(ws, staleCloseFilter(connectedTo), (problem, bytes) => log.warn('collab.malformed_message', { problem, bytes }));
      const largestMessage = wss.options.maxPayload ?? config.maxUpdateBytes + FRAME_OVERHEAD;
      limitFloods(ws, { limits: config, largestMessage, log, remoteAddress: request.socket.remoteAddress, awareness });
      admission.track(ws, socket);
    });
  };
  http.on('upgrade', onUpgrade);

  return {
    hocuspocus,
    evict(name) {
      persist.forget(name);
      hocuspocus.closeConnections(name);
    },
    broadcastThread: (thread) => review.broadcast(thread),
    async close() {
      http.off('upgrade', onUpgrade);
      registry.dispose();
      admission.dispose();
      await persist.compactAll();
      hocuspocus.closeConnections();
      for (const client of wss.clients) client.terminate();
      wss.close();
    }
  };
}

/**
 * Puts a check in front of the message listeners Hocuspocus attached: a malformed message closes
 * the socket with a reason and never reaches Hocuspocus (which would queue or half-parse it), and
 * a stale Close message (see stale-close.ts) is dropped.
 */
function gateMessages(ws: WebSocket, closes: StaleCloseFilter, report: (problem: string, bytes: number) => void): void {
  for (const listener of ws.listeners('message') as ((...args: unknown[]) => void)[]) {
    ws.off('message', listener);
    // Hocuspocus re-emits queued messages itself, without the isBinary flag.
    ws.on('message', (data: Buffer, isBinary: boolean | undefined) => {
      const problem = malformation(data, isBinary !== false);
      if (!problem) return closes.drop(data, isBinary === undefined) ? undefined : listener(data, isBinary);
      report(problem, data.byteLength);
      ws.close(isBinary === false ? 1003 : 1007, `malformed-message: ${problem}`.slice(0, 123));
    });
  }
}

function pathOf(request: IncomingMessage): string {
  const path = (request.url ?? '/').split('?')[0] ?? '/';
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}
