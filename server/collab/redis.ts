// Several instances serving the same documents (REDIS_URL): @hocuspocus/extension-redis relays
// each document's Yjs sync, awareness and broadcast stateless messages (our review `thread`
// events) over a Redis channel per document. On every change an instance publishes its SyncStep1;
// the others answer with what it lacks and their own SyncStep1, which it answers in turn.
//
// What we change in the stock extension, and why:
// - No storage lock. Updates arriving through Redis are applied with the extension's own
//   transaction origin, never through a connection, so they never reach persistence's
//   beforeHandleMessage: each update is appended once, by the instance whose client sent it,
//   before that instance acknowledged it. The onStoreDocument lock guards nothing of ours and
//   would stall unloading while Redis is away.
// - Redis away must not hurt the instance's own clients: a publish that fails is logged (a
//   rejected hook promise would be unhandled and stop the process), and loading a document does
//   not wait for its subscription.
// - No delay before unloading a document (see beforeUnloadDocument).
// - When Redis comes back, every open document is synchronised again (SyncStep1 and an awareness
//   query for each), so the edits made meanwhile on either side reach the other instances.

import { Redis as RedisExtension } from '@hocuspocus/extension-redis';
import type { Document, afterLoadDocumentPayload, afterUnloadDocumentPayload } from '@hocuspocus/server';
import type { Redis as IORedis } from 'ioredis';
import type { Logger } from '../log';
import { closeRedisClient, redisClient } from '../redis/client';
import { errorMessage } from '../error-message';

/** How long loading a document waits for its channel subscription before going on without it. */
const SUBSCRIBE_WAIT_MS = 1000;

export interface DocumentRelayOptions {
  url: string;
  /** Namespace of the channels (REDIS_PREFIX). */
  prefix: string;
  /** Unique per instance: a message an instance published itself is ignored when it comes back. */
  identifier: string;
  log: Logger;
}

/** The stock extension's private helpers, which the resynchronisation reuses. */
interface RelayInternals {
  publishFirstSyncStep(documentName: string, document: Document): Promise<unknown>;
  requestAwarenessFromOtherInstances(documentName: string): Promise<unknown>;
}

export class DocumentRelay extends RedisExtension {
  readonly #log: Logger;
  #closed = false;

  constructor({ url, prefix, identifier, log }: DocumentRelayOptions) {
    const clients = ['documents-publish', 'documents-subscribe'];
    super({
      prefix: `${prefix}:doc`,
      identifier,
      // Called twice: the publishing connection first, then the subscribing one. Publishes are
      // refused while Redis is away (the resynchronisation replaces them); subscriptions wait.
      createClient: () => {
        const role = clients.shift() ?? 'documents';
        return redisClient(url, { role, log, queueWhileDisconnected: role !== 'documents-publish' });
      }
    });
    this.#log = log;
    this.#neverRejectPublish();
    const resync = () => void this.#resync();
    this.pub.on('ready', resync);
    this.sub.on('ready', resync);
  }

  /** Whether both connections are up (not `connected`: that name is a Hocuspocus hook). */
  redisReady(): boolean {
    return this.pub.status === 'ready' && this.sub.status === 'ready';
  }

  // Persistence appends every update before it is acknowledged; there is nothing to lock.
  override async onStoreDocument(): Promise<void> {}
  override async afterStoreDocument(): Promise<void> {}

  override async afterLoadDocument(payload: afterLoadDocumentPayload): Promise<unknown> {
    const subscribed = super.afterLoadDocument(payload).catch((error: unknown) => {
      this.#log.warn('redis.subscribe_failed', { document: payload.documentName, error: errorMessage(error) });
    });
    if (this.sub.status !== 'ready') {
      this.#log.warn('redis.subscribe_pending', { document: payload.documentName });
      return undefined;
    }
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<'late'>((done) => (timer = setTimeout(() => done('late'), SUBSCRIBE_WAIT_MS)));
    const outcome = await Promise.race([subscribed, waited]);
    clearTimeout(timer);
    // The subscription completes when Redis is back, and then publishes the document's SyncStep1.
    if (outcome === 'late') this.#log.warn('redis.subscribe_pending', { document: payload.documentName });
    return undefined;
  }

  /**
   * The stock extension waits a second before every unload so that late sync messages from other
   * instances arrive. Here they are not needed (their senders store them), and the wait made a
   * client reconnecting within that second (a page reload) join a document in the middle of its
   * unload hooks, whose edits were acknowledged but not stored before persistence re-checked the
   * connections (scale-out.test.ts, "rejoining").
   */
  override async beforeUnloadDocument(): Promise<void> {}

  override async afterUnloadDocument(payload: afterUnloadDocumentPayload): Promise<void> {
    if (!this.#closed) await super.afterUnloadDocument(payload);
  }

  /** Disconnects from Redis (graceful shutdown); documents are no longer relayed. */
  close(): void {
    this.#closed = true;
    closeRedisClient(this.pub as IORedis);
    closeRedisClient(this.sub as IORedis);
  }

  /**
   * The stock extension publishes from hooks nobody awaits (onChange, onAwarenessUpdate, replies to
   * other instances): a rejection there would be unhandled. Failures are logged at debug level (the
   * client logs the outage once) and made up for by the resynchronisation.
   */
  #neverRejectPublish(): void {
    const pub = this.pub as IORedis;
    const publish = pub.publish.bind(pub) as (channel: string, message: Buffer | string) => Promise<number>;
    const safe = (channel: string, payload: Buffer | string) =>
      publish(channel, payload).catch((error: unknown) => {
        if (!this.#closed) this.#log.debug('redis.publish_failed', { channel, error: errorMessage(error) });
        return 0;
      });
    Object.assign(pub, { publish: safe });
  }

  /** Once both connections are ready (again): SyncStep1 and an awareness query for every open document. */
  async #resync(): Promise<void> {
    if (this.#closed || !this.redisReady() || !this.instance) return;
    try {
      // Commands on one connection run in order: the pong means the resubscriptions are in place.
      await (this.sub as IORedis).ping();
    } catch {
      return; // lost again; the next `ready` tries again
    }
    const internals = this as unknown as RelayInternals;
    const documents = [...this.instance.documents.values()];
    for (const document of documents) {
      void internals.publishFirstSyncStep(document.name, document);
      void internals.requestAwarenessFromOtherInstances(document.name);
    }
    if (documents.length > 0) this.#log.info('redis.resynchronised', { documents: documents.length });
  }
}
