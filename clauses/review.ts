// Review comments on a standard: the thread model shared by the server (which stores and
// authorises them), the editor's review panel and the comment-resolution exporters.
// Threads are not part of the Y.Doc: reviewers have read-only connections and cannot write it,
// so threads live in the database and travel as Hocuspocus stateless messages.

/** The comment types of ITU-T / ISO comment-resolution tables (ge / te / ed). */
export const THREAD_TYPES = ['general', 'technical', 'editorial'] as const;
export type ThreadType = (typeof THREAD_TYPES)[number];

/** Abbreviations used in comment-resolution tables. */
export const THREAD_TYPE_CODES: Record<ThreadType, 'ge' | 'te' | 'ed'> = {
  general: 'ge',
  technical: 'te',
  editorial: 'ed'
};

export type ThreadStatus = 'open' | 'resolved';

/** Where a thread points: always a clause (stable id), optionally a text range inside it. */
export interface ThreadAnchor {
  clauseId: string;
  /** The block (paragraph, table, figure, note…) holding the range's start, by stable id. */
  blockId?: string;
  /** Yjs relative positions (Y.relativePositionToJSON) of the range, kept opaque here. */
  start?: unknown;
  end?: unknown;
  /** The commented text as it was when the thread was opened. */
  quote?: string;
}

export interface ThreadPerson {
  id: string;
  name: string;
}

export interface ThreadReply {
  id: string;
  author: ThreadPerson;
  body: string;
  createdAt: string; // ISO 8601
}

export interface Thread {
  id: string;
  standardId: string;
  anchor: ThreadAnchor;
  type: ThreadType;
  status: ThreadStatus;
  author: ThreadPerson;
  body: string;
  /** The change the commenter proposes, if any. */
  proposedChange: string;
  createdAt: string;
  replies: ThreadReply[];
  /** Who resolved it and when, with the resolution text (the "observations" column). */
  resolution?: { by: ThreadPerson; at: string; note: string };
  /** Last reopening, kept for the record after a resolution was withdrawn. */
  reopened?: { by: ThreadPerson; at: string };
}

export interface NewThread {
  anchor: ThreadAnchor;
  type: ThreadType;
  body: string;
  proposedChange?: string;
}

export const MAX_COMMENT_LENGTH = 10_000;
export const MAX_QUOTE_LENGTH = 1_000;
/** Bytes of JSON allowed for one relative position. */
export const MAX_POSITION_JSON = 512;
