// The clause the caret is in (or with a given id), and the kinds it may take where it stands.
// Changes go through the structure commands (clauses/structure/commands).

import type { Node as PMNode } from '@tiptap/pm/model';
import type { EditorState } from '@tiptap/pm/state';
import { KINDS, type ClauseRole, type Kind } from '../../../clauses/model';
import { INFORMATIVE_ROLES } from '../../../clauses/kinds';

export interface ClauseHere {
  id: string;
  pos: number;
  node: PMNode;
  /** The role of the top-level clause it belongs to (sub-clauses take their place from it). */
  topRole: ClauseRole;
}

/** The innermost clause around the selection's head. */
export function clauseAtCursor(state: EditorState): ClauseHere | null {
  const { $head } = state.selection;
  for (let depth = $head.depth; depth > 0; depth--) {
    const node = $head.node(depth);
    if (node.type.name === 'clause') {
      return {
        id: String(node.attrs.id ?? ''),
        pos: $head.before(depth),
        node,
        topRole: String($head.node(1).attrs.role ?? 'body') as ClauseRole
      };
    }
  }
  // A node selection of a whole clause.
  const selected = (state.selection as { node?: PMNode }).node;
  if (selected?.type.name === 'clause') {
    const $pos = state.doc.resolve(state.selection.from);
    return {
      id: String(selected.attrs.id ?? ''),
      pos: state.selection.from,
      node: selected,
      topRole: String(($pos.depth > 0 ? $pos.node(1) : selected).attrs.role ?? 'body') as ClauseRole
    };
  }
  return null;
}

/** The clause with `id`, wherever it is. */
export function clauseById(state: EditorState, id: string): ClauseHere | null {
  let found: ClauseHere | null = null;
  state.doc.descendants((node, pos) => {
    if (found) return false;
    if (node.type.name !== 'clause') return false;
    if (node.attrs.id === id) {
      const $pos = state.doc.resolve(pos);
      found = {
        id,
        pos,
        node,
        topRole: String(($pos.depth > 0 ? $pos.node(1) : node).attrs.role ?? 'body') as ClauseRole
      };
      return false;
    }
    return true;
  });
  return found;
}

/** The kinds a clause may be given where it stands (front matter and appendices are informative). */
export function allowedKinds(topRole: ClauseRole): readonly Kind[] {
  return INFORMATIVE_ROLES.has(topRole) ? ['informative'] : KINDS;
}
