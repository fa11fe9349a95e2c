// The review threads of one document, kept live over the collaboration socket: listed after every
// (re)sync, updated by the server's broadcasts, and changed through requests that the server
// acknowledges ('done') or refuses with a reason ('refused').

import type { HocuspocusProvider } from '@hocuspocus/provider';
import type { NewThread, Thread } from '../../../clauses/review';
import { parseReviewEvent, type ReviewEvent, type ReviewRequest } from '../../../clauses/review-messages';

/** A request the server did not answer within this time is reported as failed. */
export const REQUEST_TIMEOUT_MS = 15_000;

interface Pending {
  resolve: (threadId: string) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

type Body<T extends ReviewRequest['type']> = Omit<Extract<ReviewRequest, { type: T }>, 'type' | 'requestId'>;

let sequence = 0;
/** Unique enough per page; crypto.randomUUID is missing outside secure contexts (plain http). */
function newRequestId(): string {
  sequence += 1;
  return `r${Date.now().toString(36)}-${sequence}-${Math.random().toString(36).slice(2, 8)}`;
}

export class ThreadsClient {
  /** Every thread of the document, as the server last told us (replaced, never mutated). */
  threads = $state.raw<Thread[]>([]);
  /** True once the server has answered the first list request. */
  loaded = $state(false);
  /** Why the threads could not be listed (e.g. the server refused), shown by the panel. */
  problem = $state<string | null>(null);

  private readonly pending = new Map<string, Pending>();
  private listRequestId: string | null = null;
  private destroyed = false;

  constructor(
    private readonly provider: HocuspocusProvider,
    private readonly timeoutMs = REQUEST_TIMEOUT_MS
  ) {
    provider.on('stateless', this.onStateless);
    provider.on('synced', this.onSynced);
    provider.on('status', this.onStatus);
    if (provider.isSynced) this.reload();
  }

  /** Asks for the whole list again (after a reconnect, changes may have been missed). */
  reload(): void {
    if (this.destroyed) return;
    const requestId = newRequestId();
    this.listRequestId = requestId;
    this.send({ type: 'threads.list', requestId });
  }

  /** Opens a thread; resolves to its id once the server stored it. */
  create(thread: NewThread): Promise<string> {
    return this.request('thread.create', { thread });
  }

  reply(threadId: string, body: string): Promise<string> {
    return this.request('thread.reply', { threadId, body });
  }

  resolve(threadId: string, note?: string): Promise<string> {
    return this.request('thread.resolve', note ? { threadId, note } : { threadId });
  }

  reopen(threadId: string): Promise<string> {
    return this.request('thread.reopen', { threadId });
  }

  byId(id: string): Thread | undefined {
    return this.threads.find((t) => t.id === id);
  }

  destroy(): void {
    this.destroyed = true;
    this.provider.off('stateless', this.onStateless);
    this.provider.off('synced', this.onSynced);
    this.provider.off('status', this.onStatus);
    this.failPending('The document was closed.');
  }

  private request<T extends Exclude<ReviewRequest['type'], 'threads.list'>>(type: T, body: Body<T>): Promise<string> {
    if (this.destroyed) return Promise.reject(new Error('The document was closed.'));
    const requestId = newRequestId();
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(requestId);
        reject(new Error('The server did not answer. Check the connection and try again.'));
      }, this.timeoutMs);
      this.pending.set(requestId, { resolve, reject, timer });
      this.send({ type, requestId, ...body } as unknown as ReviewRequest);
    });
  }

  private send(message: ReviewRequest): void {
    this.provider.sendStateless(JSON.stringify(message));
  }

  private settle(requestId: string, outcome: { threadId: string } | { error: string }): void {
    const waiting = this.pending.get(requestId);
    if (!waiting) return;
    this.pending.delete(requestId);
    clearTimeout(waiting.timer);
    if ('error' in outcome) waiting.reject(new Error(outcome.error));
    else waiting.resolve(outcome.threadId);
  }

  private failPending(message: string): void {
    for (const [requestId] of this.pending) this.settle(requestId, { error: message });
  }

  private upsert(thread: Thread): void {
    const at = this.threads.findIndex((t) => t.id === thread.id);
    this.threads = at < 0 ? [...this.threads, thread] : this.threads.map((t, i) => (i === at ? thread : t));
  }

  private apply(answer: ReviewEvent): void {
    switch (answer.type) {
      case 'threads':
        // Only the latest list counts: an older answer may predate changes already applied.
        if (answer.requestId !== this.listRequestId) return;
        this.listRequestId = null;
        this.threads = answer.threads;
        this.loaded = true;
        this.problem = null;
        return;
      case 'thread':
        this.upsert(answer.thread);
        return;
      case 'done':
        this.settle(answer.requestId, { threadId: answer.threadId });
        return;
      case 'refused':
        if (answer.requestId === null) return;
        if (answer.requestId === this.listRequestId) {
          this.listRequestId = null;
          this.problem = answer.message;
          return;
        }
        this.settle(answer.requestId, { error: answer.message });
    }
  }

  private readonly onStateless = ({ payload }: { payload: string }) => {
    // Other features may share the stateless channel: anything else is not ours.
    const answer = parseReviewEvent(payload);
    if (answer) this.apply(answer);
  };

  private readonly onSynced = ({ state }: { state: boolean }) => {
    if (state) this.reload();
  };

  // A request sent on a connection that then dropped gets no answer; say so now rather than
  // after the timeout. (The list is asked for again on the next sync.)
  private readonly onStatus = ({ status }: { status: string }) => {
    if (status === 'disconnected') this.failPending('The connection to the server dropped. Try again once it is back.');
  };
}
