// Review threads: who may open, answer, resolve and reopen them, and the stored rows turned into
// the `Thread` model. Every input is validated here, whatever the caller (socket, HTTP, CLI):
// the shapes come from clients.

import { randomUUID } from 'node:crypto';
import { checkComment, checkNewThread, checkOptionalText } from '../../clauses/review-messages';
import { MAX_COMMENT_LENGTH, type Thread, type ThreadAnchor, type ThreadPerson } from '../../clauses/review';
import type { Logger } from '../log';
import { InputError, type AccessService, type Actor, type ThreadsService } from '../services';
import type { ReplyRow, Storage, ThreadRow } from '../storage/types';

export interface ThreadsDeps {
  storage: Storage;
  access: AccessService;
  log: Logger;
}

export function threadsService({ storage, access, log }: ThreadsDeps): ThreadsService {
  const people = personLookup(storage);

  const toThreads = async (rows: ThreadRow[]): Promise<Thread[]> => {
    const replies = new Map<string, ReplyRow[]>();
    for (const reply of rows.length ? await storage.threads.replies(rows.map((r) => r.id)) : []) {
      const list = replies.get(reply.threadId) ?? [];
      list.push(reply);
      replies.set(reply.threadId, list);
    }
    const person = await people(rows, [...replies.values()].flat());
    return rows.map((row) => toThread(row, replies.get(row.id) ?? [], person));
  };

  const load = async (threadId: unknown): Promise<ThreadRow> => {
    const row = typeof threadId === 'string' ? await storage.threads.get(threadId) : undefined;
    if (!row) throw new InputError(`There is no comment thread "${String(threadId)}".`, 404);
    return row;
  };

  const current = async (threadId: string): Promise<Thread> => (await toThreads([await load(threadId)]))[0]!;

  /** The author may resolve and reopen their own thread; anyone else needs 'resolve'. */
  const requireResolver = (actor: Actor, row: ThreadRow) =>
    access.require(actor, row.standardId, row.authorId === actor.user.id ? 'comment' : 'resolve');

  return {
    async list(standardId) {
      return toThreads(await storage.threads.list(standardId));
    },

    async create(actor, standardId, input) {
      await access.require(actor, standardId, 'comment');
      const checked = checkNewThread(input);
      if (!checked.ok) throw new InputError(`The comment was not saved: ${checked.error}.`);
      const thread = checked.value;
      const row: ThreadRow = {
        id: randomUUID(),
        standardId,
        anchor: JSON.stringify(thread.anchor),
        type: thread.type,
        authorId: actor.user.id,
        body: thread.body,
        proposedChange: thread.proposedChange ?? '',
        createdAt: stamp(),
        resolvedBy: null,
        resolvedAt: null,
        resolutionNote: null,
        reopenedBy: null,
        reopenedAt: null
      };
      await storage.threads.create(row);
      log.info('thread.created', { standard: standardId, thread: row.id, user: actor.user.id, type: row.type });
      return current(row.id);
    },

    async reply(actor, threadId, body) {
      const row = await load(threadId);
      await access.require(actor, row.standardId, 'comment');
      const text = checkComment(body, 'body');
      if (!text.ok) throw new InputError(`The reply was not saved: ${text.error}.`);
      const id = randomUUID();
      await storage.threads.addReply({ id, threadId, authorId: actor.user.id, body: text.value, createdAt: stamp() });
      log.info('thread.replied', { standard: row.standardId, thread: threadId, reply: id, user: actor.user.id });
      return current(threadId);
    },

    async resolve(actor, threadId, note) {
      const row = await load(threadId);
      await requireResolver(actor, row);
      const text = checkOptionalText(note, 'note', MAX_COMMENT_LENGTH);
      if (!text.ok) throw new InputError(`The thread was not resolved: ${text.error}.`);
      if (row.resolvedAt) throw new InputError('The thread is already resolved.', 409);
      await storage.threads.update(threadId, {
        resolvedBy: actor.user.id,
        resolvedAt: stamp(),
        resolutionNote: text.value?.trim() ?? ''
      });
      log.info('thread.resolved', { standard: row.standardId, thread: threadId, user: actor.user.id });
      return current(threadId);
    },

    async reopen(actor, threadId) {
      const row = await load(threadId);
      await requireResolver(actor, row);
      if (!row.resolvedAt) throw new InputError('The thread is not resolved.', 409);
      await storage.threads.update(threadId, {
        resolvedBy: null,
        resolvedAt: null,
        resolutionNote: null,
        reopenedBy: actor.user.id,
        reopenedAt: stamp()
      });
      log.info('thread.reopened', { standard: row.standardId, thread: threadId, user: actor.user.id });
      return current(threadId);
    }
  };
}

let lastStamp = 0;
/**
 * Now, as ISO 8601, never equal to the previous stamp: threads and replies are listed by time,
 * and two made in the same millisecond would otherwise come back in arbitrary (id) order.
 */
function stamp(): string {
  lastStamp = Math.max(Date.now(), lastStamp + 1);
  return new Date(lastStamp).toISOString();
}

/** Names of the people in one answer, each user read once. */
function personLookup(storage: Storage) {
  return async (threads: ThreadRow[], replies: ReplyRow[]): Promise<(userId: string) => ThreadPerson> => {
    const ids = new Set<string>();
    for (const row of threads) [row.authorId, row.resolvedBy, row.reopenedBy].forEach((id) => id && ids.add(id));
    for (const reply of replies) ids.add(reply.authorId);
    const seen = new Map<string, ThreadPerson>();
    for (const id of ids) {
      // A deleted account keeps its comments; its name is no longer known.
      seen.set(id, { id, name: (await storage.accounts.userById(id))?.name ?? 'Former member' });
    }
    return (id) => seen.get(id) ?? { id, name: 'Former member' };
  };
}

function toThread(row: ThreadRow, replies: ReplyRow[], person: (id: string) => ThreadPerson): Thread {
  const thread: Thread = {
    id: row.id,
    standardId: row.standardId,
    anchor: parseAnchor(row.anchor),
    type: row.type,
    status: row.resolvedAt ? 'resolved' : 'open',
    author: person(row.authorId),
    body: row.body,
    proposedChange: row.proposedChange,
    createdAt: row.createdAt,
    replies: replies
      .map((reply) => ({ id: reply.id, author: person(reply.authorId), body: reply.body, createdAt: reply.createdAt }))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
  };
  if (row.resolvedAt && row.resolvedBy) {
    thread.resolution = { by: person(row.resolvedBy), at: row.resolvedAt, note: row.resolutionNote ?? '' };
  }
  if (row.reopenedAt && row.reopenedBy) thread.reopened = { by: person(row.reopenedBy), at: row.reopenedAt };
  return thread;
}

function parseAnchor(json: string): ThreadAnchor {
  try {
    const anchor = JSON.parse(json) as ThreadAnchor;
    if (anchor && typeof anchor.clauseId === 'string') return anchor;
  } catch {
    // fall through: a row written by hand or by an older version
  }
  return { clauseId: '' };
}
