// Review threads over the collaboration socket (Hocuspocus stateless messages, protocol in
// clauses/review-messages.ts). Stateless messages are handled on read-only connections too, which
// is how reviewers comment without being able to write the document. A refusal is an answer
// ({type:'refused'}), never a closed connection: a reviewer's bad request must not cut them off.

import type { Connection, Extension, Hocuspocus, onConfigurePayload, onStatelessPayload } from '@hocuspocus/server';
import { MAX_REVIEW_MESSAGE_BYTES, parseReviewRequest, type ReviewEvent, type ReviewRequest } from '../../clauses/review-messages';
import type { Thread } from '../../clauses/review';
import type { Logger } from '../log';
import { InputError, type AccessService, type Actor, type ThreadsService } from '../services';

export interface ReviewOptions {
  threads: ThreadsService;
  access: AccessService;
  log: Logger;
  /** The connection's actor while its access lasts (the access registry). */
  actorOf(connection: Connection): Actor | undefined;
}

export interface Review extends Extension {
  /** Sends a thread's current state to every connection of its standard's document. */
  broadcast(thread: Thread): void;
}

export function reviewExtension({ threads, access, log, actorOf }: ReviewOptions): Review {
  let instance: Hocuspocus | undefined;
  /** Each connection's requests are carried out in the order sent (a reply after its thread). */
  const tails = new WeakMap<Connection, Promise<void>>();

  const broadcast = (thread: Thread) => {
    const event: ReviewEvent = { type: 'thread', thread };
    instance?.documents.get(thread.standardId)?.broadcastStateless(JSON.stringify(event));
  };

  /** Carries out one request; returns the asker's answer. Throws InputError to refuse. */
  const handle = async (actor: Actor, standardId: string, request: ReviewRequest): Promise<ReviewEvent> => {
    let thread: Thread;
    switch (request.type) {
      case 'threads.list':
        await access.require(actor, standardId, 'read');
        return { type: 'threads', requestId: request.requestId, threads: await threads.list(standardId) };
      case 'thread.create':
        thread = await threads.create(actor, standardId, request.thread);
        break;
      case 'thread.reply':
        thread = await threads.reply(actor, request.threadId, request.body);
        break;
      case 'thread.resolve':
        thread = await threads.resolve(actor, request.threadId, request.note);
        break;
      case 'thread.reopen':
        thread = await threads.reopen(actor, request.threadId);
        break;
    }
    // The service authorised the change against the thread's own standard; it is announced there.
    broadcast(thread);
    return { type: 'done', requestId: request.requestId, threadId: thread.id };
  };

  return {
    extensionName: 'clausework-review',

    async onConfigure({ instance: hocuspocus }: onConfigurePayload) {
      instance = hocuspocus;
    },

    async onStateless(request: onStatelessPayload) {
      const run = (tails.get(request.connection) ?? Promise.resolve()).then(() => serve(request));
      tails.set(request.connection, run);
      return run;
    },

    broadcast
  };

  async function serve({ connection, documentName, payload }: onStatelessPayload): Promise<void> {
    const answer = (event: ReviewEvent) => connection.sendStateless(JSON.stringify(event));
    const refuse = (requestId: string | null, message: string, why: string) => {
      log.info('review.refused', { document: documentName, socket: connection.socketId, reason: why });
      answer({ type: 'refused', requestId, message });
    };
    if (Buffer.byteLength(payload, 'utf8') > MAX_REVIEW_MESSAGE_BYTES) {
      return refuse(null, `The message is larger than ${MAX_REVIEW_MESSAGE_BYTES} bytes.`, 'too-large');
    }
    const parsed = parseReviewRequest(payload);
    if (!parsed.ok) return refuse(parsed.requestId, `Invalid review message: ${parsed.error}.`, 'malformed');
    const actor = actorOf(connection);
    if (!actor) return refuse(parsed.value.requestId, 'Your access to this standard has ended.', 'no-access');
    try {
      answer(await handle(actor, documentName, parsed.value));
    } catch (error) {
      if (error instanceof InputError) return refuse(parsed.value.requestId, error.message, `status-${error.status}`);
      log.error('review.failed', { document: documentName, type: parsed.value.type, error });
      refuse(parsed.value.requestId, 'The server could not carry out the request.', 'error');
    }
  }
}
