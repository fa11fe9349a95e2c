// The review protocol over Hocuspocus stateless messages (JSON strings), shared by the server
// (which must distrust every field) and the editor's review panel. Threads live outside the
// Y.Doc (reviewers' connections are read-only), so they travel beside it on the same socket.
//
// Pure: parsing answers either a typed message or a sentence naming the field that was wrong.

import * as Y from 'yjs';
import { YDOC_FIELD } from './schema';
import {
  MAX_COMMENT_LENGTH,
  MAX_POSITION_JSON,
  MAX_QUOTE_LENGTH,
  THREAD_TYPES,
  type NewThread,
  type Thread,
  type ThreadAnchor,
  type ThreadType
} from './review';

/** Client → server. `requestId` is the client's own correlation id, echoed in the answer. */
export type ReviewRequest =
  | { type: 'threads.list'; requestId: string }
  | { type: 'thread.create'; requestId: string; thread: NewThread }
  | { type: 'thread.reply'; requestId: string; threadId: string; body: string }
  | { type: 'thread.resolve'; requestId: string; threadId: string; note?: string }
  | { type: 'thread.reopen'; requestId: string; threadId: string };

/** Server → client. */
export type ReviewEvent =
  /** The answer to threads.list, sent only to the asker. */
  | { type: 'threads'; requestId: string; threads: Thread[] }
  /** A thread as it is now, broadcast to every connection of the document after any change. */
  | { type: 'thread'; thread: Thread }
  /** The request succeeded (the change itself arrives as a 'thread' broadcast). */
  | { type: 'done'; requestId: string; threadId: string }
  /** The request was refused; `requestId` is null when the request carried none. */
  | { type: 'refused'; requestId: string | null; message: string };

export const REVIEW_REQUEST_TYPES = ['threads.list', 'thread.create', 'thread.reply', 'thread.resolve', 'thread.reopen'] as const;

/** Largest stateless review message accepted, in bytes of UTF-8. */
export const MAX_REVIEW_MESSAGE_BYTES = 64 * 1024;
export const MAX_REQUEST_ID_LENGTH = 100;
export const MAX_ID_LENGTH = 200;

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };
export type ParsedRequest = { ok: true; value: ReviewRequest } | { ok: false; requestId: string | null; error: string };

/** Parses one stateless payload from a client. */
export function parseReviewRequest(payload: string): ParsedRequest {
  let raw: unknown;
  try {
    raw = JSON.parse(payload);
  } catch {
    return { ok: false, requestId: null, error: 'the message is not JSON' };
  }
  if (!isRecord(raw)) return { ok: false, requestId: null, error: 'the message must be a JSON object' };
  const requestId = checkRequestId(raw.requestId);
  if (!requestId.ok) return { ok: false, requestId: null, error: requestId.error };
  const checked = checkRequest(raw, requestId.value);
  return checked.ok ? checked : { ok: false, requestId: requestId.value, error: checked.error };
}

function checkRequest(raw: Record<string, unknown>, requestId: string): Checked<ReviewRequest> {
  switch (raw.type) {
    case 'threads.list': {
      const extra = unknownKey(raw, ['type', 'requestId']);
      if (extra) return extra;
      return { ok: true, value: { type: 'threads.list', requestId } };
    }
    case 'thread.create': {
      const extra = unknownKey(raw, ['type', 'requestId', 'thread']);
      if (extra) return extra;
      const thread = checkNewThread(raw.thread, 'thread');
      return thread.ok ? { ok: true, value: { type: 'thread.create', requestId, thread: thread.value } } : thread;
    }
    case 'thread.reply': {
      const extra = unknownKey(raw, ['type', 'requestId', 'threadId', 'body']);
      if (extra) return extra;
      const threadId = checkId(raw.threadId, 'threadId');
      if (!threadId.ok) return threadId;
      const body = checkComment(raw.body, 'body');
      if (!body.ok) return body;
      return { ok: true, value: { type: 'thread.reply', requestId, threadId: threadId.value, body: body.value } };
    }
    case 'thread.resolve': {
      const extra = unknownKey(raw, ['type', 'requestId', 'threadId', 'note']);
      if (extra) return extra;
      const threadId = checkId(raw.threadId, 'threadId');
      if (!threadId.ok) return threadId;
      const note = checkOptionalText(raw.note, 'note', MAX_COMMENT_LENGTH);
      if (!note.ok) return note;
      const value: ReviewRequest = { type: 'thread.resolve', requestId, threadId: threadId.value };
      if (note.value !== undefined) value.note = note.value;
      return { ok: true, value };
    }
    case 'thread.reopen': {
      const extra = unknownKey(raw, ['type', 'requestId', 'threadId']);
      if (extra) return extra;
      const threadId = checkId(raw.threadId, 'threadId');
      return threadId.ok ? { ok: true, value: { type: 'thread.reopen', requestId, threadId: threadId.value } } : threadId;
    }
    default:
      return { ok: false, error: `type must be one of ${REVIEW_REQUEST_TYPES.join(', ')}` };
  }
}

/**
 * Validates a new thread as a client sent it. `path` prefixes field names in the error
 * ("thread.anchor.clauseId …"). Null optional fields count as absent; the body is trimmed.
 */
export function checkNewThread(value: unknown, path = ''): Checked<NewThread> {
  const at = (field: string) => (path ? `${path}.${field}` : field);
  if (!isRecord(value)) return { ok: false, error: `${path || 'the thread'} must be an object` };
  const extra = unknownKey(value, ['anchor', 'type', 'body', 'proposedChange'], path);
  if (extra) return extra;
  const anchor = checkAnchor(value.anchor, at('anchor'));
  if (!anchor.ok) return anchor;
  if (!(THREAD_TYPES as readonly unknown[]).includes(value.type)) {
    return { ok: false, error: `${at('type')} must be one of ${THREAD_TYPES.join(', ')}` };
  }
  const body = checkComment(value.body, at('body'));
  if (!body.ok) return body;
  const proposedChange = checkOptionalText(value.proposedChange, at('proposedChange'), MAX_COMMENT_LENGTH);
  if (!proposedChange.ok) return proposedChange;
  const thread: NewThread = { anchor: anchor.value, type: value.type as ThreadType, body: body.value };
  if (proposedChange.value !== undefined) thread.proposedChange = proposedChange.value;
  return { ok: true, value: thread };
}

function checkAnchor(value: unknown, path: string): Checked<ThreadAnchor> {
  if (!isRecord(value)) return { ok: false, error: `${path} must be an object` };
  const extra = unknownKey(value, ['clauseId', 'blockId', 'start', 'end', 'quote'], path);
  if (extra) return extra;
  const clauseId = checkId(value.clauseId, `${path}.clauseId`);
  if (!clauseId.ok) return clauseId;
  const anchor: ThreadAnchor = { clauseId: clauseId.value };
  if (value.blockId != null) {
    const blockId = checkId(value.blockId, `${path}.blockId`);
    if (!blockId.ok) return blockId;
    anchor.blockId = blockId.value;
  }
  if ((value.start == null) !== (value.end == null)) {
    return { ok: false, error: `${path}.start and ${path}.end must be given together (a range) or not at all` };
  }
  if (value.start != null) {
    const start = checkRelativePosition(value.start, `${path}.start`);
    if (!start.ok) return start;
    const end = checkRelativePosition(value.end, `${path}.end`);
    if (!end.ok) return end;
    anchor.start = start.value;
    anchor.end = end.value;
  }
  const quote = checkOptionalText(value.quote, `${path}.quote`, MAX_QUOTE_LENGTH);
  if (!quote.ok) return quote;
  if (quote.value !== undefined) anchor.quote = quote.value;
  return { ok: true, value: anchor };
}

/** The JSON form of a Yjs relative position (Y.relativePositionToJSON), checked field by field. */
export function checkRelativePosition(value: unknown, path: string): Checked<Record<string, unknown>> {
  const shape = `${path} must be a Yjs relative position (Y.relativePositionToJSON)`;
  if (!isRecord(value)) return { ok: false, error: shape };
  let json: string;
  try {
    json = JSON.stringify(value);
  } catch {
    return { ok: false, error: shape };
  }
  if (utf8Length(json) > MAX_POSITION_JSON) {
    return { ok: false, error: `${path} is longer than ${MAX_POSITION_JSON} bytes of JSON` };
  }
  if (unknownKey(value, ['type', 'tname', 'item', 'assoc'])) return { ok: false, error: shape };
  if (value.item === undefined && value.type === undefined && value.tname === undefined) return { ok: false, error: shape };
  if (value.item !== undefined && !isYId(value.item)) return { ok: false, error: `${shape}: item must be {client, clock}` };
  if (value.type !== undefined && !isYId(value.type)) return { ok: false, error: `${shape}: type must be {client, clock}` };
  // A root type other than the document's would make readers create it (Y.Doc.get) on resolving.
  if (value.tname !== undefined && value.tname !== YDOC_FIELD) {
    return { ok: false, error: `${shape}: tname may only name "${YDOC_FIELD}"` };
  }
  if (value.assoc !== undefined && !Number.isSafeInteger(value.assoc)) return { ok: false, error: `${shape}: assoc must be an integer` };
  try {
    Y.createRelativePositionFromJSON(value);
  } catch {
    return { ok: false, error: shape };
  }
  // Re-built from the checked fields only, so nothing else travels into storage.
  return { ok: true, value: JSON.parse(json) as Record<string, unknown> };
}

/** A server message as the review panel receives it, or undefined when it is not one. */
export function parseReviewEvent(payload: string): ReviewEvent | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(payload);
  } catch {
    return undefined;
  }
  if (!isRecord(raw)) return undefined;
  switch (raw.type) {
    case 'threads':
      return typeof raw.requestId === 'string' && Array.isArray(raw.threads) ? (raw as ReviewEvent) : undefined;
    case 'thread':
      return isRecord(raw.thread) ? (raw as ReviewEvent) : undefined;
    case 'done':
      return typeof raw.requestId === 'string' && typeof raw.threadId === 'string' ? (raw as ReviewEvent) : undefined;
    case 'refused':
      return typeof raw.message === 'string' ? (raw as ReviewEvent) : undefined;
    default:
      return undefined;
  }
}

function checkRequestId(value: unknown): Checked<string> {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_REQUEST_ID_LENGTH) {
    return { ok: false, error: `requestId must be a non-empty string of at most ${MAX_REQUEST_ID_LENGTH} characters` };
  }
  return { ok: true, value };
}

function checkId(value: unknown, path: string): Checked<string> {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_ID_LENGTH) {
    return { ok: false, error: `${path} must be a non-empty string of at most ${MAX_ID_LENGTH} characters` };
  }
  return value.includes('\u0000') ? nulRefused(path) : { ok: true, value };
}

/**
 * U+0000 cannot be stored in PostgreSQL text and never belongs in a comment; it is refused by
 * name rather than silently removed (nothing a user wrote is changed without saying so).
 */
function nulRefused(path: string): { ok: false; error: string } {
  return { ok: false, error: `${path} contains the NUL character (U+0000), which cannot be stored; remove it` };
}

/** A comment or reply: some non-blank text, trimmed, within MAX_COMMENT_LENGTH. */
export function checkComment(value: unknown, path: string): Checked<string> {
  if (typeof value !== 'string' || value.trim() === '') return { ok: false, error: `${path} must be some text` };
  const text = value.trim();
  if (text.length > MAX_COMMENT_LENGTH) {
    return { ok: false, error: `${path} is longer than ${MAX_COMMENT_LENGTH} characters` };
  }
  return text.includes('\u0000') ? nulRefused(path) : { ok: true, value: text };
}

/** Optional text: absent or null is undefined; otherwise a string within `max` characters. */
export function checkOptionalText(value: unknown, path: string, max: number): Checked<string | undefined> {
  if (value == null) return { ok: true, value: undefined };
  if (typeof value !== 'string') return { ok: false, error: `${path} must be text` };
  if (value.length > max) return { ok: false, error: `${path} is longer than ${max} characters` };
  return value.includes('\u0000') ? nulRefused(path) : { ok: true, value };
}

function unknownKey(value: Record<string, unknown>, allowed: readonly string[], path = ''): { ok: false; error: string } | undefined {
  const key = Object.keys(value).find((k) => !allowed.includes(k));
  if (key === undefined) return undefined;
  return { ok: false, error: `${path ? `${path}.` : ''}${key} is not a known field` };
}

function isYId(value: unknown): boolean {
  return (
    isRecord(value) &&
    Object.keys(value).length === 2 &&
    isCount(value.client) &&
    isCount(value.clock)
  );
}

function isCount(value: unknown): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function utf8Length(text: string): number {
  return new TextEncoder().encode(text).byteLength;
}
