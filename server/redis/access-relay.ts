// Access changes across instances: a role change, a removal from a group, a logout or a password
// change made through one instance must reach the open connections on every other instance at
// once. Each change announced on this instance's change hub is appended to a Redis stream; every
// instance reads the stream and announces the changes of the others on its own hub, where the
// collaboration registry re-checks or closes the connections concerned.
//
// A stream rather than pub/sub, because a missed message would leave a removed member writing:
// a reader that lost its connection goes on from the last entry it read, and changes that could
// not be written while Redis was away are written when it is back. An entry only makes an
// instance look again (a role is re-read from the database) or end sessions that the database
// already ended, so whoever can write to Redis can cause re-checks, never grant access.

import type { Redis as IORedis } from 'ioredis';
import type { ChangeHub } from '../access/changes';
import type { Logger } from '../log';
import type { AccessChange } from '../services';
import { errorMessage } from '../error-message';

/** Entries kept in the stream (approximately): plenty for a reader that was briefly away. */
const STREAM_LENGTH = 10_000;
/** Changes kept for writing while Redis is away; past this the oldest are dropped (and logged). */
const MAX_UNWRITTEN = 10_000;
const READ_BLOCK_MS = 5000;
const READ_BATCH = 100;

export interface AccessRelayOptions {
  hub: ChangeHub;
  /** Writes the stream; refuses commands while disconnected (the relay keeps them and retries). */
  writer: IORedis;
  /** Blocks on the stream; must queue commands while disconnected (it resumes where it was). */
  reader: IORedis;
  /** The stream's key. */
  key: string;
  instanceId: string;
  log: Logger;
}

export interface AccessRelay {
  /** Resolves once the reader knows where the stream ends (so later changes reach it). */
  ready: Promise<void>;
  close(): void;
}

export function relayAccessChanges({ hub, writer, reader, key, instanceId, log }: AccessRelayOptions): AccessRelay {
  let closed = false;
  /** Set while announcing another instance's change, which must not be written back. */
  let announcing = false;
  const unwritten: string[] = [];
  let flushing = false;

  /** Writes the unwritten changes in order, one writer at a time; stops at the first failure. */
  const flush = async (): Promise<void> => {
    if (flushing) return;
    flushing = true;
    try {
      while (unwritten.length > 0 && !closed) {
        await writer.xadd(key, 'MAXLEN', '~', String(STREAM_LENGTH), '*', 'from', instanceId, 'change', unwritten[0]!);
        unwritten.shift();
      }
    } catch (error) {
      log.warn('access.relay_write_failed', { pending: unwritten.length, error: errorMessage(error) });
    } finally {
      flushing = false;
    }
  };

  const unsubscribe = hub.onChange((change) => {
    if (announcing || closed) return;
    unwritten.push(JSON.stringify(change));
    if (unwritten.length > MAX_UNWRITTEN) {
      unwritten.shift();
      log.error('access.relay_dropped', { reason: 'Redis unavailable for too long', kept: MAX_UNWRITTEN });
    }
    void flush();
  });
  const onWriterReady = () => void flush();
  writer.on('ready', onWriterReady);

  const announce = (fields: string[]) => {
    const entry = pairs(fields);
    if (entry.from === instanceId) return;
    const change = accessChange(entry.change);
    if (!change) return log.warn('access.relay_ignored', { reason: 'not an access change' });
    announcing = true;
    try {
      hub.emit(change);
    } finally {
      announcing = false;
    }
  };

  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((done) => (markReady = done));

  const read = async () => {
    // Start after the newest entry: older changes happened before this instance had connections.
    let last = '0-0';
    try {
      const newest = await reader.xrevrange(key, '+', '-', 'COUNT', 1);
      last = newest[0]?.[0] ?? '0-0';
    } catch (error) {
      if (closed) return;
      log.warn('access.relay_read_failed', { error: errorMessage(error) });
    }
    markReady();
    while (!closed) {
      try {
        const batches = await reader.xread('COUNT', READ_BATCH, 'BLOCK', READ_BLOCK_MS, 'STREAMS', key, last);
        for (const [, entries] of batches ?? []) {
          for (const [id, fields] of entries) {
            last = id;
            announce(fields);
          }
        }
      } catch (error) {
        if (closed) return;
        log.warn('access.relay_read_failed', { error: errorMessage(error) });
        await new Promise((done) => setTimeout(done, 1000));
      }
    }
  };
  void read();

  return {
    ready,
    close() {
      closed = true;
      unsubscribe();
      writer.off('ready', onWriterReady);
    }
  };
}

function pairs(fields: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) out[fields[i]!] = fields[i + 1]!;
  return out;
}

/** The change an entry carries, if it is one: entries come from outside this process. */
export function accessChange(json: string | undefined): AccessChange | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json ?? '');
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.userId !== 'string') return undefined;
  if (v.kind === 'membership' && typeof v.groupId === 'string') return { kind: 'membership', userId: v.userId, groupId: v.groupId };
  if (v.kind !== 'sessions') return undefined;
  if (v.sessionIds === undefined) return { kind: 'sessions', userId: v.userId };
  if (!Array.isArray(v.sessionIds) || !v.sessionIds.every((id) => typeof id === 'string')) return undefined;
  return { kind: 'sessions', userId: v.userId, sessionIds: v.sessionIds as string[] };
}
