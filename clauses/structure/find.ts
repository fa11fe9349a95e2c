// Locating clauses in a ProseMirror document by their stable id.

import type { Node as PMNode } from '@tiptap/pm/model';

export interface ClauseLocation {
  id: string;
  node: PMNode;
  /** Position before the clause node. */
  pos: number;
  /** The node holding it: the doc for a top-level clause, else the parent clause. */
  parent: PMNode;
  /** Position before the parent clause; -1 when the parent is the doc. */
  parentPos: number;
  /** Index among the parent's children. */
  index: number;
}

/** The clause with this id, or null. */
export function findClause(doc: PMNode, id: string): ClauseLocation | null {
  return findIn(doc, -1, id);
}

function findIn(parent: PMNode, parentPos: number, id: string): ClauseLocation | null {
  // Children of a node start one position after it opens (the doc has no opening token).
  let pos = parentPos + 1;
  for (let index = 0; index < parent.childCount; index++) {
    const node = parent.child(index);
    if (node.type.name === 'clause') {
      if (node.attrs.id === id) return { id, node, pos, parent, parentPos, index };
      const inner = findIn(node, pos, id);
      if (inner) return inner;
    }
    pos += node.nodeSize;
  }
  return null;
}

/** The clause siblings before and after a clause (blocks and the title are not siblings). */
export function clauseSiblings(loc: ClauseLocation): { before: PMNode | null; after: PMNode | null } {
  const before = loc.index > 0 ? loc.parent.child(loc.index - 1) : null;
  const after = loc.index + 1 < loc.parent.childCount ? loc.parent.child(loc.index + 1) : null;
  return {
    before: before?.type.name === 'clause' ? before : null,
    after: after?.type.name === 'clause' ? after : null
  };
}

/** Whether `inner` is `outer` or sits inside it. */
export function isWithin(outer: ClauseLocation, innerPos: number): boolean {
  return innerPos >= outer.pos && innerPos < outer.pos + outer.node.nodeSize;
}

/** Role of the top-level clause around a position (sub-clauses take their place from it). */
export function topRoleAt(doc: PMNode, pos: number): string {
  const $pos = doc.resolve(Math.min(pos + 1, doc.content.size));
  return String(($pos.depth > 0 ? $pos.node(1) : doc.nodeAt(pos))?.attrs.role ?? 'body');
}
