// Per-socket rate limit on the collaboration WebSocket. A client flooding messages (awareness
// changes, sync step 1 requests that each make the server encode the whole document, …) would
// otherwise take the event loop from every other editor. Each socket gets two token buckets, one
// counting messages and one counting bytes; a socket that empties either is closed with
// 4429 `rate-limited`. Other sockets, and other documents, are untouched.
//
// Sizing (defaults, see Config): a provider sends an update and an awareness change per
// keystroke, so a very fast typist sends ~20 messages/s and a few KiB/s. 200 messages/s
// sustained with bursts of 500 is ten times that, and leaves room for a reconnecting provider
// flushing what it queued while offline, or a page opening several documents on one socket.
// 8 MiB/s with bursts of 16 MiB (at least two of the largest messages) lets a client paste a
// MAX_UPDATE_BYTES update several times in a row.
//
// A third, fixed bucket counts the messages that cost the server far more than their size: a sync
// step 1 (answered with the whole document), an awareness query (answered with every client's
// state) and an authentication (a session lookup). A provider sends one sync step 1 and one token
// per document it opens; 5 a second with bursts of 50 allows a page opening 25 documents at once.

import type { WebSocket } from 'ws';
import type { Logger } from '../log';
import { isAwarenessEcho, type AwarenessLookup } from './awareness-echo';

export const RATE_LIMITED = { code: 4429, reason: 'rate-limited' } as const;

/** Bursts may exceed the sustained message rate by this factor. */
export const MESSAGE_BURST_FACTOR = 2.5;
/** Bursts may exceed the sustained byte rate by this factor. */
export const BYTE_BURST_FACTOR = 2;
/** Costly requests (sync step 1, awareness query, authentication) per second, and their burst. */
export const COSTLY_PER_SECOND = 5;
export const COSTLY_BURST = 50;
/**
 * A client gets this long to answer our close frame before its socket is destroyed; a flooding
 * client may never read it, and ws would otherwise wait 30 s.
 */
const CLOSE_GRACE_MS = 2000;

export interface FloodLimits {
  collabMaxMessagesPerSecond: number;
  collabMaxBytesPerSecond: number;
}

/** A token bucket: `rate` tokens per second, holding at most `burst`. Starts full. */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly rate: number,
    private readonly burst: number,
    now: number
  ) {
    this.tokens = burst;
    this.updatedAt = now;
  }

  /** Takes `amount` tokens if there are that many; false (taking nothing) otherwise. */
  take(amount: number, now: number): boolean {
    const elapsed = Math.max(0, now - this.updatedAt) / 1000;
    this.tokens = Math.min(this.burst, this.tokens + elapsed * this.rate);
    this.updatedAt = now;
    if (this.tokens < amount) return false;
    this.tokens -= amount;
    return true;
  }
}

/** Decides, message by message, whether one socket is still within its rate. */
export type Limit = 'messages' | 'bytes' | 'costly requests';

export interface RateLimiter {
  /** Counts a message: undefined while the socket stays within every limit, else the one it broke. */
  exceeded(message: Uint8Array): Limit | undefined;
}

/**
 * A limiter for one socket. `largestMessage` is the biggest message the socket can deliver (ws's
 * maxPayload): the byte burst always holds two of them, whatever the configured rate.
 */
export function rateLimiter(
  limits: FloodLimits,
  largestMessage: number,
  now: () => number = () => performance.now()
): RateLimiter {
  const messageRate = limits.collabMaxMessagesPerSecond;
  const byteRate = limits.collabMaxBytesPerSecond;
  const messages = new TokenBucket(messageRate, Math.ceil(messageRate * MESSAGE_BURST_FACTOR), now());
  const bytes = new TokenBucket(byteRate, Math.max(byteRate * BYTE_BURST_FACTOR, 2 * largestMessage), now());
  const costly = new TokenBucket(COSTLY_PER_SECOND, COSTLY_BURST, now());
  return {
    exceeded(message) {
      const at = now();
      // Every bucket is charged, so a socket cannot refill one while draining another.
      const withinMessages = messages.take(1, at);
      const withinBytes = bytes.take(message.byteLength, at);
      const withinCostly = !isCostly(message) || costly.take(1, at);
      if (!withinMessages) return 'messages';
      if (!withinBytes) return 'bytes';
      return withinCostly ? undefined : 'costly requests';
    }
  };
}

// Hocuspocus message types (MessageType in @hocuspocus/server) and the y-protocols sync subtype.
const SYNC = 0;
const AUTH = 2;
const QUERY_AWARENESS = 3;
const SYNC_REPLY = 4;
const SYNC_STEP_1 = 0;

/** A request whose answer costs the server far more than the request (see the header). */
export function isCostly(message: Uint8Array): boolean {
  const name = readVarUint(message, 0);
  if (!name) return false;
  const type = readVarUint(message, name.next + name.value);
  if (!type) return false;
  if (type.value === AUTH || type.value === QUERY_AWARENESS) return true;
  if (type.value !== SYNC && type.value !== SYNC_REPLY) return false;
  return readVarUint(message, type.next)?.value === SYNC_STEP_1;
}

function readVarUint(data: Uint8Array, start: number): { value: number; next: number } | undefined {
  let value = 0;
  for (let i = start, shift = 0; i < data.length && shift < 35; i++, shift += 7) {
    value += (data[i]! & 0x7f) * 2 ** shift;
    if (data[i]! < 0x80) return { value, next: i + 1 };
  }
  return undefined;
}

export interface FloodOptions {
  limits: FloodLimits;
  /** ws's maxPayload: the largest single message. */
  largestMessage: number;
  log: Logger;
  /** The client's address, for the log line. */
  remoteAddress?: string;
  /** The server's awareness, to recognise echoes (dropped, not counted: see awareness-echo.ts). */
  awareness?: AwarenessLookup;
}

/**
 * Puts the rate limit in front of the message listeners already on `ws` (Hocuspocus's, behind
 * our malformed-message gate). Past the limit the socket is closed once, logged once, and every
 * later message is dropped unread: none of it reaches Hocuspocus. Awareness echoes are dropped
 * without being counted.
 */
export function limitFloods(ws: WebSocket, options: FloodOptions): void {
  const limiter = rateLimiter(options.limits, options.largestMessage);
  let limited = false;
  for (const listener of ws.listeners('message') as ((...args: unknown[]) => void)[]) {
    ws.off('message', listener);
    ws.on('message', (data: Buffer, isBinary: boolean | undefined) => {
      if (limited) return;
      // Hocuspocus re-emits the messages it queued during authentication, without isBinary:
      // they were counted when they arrived.
      if (isBinary === undefined) return listener(data, isBinary);
      if (options.awareness && isAwarenessEcho(data, options.awareness)) return;
      const exceeded = limiter.exceeded(data);
      if (!exceeded) return listener(data, isBinary);
      limited = true;
      options.log.warn('collab.rate_limited', {
        address: options.remoteAddress,
        exceeded,
        messagesPerSecond: options.limits.collabMaxMessagesPerSecond,
        bytesPerSecond: options.limits.collabMaxBytesPerSecond
      });
      closeFirmly(ws, RATE_LIMITED.code, RATE_LIMITED.reason);
    });
  }
}

/** Closes with a code the client can read, and destroys the socket if it does not answer. */
export function closeFirmly(ws: WebSocket, code: number, reason: string): void {
  ws.close(code, reason);
  const timer = setTimeout(() => ws.terminate(), CLOSE_GRACE_MS);
  timer.unref();
  ws.once('close', () => clearTimeout(timer));
}
