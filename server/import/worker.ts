// Markdown imports off the server's thread. remark/micromark take seconds to minutes on some
// hostile drafts well under the 5 MB limit (quadratic on runs of "`<a ", minutes on 5 MB of "["),
// and on the server's only thread that would stop every document, page and /healthz meanwhile.
// So drafts are read in worker threads, at most `concurrency` at once (the machine's other core
// keeps serving), each with a deadline past which its worker is terminated and the draft refused.

import { Worker } from 'node:worker_threads';
import type { ImportResult } from '../../exporters/markdown/import';
import { InputError, RateLimitError } from '../services';
import type { Logger } from '../log';
import type { ImportReply, ImportRequest } from './protocol';

export interface MarkdownImporterOptions {
  /** How long one draft may take to read before its worker is terminated. */
  timeoutMs: number;
  /** Drafts read at once (each on its own thread). */
  concurrency?: number;
  /** Drafts that may wait for a free worker; more are refused with 429. */
  maxWaiting?: number;
  log: Logger;
}

export interface MarkdownImporter {
  /** The draft as a `Standard`; InputError 400 (not importable), 422 (too slow or too big to read) or 429 (busy). */
  read(text: string): Promise<ImportResult>;
  /** Terminates the workers; drafts still waiting or being read are refused. */
  close(): Promise<void>;
}

const BOOT = new URL('./worker-boot.mjs', import.meta.url);
/** A worker's heap: ample for a legitimate 5 MB draft, and a bound on a hostile one. */
const WORKER_HEAP_MB = 1536;

interface Job {
  text: string;
  resolve(result: ImportResult): void;
  reject(error: Error): void;
}

interface Slot {
  worker?: Worker;
  busy: boolean;
}

export function markdownImporter({ timeoutMs, concurrency = 1, maxWaiting = 4, log }: MarkdownImporterOptions): MarkdownImporter {
  const slots: Slot[] = Array.from({ length: concurrency }, () => ({ busy: false }));
  const waiting: Job[] = [];
  let nextId = 1;
  let closed = false;

  const seconds = Math.round(timeoutMs / 1000);
  const tooSlow = () =>
    new InputError(
      `The draft took too long to read (over ${seconds} s); it may contain pathological Markdown such as ` +
        'long runs of unclosed brackets, backticks, emphasis marks or inline HTML. Simplify those passages and import it again.',
      422
    );
  const exhausted = () =>
    new InputError(
      'The draft could not be read: its Markdown is too large or too deeply nested for the importer. ' +
        'Simplify it or split it into smaller drafts and import it again.',
      422
    );

  function workerOf(slot: Slot): Worker {
    if (slot.worker) return slot.worker;
    const worker = new Worker(BOOT, { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    // An idle worker must not keep the process alive.
    worker.unref();
    // Between drafts nothing else listens: an unhandled 'error' event would end the server.
    worker.on('error', () => undefined);
    worker.once('exit', () => {
      if (slot.worker === worker) slot.worker = undefined;
    });
    slot.worker = worker;
    return worker;
  }

  /** Ends the slot's worker (a fresh one starts for the next draft). */
  function discard(slot: Slot): void {
    const worker = slot.worker;
    slot.worker = undefined;
    if (worker) void worker.terminate().catch(() => undefined);
  }

  function run(slot: Slot, job: Job): void {
    slot.busy = true;
    const id = nextId++;
    const worker = workerOf(slot);
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    const settle = (outcome: { result: ImportResult } | { error: Error }) => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      worker.unref();
      slot.busy = false;
      if ('result' in outcome) job.resolve(outcome.result);
      else job.reject(outcome.error);
      next();
    };
    const onMessage = (reply: ImportReply) => {
      if (reply.id !== id) return;
      if (reply.ok) return settle({ result: reply.result });
      if (reply.kind === 'refused') return settle({ error: new InputError(reply.message, 400) });
      if (reply.kind === 'exhausted') {
        log.warn('import.exhausted', { reason: reply.message, bytes: job.text.length });
        discard(slot);
        return settle({ error: exhausted() });
      }
      discard(slot);
      settle({ error: new Error(`The Markdown importer failed: ${reply.message}`) });
    };
    const onError = (error: Error) => {
      // ERR_WORKER_OUT_OF_MEMORY: the draft needed more than the worker's heap.
      log.warn('import.worker_failed', { reason: error.message, bytes: job.text.length });
      discard(slot);
      settle({ error: exhausted() });
    };
    const onExit = () => {
      discard(slot);
      settle({ error: closed ? new InputError('The server is shutting down: import the draft again in a moment.', 503) : exhausted() });
    };
    timer = setTimeout(() => {
      log.warn('import.timed_out', { ms: Date.now() - started, bytes: job.text.length });
      worker.off('exit', onExit);
      discard(slot);
      settle({ error: tooSlow() });
    }, timeoutMs);
    worker.on('message', onMessage);
    worker.once('error', onError);
    worker.once('exit', onExit);
    // While a draft is being read the worker keeps the process alive, as a request would.
    worker.ref();
    worker.postMessage({ id, text: job.text } satisfies ImportRequest);
  }

  function next(): void {
    for (const slot of slots) {
      if (slot.busy) continue;
      const job = waiting.shift();
      if (!job) return;
      run(slot, job);
    }
  }

  return {
    read(text) {
      if (closed) return Promise.reject(new InputError('The server is shutting down: import the draft again in a moment.', 503));
      if (waiting.length >= maxWaiting) {
        return Promise.reject(
          new RateLimitError(`The server is reading other drafts; import this one again in ${seconds} s.`, seconds)
        );
      }
      return new Promise<ImportResult>((resolve, reject) => {
        waiting.push({ text, resolve, reject });
        next();
      });
    },
    async close() {
      closed = true;
      for (const job of waiting.splice(0)) {
        job.reject(new InputError('The server is shutting down: import the draft again in a moment.', 503));
      }
      await Promise.all(slots.map((slot) => slot.worker?.terminate().catch(() => undefined)));
    }
  };
}
