// Structural editing as ProseMirror commands over the shared schema: usable from keyboard
// shortcuts, menus and the outline's drag and drop, and from tests without a browser. Each takes
// the clause's stable id, returns false (and changes nothing) when the edit is not allowed, and
// keeps every id: a moved clause is the same clause. Moves are a delete and an insert in one
// transaction, which is how y-tiptap writes them to the Y.Doc.

import type { Node as PMNode } from '@tiptap/pm/model';
import { TextSelection, type Command, type EditorState, type Transaction } from '@tiptap/pm/state';
import { KINDS, type ClauseRole, type Kind } from '../model';
import { ID_PREFIX, newId } from '../ids';
import { INFORMATIVE_ROLES } from '../kinds';
import { clauseSiblings, findClause, isWithin, topRoleAt, type ClauseLocation } from './find';
import { isMovableRole, topLevelRoleBeside } from './rules';

export type DropPlace = 'before' | 'after' | 'inside';

export interface NewClauseOptions {
  /** Ids for the new clause and its first paragraph (fresh random ids when left out). */
  id?: string;
  paragraphId?: string;
  title?: string;
}

/** An empty clause: a title and one empty paragraph to type in. */
export function newClauseNode(doc: PMNode, role: ClauseRole, opts: NewClauseOptions = {}): PMNode {
  const schema = doc.type.schema;
  return schema.node('clause', { id: opts.id ?? newId(ID_PREFIX.clause), role, kind: null }, [
    schema.node('clauseTitle', null, opts.title ? [schema.text(opts.title)] : []),
    schema.node('paragraph', { id: opts.paragraphId ?? newId(ID_PREFIX.paragraph) })
  ]);
}

/** Puts the caret in the title of the clause that starts at `pos`. */
function caretInTitle(tr: Transaction, pos: number): Transaction {
  return tr.setSelection(TextSelection.create(tr.doc, pos + 2)).scrollIntoView();
}

/** A new clause after this one, at the same level. */
export function insertClauseAfter(clauseId: string, opts: NewClauseOptions = {}): Command {
  return (state, dispatch) => {
    const loc = findClause(state.doc, clauseId);
    if (!loc) return false;
    const top = loc.parentPos < 0;
    // After a fixed top-level clause a new clause would jump into the fixed sequence; clause 5
    // (Conventions) is the exception, since what follows it is clause 6.
    if (top && !isMovableRole(loc.node.attrs.role) && loc.node.attrs.role !== 'conventions') return false;
    if (dispatch) {
      const role = top ? topLevelRoleBeside(loc.node.attrs.role) : 'body';
      const at = loc.pos + loc.node.nodeSize;
      const tr = state.tr.insert(at, newClauseNode(state.doc, role, opts));
      dispatch(caretInTitle(tr, at));
    }
    return true;
  };
}

/** A new sub-clause at the end of this clause. */
export function insertSubclause(clauseId: string, opts: NewClauseOptions = {}): Command {
  return (state, dispatch) => {
    const loc = findClause(state.doc, clauseId);
    if (!loc) return false;
    if (dispatch) {
      const at = loc.pos + loc.node.nodeSize - 1;
      const tr = state.tr.insert(at, newClauseNode(state.doc, 'body', opts));
      dispatch(caretInTitle(tr, at));
    }
    return true;
  };
}

/**
 * Moves a clause to `at` (a position in the current document), giving it `role`. A caret inside
 * the clause moves with it, so an author can keep pressing the shortcut; otherwise the caret
 * goes to the moved clause's title.
 */
function relocate(tr: Transaction, loc: ClauseLocation, at: number, role: string): Transaction {
  const node = loc.node.type.create({ ...loc.node.attrs, role }, loc.node.content, loc.node.marks);
  const { anchor, head } = tr.selection;
  const end = loc.pos + loc.node.nodeSize;
  const inside = anchor > loc.pos && anchor < end && head > loc.pos && head < end;
  tr.delete(loc.pos, end);
  const mapped = tr.mapping.map(at);
  tr.insert(mapped, node);
  if (!inside) return caretInTitle(tr, mapped);
  const shift = mapped - loc.pos;
  return tr.setSelection(TextSelection.between(tr.doc.resolve(anchor + shift), tr.doc.resolve(head + shift))).scrollIntoView();
}

/** The id of the innermost clause around the selection's head, or null. */
export function clauseIdAtSelection(state: EditorState): string | null {
  const { $head } = state.selection;
  for (let depth = $head.depth; depth > 0; depth--) {
    const node = $head.node(depth);
    if (node.type.name === 'clause' && typeof node.attrs.id === 'string') return node.attrs.id;
  }
  return null;
}

/** A structure command for the clause at the caret, for keyboard shortcuts and menus. */
export function atSelection(make: (clauseId: string) => Command): Command {
  return (state, dispatch, view) => {
    const id = clauseIdAtSelection(state);
    return id !== null && make(id)(state, dispatch, view);
  };
}

/** The clause leaves its parent and follows it, one level up. */
export function promoteClause(clauseId: string): Command {
  return (state, dispatch) => {
    const loc = findClause(state.doc, clauseId);
    if (!loc || loc.parentPos < 0) return false;
    const parent = findParentLocation(state.doc, loc);
    if (!parent) return false;
    const role = parent.parentPos < 0 ? topLevelRoleBeside(parent.node.attrs.role) : 'body';
    if (dispatch) dispatch(relocate(state.tr, loc, parent.pos + parent.node.nodeSize, role));
    return true;
  };
}

function findParentLocation(doc: PMNode, loc: ClauseLocation): ClauseLocation | null {
  const id = loc.parent.attrs.id;
  return typeof id === 'string' ? findClause(doc, id) : null;
}

/** The clause becomes the last sub-clause of the clause before it. */
export function demoteClause(clauseId: string): Command {
  return (state, dispatch) => {
    const loc = findClause(state.doc, clauseId);
    if (!loc || !isMovableRole(loc.node.attrs.role)) return false;
    const { before } = clauseSiblings(loc);
    if (!before) return false;
    if (dispatch) {
      const beforePos = loc.pos - before.nodeSize;
      dispatch(relocate(state.tr, loc, beforePos + before.nodeSize - 1, 'body'));
    }
    return true;
  };
}

/** Swaps the clause with the clause before (-1) or after (+1) it. */
function moveBy(clauseId: string, step: -1 | 1): Command {
  return (state, dispatch) => {
    const loc = findClause(state.doc, clauseId);
    if (!loc || !isMovableRole(loc.node.attrs.role)) return false;
    const { before, after } = clauseSiblings(loc);
    const other = step < 0 ? before : after;
    if (!other || other.attrs.role !== loc.node.attrs.role) return false;
    if (dispatch) {
      const at = step < 0 ? loc.pos - other.nodeSize : loc.pos + loc.node.nodeSize + other.nodeSize;
      dispatch(relocate(state.tr, loc, at, String(loc.node.attrs.role)));
    }
    return true;
  };
}

export const moveClauseUp = (clauseId: string): Command => moveBy(clauseId, -1);
export const moveClauseDown = (clauseId: string): Command => moveBy(clauseId, 1);

/** Moves a clause before, after or inside (as last sub-clause) another: the outline's drop. */
export function moveClause(clauseId: string, targetId: string, place: DropPlace): Command {
  return (state, dispatch) => {
    const loc = findClause(state.doc, clauseId);
    const target = findClause(state.doc, targetId);
    if (!loc || !target || !isMovableRole(loc.node.attrs.role)) return false;
    if (isWithin(loc, target.pos)) return false;
    let at: number;
    let role: string;
    if (place === 'inside') {
      at = target.pos + target.node.nodeSize - 1;
      role = 'body';
    } else {
      at = place === 'before' ? target.pos : target.pos + target.node.nodeSize;
      const top = target.parentPos < 0;
      // At the top level a clause joins the sequence it is dropped into, but never the fixed one.
      if (top && !isMovableRole(target.node.attrs.role) && !(place === 'after' && target.node.attrs.role === 'conventions')) {
        return false;
      }
      role = top ? topLevelRoleBeside(target.node.attrs.role) : 'body';
    }
    if (dispatch) dispatch(relocate(state.tr, loc, at, role));
    return true;
  };
}

/** Deletes a clause with its sub-clauses; the fixed clauses stay. */
export function deleteClause(clauseId: string): Command {
  return (state, dispatch) => {
    const loc = findClause(state.doc, clauseId);
    if (!loc || !isMovableRole(loc.node.attrs.role)) return false;
    if (loc.parentPos < 0 && state.doc.childCount === 1) return false;
    if (dispatch) dispatch(state.tr.delete(loc.pos, loc.pos + loc.node.nodeSize).scrollIntoView());
    return true;
  };
}

/**
 * Sets (or, with null, clears so it inherits) a clause's own kind. Front matter, appendices and
 * the Bibliography are informative: tagging a clause there normative or policy is refused.
 */
export function setClauseKind(clauseId: string, kind: Kind | null): Command {
  return (state, dispatch) => {
    if (kind !== null && !KINDS.includes(kind)) return false;
    const loc = findClause(state.doc, clauseId);
    if (!loc) return false;
    const topRole = topRoleAt(state.doc, loc.pos) as ClauseRole;
    if (kind !== null && kind !== 'informative' && INFORMATIVE_ROLES.has(topRole)) return false;
    if (loc.node.attrs.kind === kind) return true;
    if (dispatch) dispatch(state.tr.setNodeAttribute(loc.pos, 'kind', kind));
    return true;
  };
}
