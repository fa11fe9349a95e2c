// Gives every clause and block that can be pointed at a stable id, in the editor that created it:
// a new paragraph (Enter never copies the id, see the schema), a pasted or duplicated clause (a
// copy must not share its original's id), a new note or table. Only local edits are looked at:
// content arriving from co-authors already got its id in their editor, and assigning ids there
// too would make every client race to rename the same node.

import { Extension } from '@tiptap/core';
import { isChangeOrigin } from '@tiptap/extension-collaboration';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state';
import { ID_PREFIX, isValidId, newId } from '../../../../clauses/ids';
import { duplicateIdsPlugin } from '../../../../clauses/structure/duplicate-ids-plugin';

/** The id prefix of each node type that carries an `id` attribute. */
export const ID_PREFIX_BY_NODE: Readonly<Record<string, string>> = {
  clause: ID_PREFIX.clause,
  paragraph: ID_PREFIX.paragraph,
  note: ID_PREFIX.note,
  example: ID_PREFIX.example,
  tableFigure: ID_PREFIX.table,
  figure: ID_PREFIX.figure,
  codeBlock: ID_PREFIX.code,
  termEntry: ID_PREFIX.term,
  referenceEntry: ID_PREFIX.reference
};

export const stableIdsKey = new PluginKey('clauseworkStableIds');

type Range = [number, number];

/**
 * Where the transactions selected by `include` inserted content, in the final document's
 * positions (the others are only mapped through).
 */
export function insertedRanges(
  transactions: readonly Transaction[],
  include: (tr: Transaction) => boolean = () => true
): Range[] {
  let ranges: Range[] = [];
  for (const tr of transactions) {
    const counts = include(tr);
    for (const map of tr.mapping.maps) {
      ranges = ranges.map(([from, to]) => [map.map(from, -1), map.map(to, 1)] as Range);
      if (!counts) continue;
      map.forEach((_oldStart, _oldEnd, newStart, newEnd) => {
        if (newEnd > newStart) ranges.push([newStart, newEnd]);
      });
    }
  }
  return ranges;
}

interface Candidate {
  pos: number;
  node: PMNode;
}

/**
 * Nodes with an id attribute that start inside one of the ranges: new nodes, including the second
 * half of a split paragraph, but not the ancestors of an edit.
 */
function insertedNodes(doc: PMNode, ranges: Range[]): Candidate[] {
  const seen = new Set<number>();
  const out: Candidate[] = [];
  for (const [from, to] of ranges) {
    const start = Math.max(0, from);
    const end = Math.min(doc.content.size, to);
    if (end <= start) continue;
    doc.nodesBetween(start, end, (node, pos) => {
      if (node.isText) return false;
      if (pos >= start && pos < end && node.type.name in ID_PREFIX_BY_NODE && !seen.has(pos)) {
        seen.add(pos);
        out.push({ pos, node });
      }
      return true;
    });
  }
  return out.sort((a, b) => a.pos - b.pos);
}

function idCounts(doc: PMNode): Map<string, number> {
  const counts = new Map<string, number>();
  doc.descendants((node) => {
    if (node.isText) return false;
    const id = node.attrs.id;
    if (typeof id === 'string' && id) counts.set(id, (counts.get(id) ?? 0) + 1);
    return true;
  });
  return counts;
}

/** A transaction giving fresh ids to new nodes without one and to copies of existing ids. */
export function assignIds(
  state: EditorState,
  transactions: readonly Transaction[],
  include: (tr: Transaction) => boolean = () => true
): Transaction | null {
  const candidates = insertedNodes(state.doc, insertedRanges(transactions, include));
  if (candidates.length === 0) return null;
  const needsCount = candidates.some(({ node }) => isValidId(node.attrs.id));
  const counts = needsCount ? idCounts(state.doc) : new Map<string, number>();
  const tr = state.tr;
  for (const { pos, node } of candidates) {
    const id = node.attrs.id as unknown;
    const duplicate = isValidId(id) && (counts.get(id) ?? 0) > 1;
    if (isValidId(id) && !duplicate) continue;
    if (duplicate) counts.set(id, counts.get(id)! - 1);
    tr.setNodeAttribute(pos, 'id', newId(ID_PREFIX_BY_NODE[node.type.name]!));
  }
  return tr.docChanged ? tr : null;
}

export const StableIds = Extension.create({
  name: 'stableIds',
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: stableIdsKey,
        appendTransaction(transactions, _old, state) {
          const local = (tr: Transaction) => tr.docChanged && !isChangeOrigin(tr);
          return transactions.some(local) ? assignIds(state, transactions, local) : null;
        }
      }),
      // Yjs has no move: two co-authors moving the same clause at once leave two copies with
      // the same ids, which no local edit produced. Every client repairs them identically.
      duplicateIdsPlugin()
    ];
  }
});
