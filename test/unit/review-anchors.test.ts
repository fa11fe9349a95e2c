// Thread anchors against real y-tiptap edits of the example standard: the range follows its text
// through edits elsewhere, collapses when its text is deleted, and the thread keeps its clause
// through moves and renumbering until the clause itself is deleted.

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { EditorState, type Command } from '@tiptap/pm/state';
import type { Node as PMNode } from '@tiptap/pm/model';
import { absolutePositionToRelativePosition, initProseMirrorDoc, updateYFragment } from '@tiptap/y-tiptap';
import { standardToYdoc } from '../../clauses/convert';
import { exampleStandard } from '../../clauses/example';
import { clauseSchema, YDOC_FIELD } from '../../clauses/schema';
import { anchorState, findClauseElement } from '../../clauses/review-anchors';
import type { ThreadAnchor } from '../../clauses/review';
import { deleteClause, insertClauseAfter, moveClause } from '../../clauses/structure';
import { editDocument } from '../helpers/server';

/** Start and end (ProseMirror positions) of `text` inside the block with id `blockId`. */
function rangeOf(doc: PMNode, blockId: string, text: string): { from: number; to: number } {
  let found: { from: number; to: number } | undefined;
  doc.descendants((node, pos) => {
    if (found) return false;
    if (node.attrs.id !== blockId || !node.isTextblock) return true;
    const at = node.textContent.indexOf(text);
    if (at < 0) throw new Error(`"${text}" is not in ${blockId}`);
    found = { from: pos + 1 + at, to: pos + 1 + at + text.length };
    return false;
  });
  if (!found) throw new Error(`no block ${blockId}`);
  return found;
}

/** An anchor on `text` in a block, made the way the editor makes it (y-tiptap's mapping). */
function anchorOn(ydoc: Y.Doc, clauseId: string, blockId: string, text: string): ThreadAnchor {
  const fragment = ydoc.getXmlFragment(YDOC_FIELD);
  const { doc, mapping } = initProseMirrorDoc(fragment, schema);
  const { from, to } = rangeOf(doc, blockId, text);
  const start = Y.relativePositionToJSON(absolutePositionToRelativePosition(from, fragment, mapping));
  const end = Y.relativePositionToJSON(absolutePositionToRelativePosition(to, fragment, mapping));
  return { clauseId, blockId, start, end, quote: text };
}

/** Runs an editor command on the Y.Doc the way the editor's sync plugin would apply it. */
function runCommand(ydoc: Y.Doc, command: Command): void {
  const fragment = ydoc.getXmlFragment(YDOC_FIELD);
  const { doc, meta } = initProseMirrorDoc(fragment, schema);
  const state = EditorState.create({ doc });
  let next: EditorState | undefined;
  expect(command(state, (tr) => (next = state.apply(tr)))).toBe(true);
  ydoc.transact(() => updateYFragment(ydoc, fragment, next!.doc, meta));
}

/** Round-trips the document through an update, as a client receiving it from the server would. */
function replica(ydoc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(ydoc));
  return copy;
}

const schema = clauseSchema();
const PARAGRAPH = 'p-comparison-single-threshold';
const QUOTE = 'single comparison threshold';

describe('anchorState', () => {
  it('a fresh range holds text; a clause-only anchor is on its clause', () => {
    const ydoc = standardToYdoc(exampleStandard());
    expect(anchorState(ydoc, anchorOn(ydoc, 'c-comparison', PARAGRAPH, QUOTE))).toBe('text');
    expect(anchorState(ydoc, { clauseId: 'c-comparison' })).toBe('clause-only');
    expect(anchorState(ydoc, { clauseId: 'c-nowhere' })).toBe('clause-deleted');
    // Nested clauses are found too.
    expect(findClauseElement(ydoc, 'c-comparison')?.getAttribute('id')).toBe('c-comparison');
  });

  it('the range follows its text through typing before, inside and after it', () => {
    const ydoc = standardToYdoc(exampleStandard());
    const anchor = anchorOn(ydoc, 'c-comparison', PARAGRAPH, QUOTE);
    editDocument(ydoc, (tr) => {
      const { from } = rangeOf(tr.doc, PARAGRAPH, QUOTE);
      tr.insert(from - 'Using a '.length, schema.text('Really: '));
    });
    editDocument(ydoc, (tr) => {
      const { to } = rangeOf(tr.doc, PARAGRAPH, QUOTE);
      tr.insert(to, schema.text(' (or two)'));
    });
    expect(anchorState(replica(ydoc), anchor)).toBe('text');
    // Deleting part of the range leaves the rest.
    editDocument(ydoc, (tr) => {
      const { from } = rangeOf(tr.doc, PARAGRAPH, QUOTE);
      tr.delete(from, from + 'single '.length);
    });
    expect(anchorState(replica(ydoc), anchor)).toBe('text');
  });

  it('deleting every character of the range collapses it: the thread stays on its clause', () => {
    const ydoc = standardToYdoc(exampleStandard());
    const anchor = anchorOn(ydoc, 'c-comparison', PARAGRAPH, QUOTE);
    editDocument(ydoc, (tr) => {
      const { from, to } = rangeOf(tr.doc, PARAGRAPH, QUOTE);
      tr.delete(from - 2, to + 2); // a little more than the range, on both sides
    });
    expect(anchorState(replica(ydoc), anchor)).toBe('text-deleted');
    // Typing at the place where the text was does not bring the range back.
    editDocument(ydoc, (tr) => {
      const { from } = rangeOf(tr.doc, PARAGRAPH, 'Using');
      tr.insert(from + 'Using a'.length, schema.text('new words '));
    });
    expect(anchorState(replica(ydoc), anchor)).toBe('text-deleted');
  });

  it('deleting the paragraph that held the range leaves a clause thread', () => {
    const ydoc = standardToYdoc(exampleStandard());
    const anchor = anchorOn(ydoc, 'c-comparison', PARAGRAPH, QUOTE);
    editDocument(ydoc, (tr) => {
      let range: { from: number; to: number } | undefined;
      tr.doc.descendants((node, pos) => {
        if (node.attrs.id === PARAGRAPH) range = { from: pos, to: pos + node.nodeSize };
        return !range;
      });
      tr.delete(range!.from, range!.to);
    });
    expect(anchorState(replica(ydoc), anchor)).toBe('text-deleted');
  });

  it('a range across two paragraphs holds text until both parts are gone', () => {
    const ydoc = standardToYdoc(exampleStandard());
    const fragment = ydoc.getXmlFragment(YDOC_FIELD);
    const { doc, mapping } = initProseMirrorDoc(fragment, schema);
    const from = rangeOf(doc, 'p-comparison-report', 'operating threshold').from;
    const to = rangeOf(doc, PARAGRAPH, 'Using a').to;
    const anchor: ThreadAnchor = {
      clauseId: 'c-comparison',
      start: Y.relativePositionToJSON(absolutePositionToRelativePosition(from, fragment, mapping)),
      end: Y.relativePositionToJSON(absolutePositionToRelativePosition(to, fragment, mapping))
    };
    expect(anchorState(ydoc, anchor)).toBe('text');
    editDocument(ydoc, (tr) => {
      const a = rangeOf(tr.doc, 'p-comparison-report', 'operating threshold.');
      tr.delete(a.from, a.to);
    });
    expect(anchorState(replica(ydoc), anchor)).toBe('text');
    editDocument(ydoc, (tr) => {
      const b = rangeOf(tr.doc, PARAGRAPH, 'Using a');
      tr.delete(b.from, b.to);
    });
    expect(anchorState(replica(ydoc), anchor)).toBe('text-deleted');
  });

  it('a clause renumbered by a new clause before it keeps its thread and its range', () => {
    const ydoc = standardToYdoc(exampleStandard());
    const anchor = anchorOn(ydoc, 'c-comparison', PARAGRAPH, QUOTE);
    runCommand(ydoc, insertClauseAfter('c-storage'));
    expect(anchorState(replica(ydoc), anchor)).toBe('text');
  });

  it('a moved clause keeps its threads (found by id, wherever it is now)', () => {
    const ydoc = standardToYdoc(exampleStandard());
    const whole: ThreadAnchor = { clauseId: 'c-comparison' };
    const ranged = anchorOn(ydoc, 'c-comparison', PARAGRAPH, QUOTE);
    runCommand(ydoc, moveClause('c-comparison', 'c-capture', 'before'));
    const moved = replica(ydoc);
    expect(anchorState(moved, whole)).toBe('clause-only');
    // y-tiptap re-creates moved content, so the old range's items are gone: the thread keeps its
    // clause and its quote, and says its text range is lost.
    expect(anchorState(moved, ranged)).toBe('text-deleted');
  });

  it('deleting the clause deletes the anchor, range or not', () => {
    const ydoc = standardToYdoc(exampleStandard());
    const ranged = anchorOn(ydoc, 'c-comparison', PARAGRAPH, QUOTE);
    runCommand(ydoc, deleteClause('c-comparison'));
    const after = replica(ydoc);
    expect(anchorState(after, ranged)).toBe('clause-deleted');
    expect(anchorState(after, { clauseId: 'c-comparison' })).toBe('clause-deleted');
  });

  it('positions that do not resolve in this document count as deleted text', () => {
    const ydoc = standardToYdoc(exampleStandard());
    const bogus = { item: { client: 1, clock: 999_999 }, assoc: 0 };
    expect(anchorState(ydoc, { clauseId: 'c-comparison', start: bogus, end: bogus })).toBe('text-deleted');
    expect(anchorState(ydoc, { clauseId: 'c-comparison', start: 'nonsense', end: 42 })).toBe('text-deleted');
  });
});
