// Repairing ids that occur more than once. Copy and paste in one editor is handled where it
// happens (the editor's stable-ids plugin gives the copy a fresh id). Two co-authors can still
// produce a duplicate together: Yjs has no move, so if both move the same clause at once, both
// inserted copies survive the merge. The repair below is deterministic — the first occurrence in
// document order keeps the id, each later one gets "<id>-<n>" with the smallest free n — so every
// client that runs it on the same document writes the same values and they cannot fight.

import type { Node as PMNode } from '@tiptap/pm/model';
import type { Command } from '@tiptap/pm/state';

export interface IdFix {
  pos: number;
  from: string;
  to: string;
}

/** The renames that make every id in the document unique. */
export function duplicateIdFixes(doc: PMNode): IdFix[] {
  const seen = new Set<string>();
  const all = new Set<string>();
  doc.descendants((node) => {
    const id = node.attrs.id;
    if (typeof id === 'string' && id) all.add(id);
  });
  const fixes: IdFix[] = [];
  doc.descendants((node, pos) => {
    const id = node.attrs.id;
    if (typeof id !== 'string' || !id) return true;
    if (!seen.has(id)) {
      seen.add(id);
      return true;
    }
    let n = 2;
    while (all.has(`${id}-${n}`)) n++;
    const to = `${id}-${n}`;
    all.add(to);
    fixes.push({ pos, from: id, to });
    return true;
  });
  return fixes;
}

/** A command applying duplicateIdFixes; false when every id is already unique. */
export const repairDuplicateIds: Command = (state, dispatch) => {
  const fixes = duplicateIdFixes(state.doc);
  if (fixes.length === 0) return false;
  if (dispatch) {
    const tr = state.tr;
    for (const fix of fixes) tr.setNodeAttribute(fix.pos, 'id', fix.to);
    dispatch(tr.setMeta('addToHistory', false));
  }
  return true;
};
