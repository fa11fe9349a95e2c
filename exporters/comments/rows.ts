// Review threads as the rows of a comment-resolution table, in the columns of columns.ts.
//
// What users wrote — the comment, the proposed change, the resolution note, the replies and the
// names — is copied verbatim; only the cells this module composes (clause, place, observations)
// add words around it. The quoted text of the draft goes with the place it was taken from, as
// «…», so the "Comments" cell holds exactly what the commenter wrote.

import type { Standard } from '../../clauses/model';
import { THREAD_TYPE_CODES, type Thread, type ThreadPerson, type ThreadStatus } from '../../clauses/review';
import { anchorState, clauseTexts, type AnchorState } from './anchor-state';
import { places, type Places } from './locate';

export type { AnchorState } from './anchor-state';

export interface CommentRow {
  threadId: string;
  status: ThreadStatus;
  member: string;
  clause: string;
  /** Paragraph/figure/table, then the quoted text on its own line. */
  location: string;
  type: 'ge' | 'te' | 'ed';
  comment: string;
  proposedChange: string;
  /** Status and resolution, then each reply on its own line(s). */
  observations: string;
}

export const DELETED_CLAUSE = '(deleted clause)';
export const DELETED_TEXT = '(commented text deleted)';

/**
 * One row per thread, in document order of their clauses and then by creation time; threads
 * whose clause was deleted come last. `states` (by thread id) overrides the approximation of
 * anchor-state.ts when the caller knows from the live document whether the text still exists.
 */
export function commentRows(
  std: Standard,
  threads: readonly Thread[],
  states?: ReadonlyMap<string, AnchorState>
): CommentRow[] {
  const where = places(std);
  const texts = clauseTexts(std);
  const stateOf = (t: Thread): AnchorState =>
    !where.clauses.has(t.anchor.clauseId) ? 'clause-deleted' : (states?.get(t.id) ?? anchorState(t.anchor, texts));
  return [...threads]
    .sort((a, b) => compareThreads(a, b, where))
    .map((thread) => toRow(thread, stateOf(thread), where));
}

function compareThreads(a: Thread, b: Thread, where: Places): number {
  const order = (t: Thread) => where.order.get(t.anchor.clauseId) ?? Number.MAX_SAFE_INTEGER;
  return order(a) - order(b) || compareText(a.createdAt, b.createdAt) || compareText(a.id, b.id);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function toRow(thread: Thread, state: AnchorState, where: Places): CommentRow {
  return {
    threadId: thread.id,
    status: thread.status,
    member: thread.author.name,
    clause: state === 'clause-deleted' ? DELETED_CLAUSE : (where.clauses.get(thread.anchor.clauseId) ?? DELETED_CLAUSE),
    location: location(thread, state, where),
    type: THREAD_TYPE_CODES[thread.type],
    comment: thread.body,
    proposedChange: thread.proposedChange,
    observations: observations(thread)
  };
}

function location(thread: Thread, state: AnchorState, where: Places): string {
  const { blockId, quote } = thread.anchor;
  const quoted = quote ? `«${quote}»` : '';
  return [place(blockId, quote, state, where), quoted].filter(Boolean).join('\n');
}

/** The block's label; a comment on the clause as a whole has none. */
function place(blockId: string | undefined, quote: string | undefined, state: AnchorState, where: Places): string {
  if (!blockId && !quote) return '';
  if (state !== 'attached') return DELETED_TEXT;
  return blockId ? (where.blocks.get(blockId)?.label ?? '') : '';
}

function observations(thread: Thread): string {
  const lines: string[] = [];
  const { resolution, reopened } = thread;
  if (thread.status === 'resolved') {
    lines.push(resolution ? resolvedLine('Resolved', resolution) : 'Resolved.');
  } else {
    lines.push(reopened ? `Open (reopened by ${who(reopened.by, reopened.at)}).` : 'Open.');
    // A withdrawn resolution stays on record.
    if (resolution) lines.push(resolvedLine('Earlier resolution', resolution));
  }
  for (const reply of thread.replies) lines.push(`${who(reply.author, reply.createdAt)}: ${reply.body}`);
  return lines.join('\n');
}

function resolvedLine(what: string, resolution: NonNullable<Thread['resolution']>): string {
  const head = `${what} by ${who(resolution.by, resolution.at)}`;
  return resolution.note ? `${head}: ${resolution.note}` : `${head}.`;
}

/** "Ana Editor (2026-03-02)": the day is enough in a resolution table (UTC, as stored). */
function who(person: ThreadPerson, at: string): string {
  const day = /^\d{4}-\d{2}-\d{2}/.exec(at)?.[0] ?? at;
  return `${person.name} (${day})`;
}

/** A row's cells in the order of COMMENT_COLUMNS. */
export function rowCells(row: CommentRow): string[] {
  return [row.member, row.clause, row.location, row.type, row.comment, row.proposedChange, row.observations];
}
