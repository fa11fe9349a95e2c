// Where a review thread's anchor stands in the live document. A thread always belongs to a clause
// (found by its stable id, so it survives edits, moves and renumbering); its optional text range
// is a pair of Yjs relative positions, which follow the text until every character of the range
// is deleted (the range collapses) or the block holding it is removed (its type is deleted).
// Pure: reads a Y.Doc, changes nothing.

import * as Y from 'yjs';
import type { ThreadAnchor } from './review';
import { YDOC_FIELD } from './schema';

export type AnchorState =
  /** The clause exists and the commented range still holds text. */
  | 'text'
  /** The clause exists but the commented text is gone: the thread stays on the clause. */
  | 'text-deleted'
  /** The thread points at the clause as a whole (no range), and the clause exists. */
  | 'clause-only'
  /** No clause with that id is left in the document. */
  | 'clause-deleted';

export function anchorState(ydoc: Y.Doc, anchor: ThreadAnchor): AnchorState {
  if (!findClauseElement(ydoc, anchor.clauseId)) return 'clause-deleted';
  if (anchor.start == null || anchor.end == null) return 'clause-only';
  return rangeHoldsText(ydoc, anchor.start, anchor.end) ? 'text' : 'text-deleted';
}

/** The clause element with this id attribute, searching nested clauses too. */
export function findClauseElement(ydoc: Y.Doc, clauseId: string): Y.XmlElement | undefined {
  const search = (parent: Y.XmlFragment | Y.XmlElement): Y.XmlElement | undefined => {
    for (const child of parent.toArray()) {
      // Clauses hold their sub-clauses directly; nothing else can contain a clause.
      if (!(child instanceof Y.XmlElement) || child.nodeName !== 'clause') continue;
      if (child.getAttribute('id') === clauseId) return child;
      const found = search(child);
      if (found) return found;
    }
    return undefined;
  };
  return search(ydoc.getXmlFragment(YDOC_FIELD));
}

/** The range's positions resolved in the document, or undefined when either is gone. */
export function resolveRange(
  ydoc: Y.Doc,
  start: unknown,
  end: unknown
): { start: Y.AbsolutePosition; end: Y.AbsolutePosition } | undefined {
  const from = resolve(ydoc, start);
  const to = resolve(ydoc, end);
  return from && to ? { start: from, end: to } : undefined;
}

function rangeHoldsText(ydoc: Y.Doc, start: unknown, end: unknown): boolean {
  const range = resolveRange(ydoc, start, end);
  if (!range) return false;
  if (range.start.type === range.end.type) return range.end.index > range.start.index;
  return charactersBetween(ydoc, range.start, range.end) > 0;
}

function resolve(ydoc: Y.Doc, json: unknown): Y.AbsolutePosition | undefined {
  let position: Y.AbsolutePosition | null;
  try {
    position = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(json), ydoc);
  } catch {
    return undefined; // not a relative position at all: treat like deleted text
  }
  return position && isAlive(position.type) ? position : undefined;
}

/**
 * Whether a type is still in the document. Yjs resolves a position inside a deleted block to
 * that deleted type (index 0) instead of failing, so deletion is checked up to the root.
 */
function isAlive(type: Y.AbstractType<unknown>): boolean {
  let item = type._item;
  while (item) {
    if (item.deleted) return false;
    item = (item.parent as Y.AbstractType<unknown>)._item;
  }
  return true;
}

/** Characters of text between two positions in different blocks, in document order. */
function charactersBetween(ydoc: Y.Doc, start: Y.AbsolutePosition, end: Y.AbsolutePosition): number {
  let offset = 0;
  let from: number | undefined;
  let to: number | undefined;
  // A position in text counts characters; a position in an element counts its children.
  const mark = (node: unknown, index: number, at: number) => {
    if (node === start.type && index === start.index) from = at;
    if (node === end.type && index === end.index) to = at;
  };
  const walk = (node: Y.XmlFragment | Y.XmlElement | Y.XmlText) => {
    if (node instanceof Y.XmlText) {
      if (node === start.type) from = offset + start.index;
      if (node === end.type) to = offset + end.index;
      offset += node.length;
      return;
    }
    const children = node.toArray();
    children.forEach((child, index) => {
      mark(node, index, offset);
      if (!(child instanceof Y.XmlHook)) walk(child);
    });
    mark(node, children.length, offset);
  };
  walk(ydoc.getXmlFragment(YDOC_FIELD));
  return from !== undefined && to !== undefined ? Math.max(0, to - from) : 0;
}
