// The review protocol's parser: every field a client sends is checked, and a refusal names it.

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MAX_COMMENT_LENGTH, MAX_POSITION_JSON, MAX_QUOTE_LENGTH } from '../../clauses/review';
import { checkNewThread, parseReviewEvent, parseReviewRequest } from '../../clauses/review-messages';

/** A real relative position, as the editor produces it. */
function position(): unknown {
  const doc = new Y.Doc();
  const text = new Y.XmlText('hello');
  doc.getXmlFragment('default').insert(0, [text]);
  return Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, 2));
}

const thread = (overrides: Record<string, unknown> = {}) => ({
  anchor: { clauseId: 'c-scope', blockId: 'p-1', start: position(), end: position(), quote: 'll' },
  type: 'technical',
  body: 'Please say which profile.',
  proposedChange: 'Add "of profile A".',
  ...overrides
});

const request = (message: unknown) => parseReviewRequest(JSON.stringify(message));
const errorOf = (message: unknown) => {
  const parsed = request(message);
  return parsed.ok ? undefined : parsed.error;
};

describe('parseReviewRequest', () => {
  it('accepts each request type', () => {
    expect(request({ type: 'threads.list', requestId: 'r1' })).toEqual({ ok: true, value: { type: 'threads.list', requestId: 'r1' } });
    const created = request({ type: 'thread.create', requestId: 'r2', thread: thread() });
    expect(created.ok && created.value.type === 'thread.create' && created.value.thread.anchor.clauseId).toBe('c-scope');
    expect(request({ type: 'thread.reply', requestId: 'r3', threadId: 't1', body: '  Agreed.  ' })).toEqual({
      ok: true,
      value: { type: 'thread.reply', requestId: 'r3', threadId: 't1', body: 'Agreed.' }
    });
    expect(request({ type: 'thread.resolve', requestId: 'r4', threadId: 't1', note: 'Done in draft 3' }).ok).toBe(true);
    expect(request({ type: 'thread.resolve', requestId: 'r5', threadId: 't1' }).ok).toBe(true);
    expect(request({ type: 'thread.reopen', requestId: 'r6', threadId: 't1' }).ok).toBe(true);
  });

  it('refuses what is not a request, echoing the requestId when there is one', () => {
    expect(parseReviewRequest('{nope')).toEqual({ ok: false, requestId: null, error: 'the message is not JSON' });
    expect(parseReviewRequest('[1]')).toMatchObject({ ok: false, requestId: null });
    expect(request({ type: 'threads.list' })).toMatchObject({ ok: false, requestId: null, error: expect.stringContaining('requestId') });
    expect(request({ type: 'threads.list', requestId: 'x'.repeat(101) })).toMatchObject({ ok: false, requestId: null });
    expect(request({ type: 'thread.delete', requestId: 'r1' })).toMatchObject({ ok: false, requestId: 'r1', error: expect.stringContaining('type must be one of') });
    expect(errorOf({ type: 'threads.list', requestId: 'r1', extra: 1 })).toBe('extra is not a known field');
    expect(errorOf({ type: 'thread.reply', requestId: 'r1', threadId: '', body: 'x' })).toMatch(/^threadId/);
    expect(errorOf({ type: 'thread.reply', requestId: 'r1', threadId: 't', body: '   ' })).toBe('body must be some text');
    expect(errorOf({ type: 'thread.resolve', requestId: 'r1', threadId: 't', note: 5 })).toBe('note must be text');
  });

  it('names the field of a new thread that is wrong', () => {
    const create = (t: unknown) => errorOf({ type: 'thread.create', requestId: 'r', thread: t });
    expect(create(thread({ type: 'nit' }))).toBe('thread.type must be one of general, technical, editorial');
    expect(create(thread({ body: '' }))).toBe('thread.body must be some text');
    expect(create(thread({ body: 'x'.repeat(MAX_COMMENT_LENGTH + 1) }))).toMatch(/^thread\.body is longer than/);
    expect(create(thread({ proposedChange: 'x'.repeat(MAX_COMMENT_LENGTH + 1) }))).toMatch(/^thread\.proposedChange is longer/);
    expect(create(thread({ author: 'someone else' }))).toBe('thread.author is not a known field');
    expect(create(thread({ anchor: { clauseId: '' } }))).toMatch(/^thread\.anchor\.clauseId must be a non-empty string/);
    expect(create(thread({ anchor: { clauseId: 'c'.repeat(201) } }))).toMatch(/^thread\.anchor\.clauseId/);
    expect(create(thread({ anchor: { clauseId: 'c', quote: 'q'.repeat(MAX_QUOTE_LENGTH + 1) } }))).toMatch(/^thread\.anchor\.quote is longer/);
    expect(create(thread({ anchor: { clauseId: 'c', colour: 'red' } }))).toBe('thread.anchor.colour is not a known field');
    expect(create(thread({ anchor: { clauseId: 'c', start: position() } }))).toMatch(/start and .* given together/);
  });

  it('refuses U+0000 by name in every text and id field (PostgreSQL text cannot hold it)', () => {
    const create = (t: unknown) => errorOf({ type: 'thread.create', requestId: 'r', thread: t });
    const nul = /NUL character \(U\+0000\)/;
    expect(create(thread({ body: 'before\u0000after' }))).toMatch(/^thread\.body contains the NUL character/);
    expect(create(thread({ proposedChange: 'a\u0000' }))).toMatch(nul);
    expect(create(thread({ anchor: { clauseId: 'c', quote: 'q\u0000' } }))).toMatch(nul);
    expect(create(thread({ anchor: { clauseId: 'c\u0000' } }))).toMatch(nul);
    expect(errorOf({ type: 'thread.reply', requestId: 'r', threadId: 't', body: 'x\u0000' })).toMatch(nul);
    expect(errorOf({ type: 'thread.resolve', requestId: 'r', threadId: 't', note: 'x\u0000' })).toMatch(nul);
    // Other control characters (tabs, line breaks) stay: people write them.
    expect(create(thread({ body: 'line one\nline two\tend' }))).toBeUndefined();
  });

  it('accepts only relative positions shaped as Yjs writes them, within the size limit', () => {
    const withStart = (start: unknown) => checkNewThread(thread({ anchor: { clauseId: 'c', start, end: position() } }));
    expect(withStart(position()).ok).toBe(true);
    expect(withStart({ tname: 'default', assoc: -1 }).ok).toBe(true);
    const bad = [
      'a string',
      {},
      { item: { client: -1, clock: 0 } },
      { item: { client: 1, clock: 1.5 } },
      { item: { client: 1, clock: 1, extra: 1 } },
      { item: { client: 1, clock: 1 }, assoc: 'left' },
      { item: { client: 1, clock: 1 }, html: '<script>' },
      { tname: 'meta' },
      { type: { client: 1, clock: 2 }, tname: 'x'.repeat(MAX_POSITION_JSON) }
    ];
    for (const start of bad) {
      const result = withStart(start);
      expect(result.ok, JSON.stringify(start)).toBe(false);
      expect(!result.ok && result.error).toMatch(/^anchor\.start/);
    }
  });

  it('treats null optional fields as absent (what a page sends for a block without id)', () => {
    const result = checkNewThread({ anchor: { clauseId: 'c', blockId: null, start: null, end: null, quote: null }, type: 'general', body: 'b', proposedChange: null });
    expect(result).toEqual({ ok: true, value: { anchor: { clauseId: 'c' }, type: 'general', body: 'b' } });
  });
});

describe('parseReviewEvent', () => {
  it('reads the server messages and ignores anything else', () => {
    expect(parseReviewEvent(JSON.stringify({ type: 'done', requestId: 'r', threadId: 't' }))).toEqual({ type: 'done', requestId: 'r', threadId: 't' });
    expect(parseReviewEvent(JSON.stringify({ type: 'refused', requestId: null, message: 'no' }))?.type).toBe('refused');
    expect(parseReviewEvent(JSON.stringify({ type: 'access', role: 'reviewer', readOnly: true }))).toBeUndefined();
    expect(parseReviewEvent('not json')).toBeUndefined();
  });
});
