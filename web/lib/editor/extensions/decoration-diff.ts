// Replaces a decoration set's content by removing and adding only what differs. A set built from
// scratch is equal but not identical to the old one, and ProseMirror then compares every
// clause's decorations deeply on every later keystroke (a view keeps the set object it was last
// drawn with); editing the old set in place keeps the unchanged clauses' sets identical, so
// the comparison stops at the first reference check.

import type { Node as PMNode } from '@tiptap/pm/model';
import { Decoration, DecorationSet } from '@tiptap/pm/view';

/** Decoration.eq exists at run time but is not in ProseMirror's public types. */
type Comparable = Decoration & { eq(other: Decoration): boolean };

export function updateDecorationSet(current: DecorationSet, doc: PMNode, wanted: Decoration[]): DecorationSet {
  const existing = current.find();
  if (existing.length === 0) return DecorationSet.create(doc, wanted);
  const byFrom = new Map<number, Decoration[]>();
  for (const d of existing) {
    const list = byFrom.get(d.from);
    if (list) list.push(d);
    else byFrom.set(d.from, [d]);
  }
  const added: Decoration[] = [];
  for (const d of wanted) {
    const list = byFrom.get(d.from);
    const at = list ? list.findIndex((old) => (old as Comparable).eq(d)) : -1;
    if (at >= 0) list!.splice(at, 1);
    else added.push(d);
  }
  const removed: Decoration[] = [];
  for (const list of byFrom.values()) removed.push(...list);
  if (removed.length === 0 && added.length === 0) return current;
  // Mostly new: building afresh is cheaper than editing.
  if (added.length > wanted.length / 2) return DecorationSet.create(doc, wanted);
  const kept = removed.length ? current.remove(removed) : current;
  return added.length ? kept.add(doc, added) : kept;
}
